using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Web.PublicSite;

/// <summary>One compared line: a figure cell of the format, named as messages name it.</summary>
public sealed record ComparisonRow(string TableNumber, CellDef Cell);

/// <summary>
/// Two or more reports (two bodies, or one body over years) shown side by side, cell by cell. Columns are in
/// the order given; a value that differs from the column before it is highlighted.
/// </summary>
public sealed record ComparisonView(string Caption, IReadOnlyList<string> Heads, IReadOnlyList<ReportData> Columns,
    string IdPrefix)
{
    /// <summary>
    /// The lines worth comparing, from the format definition: in a table with several rows and a total column
    /// (表三) each row's total; otherwise every cell (表二's items, 表四's fifteen counts).
    /// </summary>
    // Lazily: the report page builds a comparison on every request but renders it only when its cached HTML is
    // missing (Show.cshtml), and the rows walk every cell of the format.
    public IReadOnlyList<ComparisonRow> Rows => _rows ??= RowsOf(Columns.Count > 0 ? Columns[0].Format : Format2021.Definition);

    private IReadOnlyList<ComparisonRow>? _rows;

    public static IReadOnlyList<ComparisonRow> RowsOf(ReportFormat format) =>
    [
        .. format.Tables.SelectMany(t => t.Blocks.SelectMany(b =>
            b.Cells.Where(c => b.FigureRows.Count == 1 || !b.Columns.Any(col => col.IsDerived) || c.Column.IsDerived)
                .Select(c => new ComparisonRow(t.Number, c)))),
    ];

    /// <summary>A line is shown when at least one report has a value in it.</summary>
    public bool Shows(ComparisonRow row) => Columns.Any(d => d[row.Cell.Ref] is not null);

    public bool Differs(ComparisonRow row, int column) =>
        column > 0 && Columns[column][row.Cell.Ref] != Columns[column - 1][row.Cell.Ref];
}
