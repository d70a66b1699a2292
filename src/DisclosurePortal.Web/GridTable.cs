using DisclosurePortal.Domain.Format;

namespace DisclosurePortal.Web;

/// <summary>
/// A block's grid as one HTML table of a page: the ids that let every figure cell name all its header cells
/// (headers + id: 表三 has three header levels above and up to three label levels beside a cell, which scope alone
/// does not convey, WCAG 2.1 1.3.1). <paramref name="IdBase"/> keeps ids unique when a page shows several tables.
/// </summary>
public sealed record GridTable(TableGrid Grid, string IdBase)
{
    public string HeaderId(GridCell header) => $"{IdBase}-h{header.Row}-{header.Column}";

    public string RowId(string rowCode) => $"{IdBase}-r{rowCode.Replace('.', '_')}";

    /// <summary>The ids of the row labels beside and the header cells above a figure cell.</summary>
    public string Headers(GridBodyRow row, GridCell figure) => string.Join(' ',
        (Grid.Block.LabelColumns > 0 ? row.Path.Select(r => RowId(r.Code)) : [])
        .Concat(Grid.HeadersOver(figure.Column).Select(HeaderId)));

    public static string Scope(GridCell cell) => cell.Scope switch
    {
        HeaderScope.ColumnGroup => "colgroup",
        HeaderScope.Row => "row",
        HeaderScope.RowGroup => "rowgroup",
        _ => "col",
    };
}
