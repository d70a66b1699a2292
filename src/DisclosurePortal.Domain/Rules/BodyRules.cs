using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Rules;

/// <summary>
/// BODY-NO-RULES: only provincial governments and governments of cities with districts make 规章 among the bodies
/// reporting here (《立法法》 arts. 91, 93); any other body reporting 规章 has most likely put its 行政规范性文件
/// in the wrong row. One warning per nonzero cell of the 规章 row, in either format (2019: 本年新制作数量,
/// 本年新公开数量, 对外公开总数量 of the body's own 规章).
/// </summary>
internal static class BodyNoRulesRule
{
    public static void Check(RuleContext c)
    {
        if (c.Input.BodyKind.MayMakeRules()) return;
        var t2 = c.Format.Table(Format2021.T2);
        var rules = t2.Row(Format2021.Table2.Rules);
        var block = t2.BlockOfRow(rules.Code);
        var next = block.FigureRows[block.FigureRows.ToList().IndexOf(rules) + 1];
        foreach (var column in block.Columns)
        {
            var cell = new CellRef(t2.Code, rules.Code, column.Code);
            if (c.Value(cell) <= 0) continue;
            c.AddAt(RuleCodes.BodyNoRules, cell,
                $"{c.Input.BodyKind.Label()}无权制定{rules.Label}（《立法法》第九十一条、第九十三条），" +
                $"{c.Name(cell)}应为 0，现为 {c.Show(cell)}；{next.Label}请填在下一行");
        }
    }
}

/// <summary>
/// FEE-MAGNITUDE: 本年收费金额 is in 万元; a figure entered in 元 is 10,000 times too large. It is caught by a ceiling
/// per tier or by a jump of 1,000 times last year's fee (docs/rules.md); real fees pass both.
/// The 2019 trial format has no fee amount (its 行政事业性收费 row counts items), so the rule does not run on it.
/// </summary>
internal static class FeeMagnitudeRule
{
    /// <summary>
    /// Ceiling in 万元 by <see cref="BodyKinds.Tier"/> (乡镇/街道, 县级, 市级, 省级): a few times the largest fees real
    /// reports print, for a government reports its whole area's 行政事业性收费 (tens of thousands of 万元).
    /// </summary>
    public static readonly IReadOnlyList<decimal> CeilingByTier = [1_000m, 200_000m, 2_000_000m, 10_000_000m];

    /// <summary>A jump from last year's fee this large is a change of unit, not of fees, whatever the tier.</summary>
    public const decimal JumpFromLastYear = 1_000m;

    private static readonly string[] TierNames = ["乡镇（街道）", "县级", "市级", "省级"];

    public static void Check(RuleContext c)
    {
        var fee = new CellRef(Format2021.T2, Format2021.Table2.AdminFees, Format2021.Table2.FeeAmount);
        if (!c.Has(fee) || c.Current[fee] is not { } value) return;
        var tier = Math.Clamp(c.Input.BodyKind.Tier(), 0, CeilingByTier.Count - 1);
        var inWan = FigureValues.Display(ValueKind.Money, decimal.Round(value / 10_000m, FigureValues.MoneyDecimals));
        var askUnit = $"请核对是否误按“元”填写（{c.Show(fee)} 元 = {inWan} 万元）";
        if (value > CeilingByTier[tier])
            c.AddAt(RuleCodes.FeeMagnitude, fee,
                $"{c.Name(fee)}为 {c.Show(fee)} 万元，超过{TierNames[tier]}单位的合理上限 " +
                $"{FigureValues.Display(ValueKind.Money, CeilingByTier[tier])} 万元；{askUnit}");
        else if (c.Previous is { } previous && previous.Format.TryGetCell(fee, out _) && previous[fee] is > 0 and var last
                 && value >= last * JumpFromLastYear)
            c.AddAt(RuleCodes.FeeMagnitude, fee,
                $"{c.Name(fee)}为 {c.Show(fee)} 万元，是上年（{RuleContext.Show(previous, fee)} 万元）的 " +
                $"{FigureValues.Display(ValueKind.Count, decimal.Floor(value / last))} 倍；{askUnit}");
    }
}
