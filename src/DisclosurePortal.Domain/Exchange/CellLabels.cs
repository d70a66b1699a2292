using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Exchange;

/// <summary>
/// Labels of a figure cell for exports, read from the format definition (house style rule 1). A row's own label
/// can repeat under different groups (「1.属于国家秘密」 vs 「1.本机关不掌握相关政府信息」 differ, but 「3.其他」 and
/// 「其他」 do not tell where they are), so exports name a row by its whole path from the top of the table.
/// </summary>
public static class CellLabels
{
    /// <summary>「表三」.</summary>
    public static string Table(CellDef cell) => cell.Block.Table.Number;

    /// <summary>「三、本年度办理结果 （三）不予公开 1.属于国家秘密」.</summary>
    public static string RowPath(CellDef cell) =>
        string.Join(" ", (PathTo(cell.Block.Rows, cell.Row) ?? [cell.Row]).Select(r => r.Label));

    /// <summary>「行政诉讼（复议后起诉）结果维持」: 表四's result labels repeat in each group.</summary>
    public static string Column(CellDef cell) => cell.Column.FullLabel;

    /// <summary>「表三 三、本年度办理结果 （三）不予公开 1.属于国家秘密 自然人」, unique within a format.</summary>
    public static string Full(CellDef cell) => $"{cell.Block.Table.Number} {RowPath(cell)} {Column(cell)}";

    private static List<RowDef>? PathTo(IReadOnlyList<RowDef> rows, RowDef target)
    {
        foreach (var row in rows)
        {
            if (row == target) return [row];
            if (PathTo(row.Children, target) is { } below) return [row, .. below];
        }
        return null;
    }
}

/// <summary>
/// RFC 4180 fields. Text that a spreadsheet would run as a formula (=, +, -, @ at the start; OWASP "CSV
/// injection") is prefixed with an apostrophe: body names are typed by administrators, the files are opened by
/// anyone.
/// </summary>
public static class CsvText
{
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    public static string Line(IEnumerable<string> fields) => string.Join(",", fields) + "\r\n";
}

/// <summary>
/// The figures of one report as CSV: one line per cell of the format (blank cells included, with an empty value),
/// in document order, with the labels of the format and the stable cell code (docs/open-data.md).
/// </summary>
public static class FigureCsv
{
    public static readonly string[] Header = ["表格", "行", "列", "代码", "数值"];

    public static string Write(ReportData data)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(CsvText.Line(Header));
        foreach (var cell in data.Format.Cells)
        {
            var value = data[cell.Ref] is { } v ? FigureValues.Display(cell.Kind, v) : "";
            sb.Append(CsvText.Line([CsvText.Text(cell.Block.Table.Number), CsvText.Text(CellLabels.RowPath(cell)),
                CsvText.Text(CellLabels.Column(cell)), CsvText.Text(cell.Ref.ToString()), value]));
        }
        return sb.ToString();
    }
}
