using DisclosurePortal.Domain.Format;

namespace DisclosurePortal.Domain.Reports;

/// <summary>One filled cell of a revision, as read from it. Blank cells have none.</summary>
public sealed record Figure(CellRef Cell, ValueKind Kind, decimal Value);

/// <summary>How figures came in: typed in the portal (totals derived) or from outside (totals kept as given).</summary>
public enum FigureEntry
{
    /// <summary>The portal computes the 总计 column, （七）总计 and the 表四 totals.</summary>
    DeriveTotals,
    /// <summary>An import or the API: totals are kept as given so that the rules can judge them.</summary>
    AsGiven,
    /// <summary>
    /// Typed in the portal over a report whose stored totals disagree with their parts (an imported report's own
    /// arithmetic): totals are derived, except those that disagreed, which stay as they were until the clerk
    /// accepts the computed ones (<see cref="DeriveTotals"/>) — a save never replaces them silently.
    /// </summary>
    DeriveAgreeingTotals,
}

public static class FigureValues
{
    /// <summary>The largest count: counts are 32-bit in every export and in the database constraint.</summary>
    public const decimal MaxCount = int.MaxValue;
    /// <summary>14 integer digits of 万元 is far beyond any real fee or purchase.</summary>
    public const decimal MaxMoney = 99_999_999_999_999.999999m;
    /// <summary>Amounts in 万元 are kept to the 分: 1 分 = 0.000001 万元, as real reports print fees (24252.311082).</summary>
    public const int MoneyDecimals = 6;

    /// <summary>
    /// Why a value can never be stored in a cell of this kind, or null when it can. Shared by the domain,
    /// the input validators and the importer, so that all say the same thing (CELL-RANGE).
    /// </summary>
    public static string? Problem(ValueKind kind, decimal value)
    {
        if (value < 0 && kind != ValueKind.SignedCount) return "不能为负数";
        if (kind == ValueKind.Money)
        {
            if (decimal.Round(value, MoneyDecimals) != value) return "金额最多保留6位小数（单位：万元，精确到分）";
            if (value > MaxMoney) return "金额超出允许范围";
        }
        else
        {
            if (decimal.Truncate(value) != value) return "件数必须是整数";
            if (Math.Abs(value) > MaxCount) return $"超出允许范围（最大 {MaxCount:0}）";
        }
        return null;
    }

    /// <summary>Formats a figure as printed: counts as integers, money with trailing zeros trimmed.</summary>
    public static string Display(ValueKind kind, decimal value) => kind == ValueKind.Money
        ? value.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)
        : decimal.Truncate(value).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Computes derived totals from the format's SumOf definitions.</summary>
public static class TotalDeriver
{
    /// <summary>
    /// Returns the figures with every derived cell recomputed. In each block derived rows (（七）总计) are summed
    /// first, then derived columns (总计), so the bottom-right cell equals both ways of adding up.
    /// </summary>
    public static Dictionary<CellRef, decimal> Derive(ReportFormat format, IReadOnlyDictionary<CellRef, decimal> figures)
    {
        var result = new Dictionary<CellRef, decimal>(figures);
        foreach (var table in format.Tables)
        foreach (var block in table.Blocks)
        {
            foreach (var row in block.FigureRows.Where(r => r.IsDerived))
            foreach (var col in block.Columns.Where(c => !c.IsDerived))
                SetSum(result, new CellRef(table.Code, row.Code, col.Code), row.SumOf!.Select(r => new CellRef(table.Code, r, col.Code)));
            foreach (var row in block.FigureRows)
            foreach (var col in block.Columns.Where(c => c.IsDerived))
                SetSum(result, new CellRef(table.Code, row.Code, col.Code), col.SumOf!.Select(c => new CellRef(table.Code, row.Code, c)));
        }
        return result;
    }

    private static void SetSum(Dictionary<CellRef, decimal> figures, CellRef target, IEnumerable<CellRef> parts)
    {
        var (sum, any) = (0m, false);
        foreach (var part in parts)
            if (figures.TryGetValue(part, out var v)) (sum, any) = (sum + v, true);
        // A total of nothing entered stays blank, so CELL-REQUIRED points at the parts, not the total.
        if (any) figures[target] = sum;
        else figures.Remove(target);
    }
}
