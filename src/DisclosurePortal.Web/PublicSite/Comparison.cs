using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Web.PublicSite;

/// <summary>One compared line: a figure cell of the format, named as messages name it.</summary>
public sealed record ComparisonRow(string TableNumber, CellDef Cell);

/// <summary>
/// Two or more reports (two bodies, or one body over years) shown side by side, cell by cell. Columns are in
/// the order given; a value that differs from the column before it is highlighted. Years in different formats
/// (2020 in the trial format, 2021 on) are compared on the cells both formats have; a cell of one format only
/// is shown as such in the years of the other, never mapped to a look-alike.
/// </summary>
public sealed record ComparisonView(string Caption, IReadOnlyList<string> Heads, IReadOnlyList<ReportData> Columns,
    string IdPrefix)
{
    /// <summary>What a column shows for a cell its year's format does not have.</summary>
    public const string NotInFormat = "（该年度格式无此项）";

    /// <summary>
    /// The lines worth comparing, from the format definitions: in a table with several rows and a total column
    /// (表三) each row's total; otherwise every cell (表二's items, 表四's fifteen counts). The latest column's format
    /// gives the order; a cell of an older format only is placed after the line it followed there.
    /// </summary>
    // Lazily: the report page builds a comparison on every request but renders it only when its cached HTML is
    // missing (Show.cshtml), and the rows walk every cell of the format.
    public IReadOnlyList<ComparisonRow> Rows => _rows ??= Merge(
        Columns.Count > 0 ? Columns.Select(c => c.Format).Distinct().Reverse() : [Format2021.Definition]);

    private IReadOnlyList<ComparisonRow>? _rows;

    public static IReadOnlyList<ComparisonRow> RowsOf(ReportFormat format) =>
    [
        .. format.Tables.SelectMany(t => t.Blocks.SelectMany(b =>
            b.Cells.Where(c => b.FigureRows.Count == 1 || !b.Columns.Any(col => col.IsDerived) || c.Column.IsDerived)
                .Select(c => new ComparisonRow(t.Number, c)))),
    ];

    private static List<ComparisonRow> Merge(IEnumerable<ReportFormat> formats)
    {
        var merged = new List<ComparisonRow>();
        foreach (var format in formats)
        {
            var at = 0;
            foreach (var row in RowsOf(format))
            {
                var found = merged.FindIndex(r => r.Cell.Key == row.Cell.Key);
                if (found >= 0) at = found + 1;
                else merged.Insert(at++, row);
            }
        }
        return merged;
    }

    /// <summary>Whether the report of this column has the line's cell in its format.</summary>
    public bool Has(ComparisonRow row, int column) => Columns[column].Format.TryGetCell(row.Cell.Ref, out _);

    /// <summary>A line is shown when at least one report has a value in it.</summary>
    public bool Shows(ComparisonRow row) => Columns.Any(d => d[row.Cell.Ref] is not null);

    /// <summary>A change between two years is judged only where both years' formats have the cell.</summary>
    public bool Differs(ComparisonRow row, int column) =>
        column > 0 && Has(row, column) && Has(row, column - 1) && Columns[column][row.Cell.Ref] != Columns[column - 1][row.Cell.Ref];
}
