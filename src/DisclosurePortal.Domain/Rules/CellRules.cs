using System.Globalization;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Rules;

/// <summary>
/// CELL-REQUIRED: every figure is filled in; the form's note says a zero is written as 0, never left blank or
/// 「/」 (国办公开办函〔2021〕30号). One violation per blank cell, because the form shows them per cell.
/// </summary>
internal static class CellRequiredRule
{
    public static void Check(RuleContext c)
    {
        foreach (var cell in c.Format.Cells)
        {
            if (!c.IsFilled(cell.Ref))
                c.AddAt(RuleCodes.CellRequired, cell.Ref, $"{cell.DisplayName} 未填写（没有数据请填 0）");
        }
    }
}

/// <summary>
/// CELL-RANGE: counts are whole numbers ≥ 0 (the 2019 本年增/减 may be negative) and amounts are ≥ 0 with at most
/// 6 decimals (万元 to the 分).
/// The domain refuses such values on save; this catches data that reached a snapshot another way.
/// </summary>
internal static class CellRangeRule
{
    public static void Check(RuleContext c)
    {
        foreach (var cell in c.Format.Cells)
        {
            if (c.Current[cell.Ref] is not { } value || FigureValues.Problem(cell.Kind, value) is not { } problem) continue;
            c.AddAt(RuleCodes.CellRange, cell.Ref,
                $"{cell.DisplayName}：{problem}（{value.ToString(CultureInfo.InvariantCulture)}）");
        }
    }
}

/// <summary>
/// TEXT-REQUIRED: the five sub-heads of 一 and sections 五 and 六 are written (条例 art. 50 lists their content;
/// the format marks them required).
/// </summary>
internal static class TextRequiredRule
{
    public static void Check(RuleContext c)
    {
        foreach (var part in c.Format.ProseParts)
        {
            if (part.Required && VisibleText.IsBlank(c.Current.ProseOf(part.Code)))
                c.Add(RuleCodes.TextRequired, RuleLocation.OfProse(part.Code), $"{c.Format.NameOf(part)} 未填写");
        }
    }
}
