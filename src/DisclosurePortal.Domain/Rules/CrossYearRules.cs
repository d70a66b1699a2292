using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using T2 = DisclosurePortal.Domain.Format.Format2021.Table2;
using T3 = DisclosurePortal.Domain.Format.Format2021.Table3;

namespace DisclosurePortal.Domain.Rules;

// Rules against last year's published report of the same body, when it is in the portal. They compare a cell
// only where both years' formats have it (a code means the same figure in every format: 表三's rows carry over
// from a 2020 trial-format report to a 2021 one; 表二's 2019 columns are another thing and never compared), and
// only when it is filled in both years: a blank is CELL-REQUIRED's business, not a cross-year mismatch.

/// <summary>
/// X-CARRY-OVER: this year's 二、上年结转 is last year's 四、结转下年度继续办理, column by column; the applications
/// are the same ones, so a difference means one of the two reports is wrong.
/// </summary>
internal static class CarryOverRule
{
    public static void Check(RuleContext c)
    {
        if (c.Previous is not { } previous) return;
        var t3 = c.Format.Table(Format2021.T3);
        var differing = t3.BlockOfRow(T3.CarriedOver).Columns.Where(column => previous.Format.TryGetCell(Before(column), out _)
            && c.Current[Now(column)] is { } carriedOver && previous[Before(column)] is { } carriedForward && carriedOver != carriedForward).ToList();
        // The 总计 column is the sum of the others: a difference in an applicant column shows there too, and is one
        // discrepancy needing one explanation. The total speaks alone only when no applicant column explains it.
        if (differing.Any(col => !col.IsDerived)) differing.RemoveAll(col => col.IsDerived);
        foreach (var column in differing)
        {
            c.AddAt(RuleCodes.CarryOver, Now(column),
                $"{t3.Number} {column.Label}列：本年「{t3.Row(T3.CarriedOver).Label}」为 {c.Show(Now(column))}，" +
                $"但上年度报告「{previous.Format.Table(t3.Code).Row(T3.CarriedForward).Label}」为 {RuleContext.Show(previous, Before(column))}");
        }

        CellRef Now(ColumnDef column) => new(t3.Code, T3.CarriedOver, column.Code);
        CellRef Before(ColumnDef column) => new(t3.Code, T3.CarriedForward, column.Code);
    }
}

/// <summary>The 规章 and 行政规范性文件 rows of 表二, whose documents in force carry over from year to year.</summary>
internal sealed record InForceRow(RowDef Row, CellRef Issued, CellRef Repealed, CellRef InForce)
{
    /// <summary>
    /// The rows of this year's format that have the three columns, when last year's format has 现行有效件数 too: the
    /// 2019 trial format counts 本年新制作/本年新公开/对外公开总数量 instead, which do not carry over.
    /// </summary>
    public static IEnumerable<InForceRow> Of(RuleContext c, ReportData previous)
    {
        var t2 = Format2021.T2;
        foreach (var code in new[] { T2.Rules, T2.NormativeDocs })
        {
            var (issued, repealed, inForce) =
                (new CellRef(t2, code, T2.Issued), new CellRef(t2, code, T2.Repealed), new CellRef(t2, code, T2.InForce));
            if (!c.Has(issued, repealed, inForce) || !previous.Format.TryGetCell(inForce, out _)) continue;
            yield return new InForceRow(c.Format.Table(t2).Row(code), issued, repealed, inForce);
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
        if (c.Previous is not { } previous) return;
        var t2 = c.Format.Table(Format2021.T2);
        foreach (var (row, issued, repealed, inForce) in InForceRow.Of(c, previous))
        {
            if (!c.IsFilled(issued) || !c.IsFilled(repealed) || !c.IsFilled(inForce) || previous[inForce] is not { } lastYear) continue;
            var expected = lastYear + c.Value(issued) - c.Value(repealed);
            if (expected == c.Value(inForce)) continue;
            var (issuedLabel, repealedLabel, inForceLabel) = (Label(c, issued), Label(c, repealed), Label(c, inForce));
            c.AddAt(RuleCodes.InForce, inForce,
                $"{t2.Number} {row.Label}：{inForceLabel}为 {c.Show(inForce)}，" +
                $"但上年度{inForceLabel}（{RuleContext.Show(previous, inForce)}）+ {issuedLabel}（{c.Show(issued)}）" +
                $"− {repealedLabel}（{c.Show(repealed)}）= {RuleContext.ShowCount(expected)}");
        }
    }

    internal static string Label(RuleContext c, CellRef cell) => c.Format.Cell(cell).Column.Label;
}

/// <summary>
/// T2-REPEAL: a body cannot repeal more documents than it had in force last year plus those it issued this year.
/// </summary>
internal static class RepealRule
{
    public static void Check(RuleContext c)
    {
        if (c.Previous is not { } previous) return;
        var t2 = c.Format.Table(Format2021.T2);
        foreach (var (row, issued, repealed, inForce) in InForceRow.Of(c, previous))
        {
            if (!c.IsFilled(repealed) || previous[inForce] is not { } lastYear) continue;
            var limit = lastYear + c.Value(issued);
            if (c.Value(repealed) <= limit) continue;
            c.AddAt(RuleCodes.T2Repeal, repealed,
                $"{t2.Number} {row.Label}：{InForceRule.Label(c, repealed)}为 {c.Show(repealed)}，" +
                $"超过上年度{InForceRule.Label(c, inForce)}（{RuleContext.Show(previous, inForce)}）+ {InForceRule.Label(c, issued)}（{c.Show(issued)}）" +
                $"= {RuleContext.ShowCount(limit)}");
        }
    }
}
