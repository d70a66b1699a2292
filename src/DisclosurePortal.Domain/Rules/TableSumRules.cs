using DisclosurePortal.Domain.Format;
using T3 = DisclosurePortal.Domain.Format.Format2021.Table3;

namespace DisclosurePortal.Domain.Rules;

// The 勾稽关系 of tables 三 and 四 (国办公开办函〔2021〕30号; the 2019 trial format has the same ones, over the same
// codes, its （六）其他处理 being one row). All are blocking. A check whose cells are all blank is skipped: an
// empty draft gets CELL-REQUIRED per cell and no sum errors on top.

/// <summary>T3-BALANCE: in each column 一 + 二 = （七）总计 + 四 (the rule printed in the form's header).</summary>
internal static class T3BalanceRule
{
    public static void Check(RuleContext c)
    {
        var t3 = c.Format.Table(Format2021.T3);
        foreach (var column in t3.BlockOfRow(T3.Received).Columns)
        {
            var received = new CellRef(t3.Code, T3.Received, column.Code);
            var carriedOver = new CellRef(t3.Code, T3.CarriedOver, column.Code);
            var results = new CellRef(t3.Code, T3.ResultsTotal, column.Code);
            var carriedForward = new CellRef(t3.Code, T3.CarriedForward, column.Code);
            if (!c.AnyFilled([received, carriedOver, results, carriedForward])) continue;
            var left = c.Value(received) + c.Value(carriedOver);
            var right = c.Value(results) + c.Value(carriedForward);
            if (left == right) continue;
            c.AddAt(RuleCodes.T3Balance, results,
                $"{t3.Number} {column.Label}列：" +
                $"{t3.Row(T3.Received).ShortLabel}（{c.Show(received)}）+ {t3.Row(T3.CarriedOver).ShortLabel}（{c.Show(carriedOver)}）= {RuleContext.ShowCount(left)}，" +
                $"但{t3.Row(T3.ResultsTotal).ShortLabel}（{c.Show(results)}）+ {t3.Row(T3.CarriedForward).ShortLabel}（{c.Show(carriedForward)}）= {RuleContext.ShowCount(right)}");
        }
    }
}

/// <summary>T3-ROW-TOTAL: in each figure row 总计 = the six applicant columns.</summary>
internal static class T3RowTotalRule
{
    public static void Check(RuleContext c)
    {
        var t3 = c.Format.Table(Format2021.T3);
        var block = t3.BlockOfRow(T3.Received);
        var totalColumn = block.Columns.First(col => col.IsDerived);
        var applicants = totalColumn.SumOf!.Select(block.Column).ToList();
        foreach (var row in block.FigureRows)
        {
            var total = new CellRef(t3.Code, row.Code, totalColumn.Code);
            var parts = applicants.Select(col => new CellRef(t3.Code, row.Code, col.Code)).ToList();
            if (!c.IsFilled(total) && !c.AnyFilled(parts)) continue;
            var sum = c.Sum(parts);
            if (sum == c.Value(total)) continue;
            var terms = string.Join(" + ", applicants.Zip(parts, (col, cell) => $"{col.Label}（{c.Show(cell)}）"));
            c.AddAt(RuleCodes.T3RowTotal, total,
                $"{t3.Number}「{row.ShortLabel}」行：{terms} = {RuleContext.ShowCount(sum)}，但{totalColumn.Label}为 {c.Show(total)}");
        }
    }
}

/// <summary>T3-RESULT-SUM: in each column （七）总计 = （一）+（二）+ Σ（三）+ Σ（四）+ Σ（五）+ Σ（六）.</summary>
internal static class T3ResultSumRule
{
    public static void Check(RuleContext c)
    {
        var t3 = c.Format.Table(Format2021.T3);
        var resultsTotal = t3.Row(T3.ResultsTotal);
        var first = t3.Row(resultsTotal.SumOf![0]).ShortLabel;
        var last = t3.Row(resultsTotal.SumOf[^1]).ShortLabel;
        foreach (var column in t3.BlockOfRow(T3.ResultsTotal).Columns)
        {
            var total = new CellRef(t3.Code, resultsTotal.Code, column.Code);
            var parts = resultsTotal.SumOf.Select(row => new CellRef(t3.Code, row, column.Code)).ToList();
            if (!c.IsFilled(total) && !c.AnyFilled(parts)) continue;
            var sum = c.Sum(parts);
            if (sum == c.Value(total)) continue;
            c.AddAt(RuleCodes.T3ResultSum, total,
                $"{t3.Number} {column.Label}列：{resultsTotal.ShortLabel}为 {c.Show(total)}，" +
                $"但{first}至{last}各项之和为 {RuleContext.ShowCount(sum)}");
        }
    }
}

/// <summary>T4-TOTAL: in each group of 表四 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.</summary>
internal static class T4TotalRule
{
    public static void Check(RuleContext c)
    {
        var t4 = c.Format.Table(Format2021.T4);
        var block = t4.BlockOfRow(Format2021.Table4.Row);
        foreach (var totalColumn in block.Columns.Where(col => col.IsDerived))
        {
            var total = new CellRef(t4.Code, Format2021.Table4.Row, totalColumn.Code);
            var columns = totalColumn.SumOf!.Select(block.Column).ToList();
            var parts = columns.Select(col => new CellRef(t4.Code, Format2021.Table4.Row, col.Code)).ToList();
            if (!c.IsFilled(total) && !c.AnyFilled(parts)) continue;
            var sum = c.Sum(parts);
            if (sum == c.Value(total)) continue;
            var terms = string.Join(" + ", columns.Zip(parts, (col, cell) => $"{col.Label}（{c.Show(cell)}）"));
            c.AddAt(RuleCodes.T4Total, total,
                $"{t4.Number} {totalColumn.Group}：{terms} = {RuleContext.ShowCount(sum)}，但{totalColumn.Label}为 {c.Show(total)}");
        }
    }
}
