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
        var cells = c.Index.Cells;
        for (var i = 0; i < cells.Length; i++)
            if (!c.Current.IsFilled(i))
                c.AddAtCell(RuleCodes.CellRequired, i, $"{cells[i].DisplayName} 未填写（没有数据请填 0）");
    }
}

/// <summary>
/// CELL-RANGE: counts are whole numbers ≥ 0 and the fee is ≥ 0 with at most 4 decimals (万元 to the 元).
/// The domain refuses such values on save; this catches data that reached a snapshot another way.
/// </summary>
internal static class CellRangeRule
{
    public static void Check(RuleContext c)
    {
        var cells = c.Index.Cells;
        for (var i = 0; i < cells.Length; i++)
        {
            if (!c.Current.IsFilled(i)) continue;
            var value = c.Current[i];
            if (FigureValues.Problem(cells[i].Kind, value) is { } problem)
                c.AddAtCell(RuleCodes.CellRange, i,
                    $"{cells[i].DisplayName}：{problem}（{value.ToString(CultureInfo.InvariantCulture)}）");
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
        var parts = c.Index.ProseParts;
        for (var i = 0; i < parts.Length; i++)
        {
            if (!parts[i].Required) continue;
            if (string.IsNullOrWhiteSpace(c.Input.Current.ProseOf(parts[i].Code)))
                c.Add(RuleCodes.TextRequired, RuleLocation.OfProse(parts[i].Code), $"{c.Index.ProseNames[i]} 未填写");
        }
    }
}
