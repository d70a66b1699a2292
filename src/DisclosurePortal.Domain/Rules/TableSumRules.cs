using System.Text;

namespace DisclosurePortal.Domain.Rules;

// The 勾稽关系 of tables 三 and 四 (国办公开办函〔2021〕30号). All are blocking. A check whose cells are all
// blank is skipped: an empty draft gets CELL-REQUIRED per cell and no sum errors on top. Otherwise a blank
// cell counts as 0 and is shown as 「未填」, so a half-entered column already shows whether it balances.

/// <summary>T3-BALANCE: in each column 一 + 二 = （七）总计 + 四 (the rule printed in the form's header).</summary>
internal static class T3BalanceRule
{
    public static void Check(RuleContext c)
    {
        if (c.Index.Layout2021 is not { } l) return;
        var f = c.Current;
        for (var col = 0; col < l.T3Columns.Length; col++)
        {
            int a = l.T3Cell(l.Received, col), b = l.T3Cell(l.CarriedOver, col);
            int t = l.T3Cell(l.ResultsTotal, col), d = l.T3Cell(l.CarriedForward, col);
            if (!f.AnyFilled([a, b, t, d])) continue;
            var left = f[a] + f[b];
            var right = f[t] + f[d];
            if (left == right) continue;
            var rows = l.T3Rows;
            c.AddAtCell(RuleCodes.T3Balance, t,
                $"{l.T3Table.Number} {l.T3Columns[col].Label}列：" +
                $"{rows[l.Received].ShortLabel}（{c.Show(a)}）+ {rows[l.CarriedOver].ShortLabel}（{c.Show(b)}）= {RuleContext.ShowCount(left)}，" +
                $"但{rows[l.ResultsTotal].ShortLabel}（{c.Show(t)}）+ {rows[l.CarriedForward].ShortLabel}（{c.Show(d)}）= {RuleContext.ShowCount(right)}");
        }
    }
}

/// <summary>T3-ROW-TOTAL: in each figure row 总计 = the six applicant columns.</summary>
internal static class T3RowTotalRule
{
    public static void Check(RuleContext c)
    {
        if (c.Index.Layout2021 is not { } l) return;
        var f = c.Current;
        Span<int> parts = stackalloc int[l.ApplicantColumns.Length];
        for (var row = 0; row < l.T3Rows.Length; row++)
        {
            var cells = l.T3Cells[row];
            for (var i = 0; i < parts.Length; i++) parts[i] = cells[l.ApplicantColumns[i]];
            var total = cells[l.TotalColumn];
            if (!f.IsFilled(total) && !f.AnyFilled(parts)) continue;
            var sum = f.Sum(parts);
            if (sum == f[total]) continue;
            var sb = new StringBuilder();
            sb.Append(l.T3Table.Number).Append('「').Append(l.T3Rows[row].ShortLabel).Append("」行：");
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0) sb.Append(" + ");
                sb.Append(l.T3Columns[l.ApplicantColumns[i]].Label).Append('（').Append(c.Show(parts[i])).Append('）');
            }
            sb.Append(" = ").Append(RuleContext.ShowCount(sum))
                .Append("，但").Append(l.T3Columns[l.TotalColumn].Label).Append("为 ").Append(c.Show(total));
            c.AddAtCell(RuleCodes.T3RowTotal, total, sb.ToString());
        }
    }
}

/// <summary>T3-RESULT-SUM: in each column （七）总计 = （一）+（二）+ Σ（三）+ Σ（四）+ Σ（五）+ Σ（六）.</summary>
internal static class T3ResultSumRule
{
    public static void Check(RuleContext c)
    {
        if (c.Index.Layout2021 is not { } l) return;
        var f = c.Current;
        Span<int> parts = stackalloc int[l.ResultParts.Length];
        for (var col = 0; col < l.T3Columns.Length; col++)
        {
            for (var i = 0; i < parts.Length; i++) parts[i] = l.T3Cell(l.ResultParts[i], col);
            var total = l.T3Cell(l.ResultsTotal, col);
            if (!f.IsFilled(total) && !f.AnyFilled(parts)) continue;
            var sum = f.Sum(parts);
            if (sum == f[total]) continue;
            var first = l.T3Rows[l.ResultParts[0]].ShortLabel;
            var last = l.T3Rows[l.ResultParts[^1]].ShortLabel;
            c.AddAtCell(RuleCodes.T3ResultSum, total,
                $"{l.T3Table.Number} {l.T3Columns[col].Label}列：{l.T3Rows[l.ResultsTotal].ShortLabel}为 {c.Show(total)}，" +
                $"但{first}至{last}各项之和为 {RuleContext.ShowCount(sum)}");
        }
    }
}

/// <summary>T4-TOTAL: in each group of 表四 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.</summary>
internal static class T4TotalRule
{
    public static void Check(RuleContext c)
    {
        if (c.Index.Layout2021 is not { } l) return;
        var f = c.Current;
        for (var g = 0; g < l.T4TotalCells.Length; g++)
        {
            var total = l.T4TotalCells[g];
            var parts = l.T4PartCells[g];
            if (!f.IsFilled(total) && !f.AnyFilled(parts)) continue;
            var sum = f.Sum(parts);
            if (sum == f[total]) continue;
            var sb = new StringBuilder();
            sb.Append(l.T4Table.Number).Append(' ').Append(l.T4Totals[g].Group).Append('：');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0) sb.Append(" + ");
                sb.Append(l.T4PartColumns[g][i].Label).Append('（').Append(c.Show(parts[i])).Append('）');
            }
            sb.Append(" = ").Append(RuleContext.ShowCount(sum))
                .Append("，但").Append(l.T4Totals[g].Label).Append("为 ").Append(c.Show(total));
            c.AddAtCell(RuleCodes.T4Total, total, sb.ToString());
        }
    }
}
