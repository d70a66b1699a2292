namespace DisclosurePortal.Domain.Format;

public enum GridCellKind
{
    Header,
    RowLabel,
    GroupLabel,
    Figure,
}

/// <summary>
/// What a header cell names (HTML scope, PDF /Scope): one data column, several, one row, a group of rows, or — for
/// the corner over the label columns (表三's 勾稽 note, 表二's 信息内容) — both the label column and the header rows.
/// </summary>
public enum HeaderScope
{
    None,
    Column,
    ColumnGroup,
    Row,
    RowGroup,
    Both,
}

/// <summary>
/// A cell of a table block placed on its grid: rows count from the first header row (body rows follow the header),
/// columns from the left (label columns first, then one per data column).
/// </summary>
public sealed record GridCell(int Row, int Column, int RowSpan, int ColSpan, GridCellKind Kind, string Label,
    HeaderScope Scope, CellDef? Figure = null, string? RowCode = null)
{
    public int LastRow => Row + RowSpan - 1;
    public int LastColumn => Column + ColSpan - 1;
}

/// <summary>A figure row of the grid: the label cells that start on it, its figure cells, and the row tree above it.</summary>
public sealed record GridBodyRow(int Row, RowDef Def, IReadOnlyList<GridCell> Labels, IReadOnlyList<GridCell> Figures,
    IReadOnlyList<RowDef> Path);

/// <summary>
/// A table block laid out as the official form draws it, read from the format definition alone: the header rows
/// with their spans, the row tree drawn across the label columns (a group head in its depth's column spanning its
/// leaves, a leaf spanning the remaining label columns), and one figure cell per data column. The entry form, the
/// HTML view, the PDF and the exports all read this one grid.
/// </summary>
public sealed class TableGrid
{
    internal TableGrid(TableBlock block)
    {
        Block = block;
        ColumnCount = block.LabelColumns + block.Columns.Count;
        HeaderRows = PlaceHeaders(block, ColumnCount);
        var body = new List<GridBodyRow>();
        var row = HeaderRows.Count;
        foreach (var figureRow in block.FigureRows)
        {
            var path = PathTo(block.Rows, figureRow)!;
            var labels = new List<GridCell>();
            for (var depth = 0; depth < path.Count && block.LabelColumns > 0; depth++)
            {
                var node = path[depth];
                if (depth == path.Count - 1)
                    labels.Add(new GridCell(row, depth, 1, block.LabelColumns - depth, GridCellKind.RowLabel, node.Label,
                        HeaderScope.Row, RowCode: node.Code));
                else if (FirstLeaf(node) == figureRow)
                    labels.Add(new GridCell(row, depth, CountLeaves(node), 1, GridCellKind.GroupLabel, node.Label,
                        HeaderScope.RowGroup, RowCode: node.Code));
            }
            var figures = block.Columns.Select((col, c) => new GridCell(row, block.LabelColumns + c, 1, 1,
                GridCellKind.Figure, "", HeaderScope.None,
                block.Cells.First(d => d.Row == figureRow && d.Column == col), figureRow.Code)).ToList();
            body.Add(new GridBodyRow(row, figureRow, labels, figures, path));
            row++;
        }
        BodyRows = body;
    }

    public TableBlock Block { get; }
    /// <summary>Label columns plus data columns.</summary>
    public int ColumnCount { get; }
    public IReadOnlyList<IReadOnlyList<GridCell>> HeaderRows { get; }
    public IReadOnlyList<GridBodyRow> BodyRows { get; }

    /// <summary>Every cell in the order a reader meets it: header rows, then each body row's labels and figures.</summary>
    public IEnumerable<GridCell> Cells =>
        HeaderRows.SelectMany(r => r).Concat(BodyRows.SelectMany(r => r.Labels.Concat(r.Figures)));

    /// <summary>The header cells above a grid column, top row first: every level a figure cell sits under.</summary>
    public IEnumerable<GridCell> HeadersOver(int column) =>
        HeaderRows.SelectMany(r => r).Where(h => h.Column <= column && column <= h.LastColumn);

    private static List<IReadOnlyList<GridCell>> PlaceHeaders(TableBlock block, int width)
    {
        // Each header cell goes to the next column not covered by a cell from a row above, as HTML's rowspan does.
        var busy = new int[width];
        var rows = new List<IReadOnlyList<GridCell>>();
        for (var r = 0; r < block.HeaderRows.Count; r++)
        {
            var placed = new List<GridCell>();
            var col = 0;
            foreach (var h in block.HeaderRows[r])
            {
                while (col < width && busy[col] > 0) col++;
                var scope = col + h.ColSpan <= block.LabelColumns ? HeaderScope.Both
                    : h.ColumnCode is not null ? HeaderScope.Column : HeaderScope.ColumnGroup;
                placed.Add(new GridCell(r, col, h.RowSpan, h.ColSpan, GridCellKind.Header, h.Label, scope));
                for (var c = col; c < col + h.ColSpan && c < width; c++) busy[c] = h.RowSpan;
                col += h.ColSpan;
            }
            for (var c = 0; c < width; c++) if (busy[c] > 0) busy[c]--;
            rows.Add(placed);
        }
        return rows;
    }

    private static List<RowDef>? PathTo(IEnumerable<RowDef> rows, RowDef target)
    {
        foreach (var r in rows)
        {
            if (r == target) return [r];
            if (PathTo(r.Children, target) is { } sub) return [r, .. sub];
        }
        return null;
    }

    private static RowDef FirstLeaf(RowDef r) => r.HasFigures ? r : FirstLeaf(r.Children[0]);
    private static int CountLeaves(RowDef r) => r.HasFigures ? 1 : r.Children.Sum(CountLeaves);
}
