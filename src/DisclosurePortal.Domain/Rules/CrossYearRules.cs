namespace DisclosurePortal.Domain.Rules;

// Rules against last year's published report of the same body. They run only when that report is in the
// portal and in the same format (a 2020 report in the 2019 trial format has other rows), and only compare
// cells filled in both years: a blank is CELL-REQUIRED's business, not a cross-year mismatch.

/// <summary>
/// X-CARRY-OVER: this year's 二、上年结转 is last year's 四、结转下年度继续办理, column by column; the applications
/// are the same ones, so a difference means one of the two reports is wrong.
/// </summary>
internal static class CarryOverRule
{
    public static void Check(RuleContext c)
    {
        if (c.Index.Layout2021 is not { } l || c.Previous is not { } prev) return;
        for (var col = 0; col < l.T3Columns.Length; col++)
        {
            var now = l.T3Cell(l.CarriedOver, col);
            var before = l.T3Cell(l.CarriedForward, col);
            if (!c.Current.IsFilled(now) || !prev.IsFilled(before) || c.Current[now] == prev[before]) continue;
            c.AddAtCell(RuleCodes.CarryOver, now,
                $"{l.T3Table.Number} {l.T3Columns[col].Label}列：本年「{l.T3Rows[l.CarriedOver].Label}」为 {c.Show(now)}，" +
                $"但上年度报告「{l.T3Rows[l.CarriedForward].Label}」为 {c.Show(prev, before)}");
        }
    }
}

/// <summary>
/// X-IN-FORCE: 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数 for 规章 and 行政规范性文件.
/// A warning, not an error: an amendment (修改) can keep or renumber documents, so the identity is approximate.
/// </summary>
internal static class InForceRule
{
    public static void Check(RuleContext c)
    {
        if (c.Index.Layout2021 is not { } l || c.Previous is not { } prev) return;
        var f = c.Current;
        for (var r = 0; r < l.InForceRows.Length; r++)
        {
            var (issued, repealed, inForce) = l.InForceCells[r];
            if (!f.IsFilled(issued) || !f.IsFilled(repealed) || !f.IsFilled(inForce) || !prev.IsFilled(inForce)) continue;
            var expected = prev[inForce] + f[issued] - f[repealed];
            if (expected == f[inForce]) continue;
            var cells = c.Index.Cells;
            c.AddAtCell(RuleCodes.InForce, inForce,
                $"{l.T2Table.Number} {l.InForceRows[r].Label}：{cells[inForce].Column.Label}为 {c.Show(inForce)}，" +
                $"但上年度{cells[inForce].Column.Label}（{c.Show(prev, inForce)}）+ {cells[issued].Column.Label}（{c.Show(issued)}）" +
                $"− {cells[repealed].Column.Label}（{c.Show(repealed)}）= {RuleContext.ShowCount(expected)}");
        }
    }
}

/// <summary>
/// T2-REPEAL: a body cannot repeal more documents than it had in force last year plus those it issued this year.
/// </summary>
internal static class RepealRule
{
    public static void Check(RuleContext c)
    {
        if (c.Index.Layout2021 is not { } l || c.Previous is not { } prev) return;
        var f = c.Current;
        for (var r = 0; r < l.InForceRows.Length; r++)
        {
            var (issued, repealed, inForce) = l.InForceCells[r];
            if (!f.IsFilled(repealed) || !prev.IsFilled(inForce)) continue;
            var limit = prev[inForce] + f[issued];
            if (f[repealed] <= limit) continue;
            var cells = c.Index.Cells;
            c.AddAtCell(RuleCodes.T2Repeal, repealed,
                $"{l.T2Table.Number} {l.InForceRows[r].Label}：{cells[repealed].Column.Label}为 {c.Show(repealed)}，" +
                $"超过上年度{cells[inForce].Column.Label}（{c.Show(prev, inForce)}）+ {cells[issued].Column.Label}（{c.Show(issued)}）" +
                $"= {RuleContext.ShowCount(limit)}");
        }
    }
}
