using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Pdf.Layout;

internal enum CellKind
{
    Header,
    Label,
    GroupLabel,
    Figure,
}

/// <summary>A cell placed on the block's grid. Rows count from the first header row; body rows follow the header.</summary>
internal sealed record GridCell(int Row, int Col, int RowSpan, int ColSpan, string Text, CellKind Kind)
{
    public int LastRow => Row + RowSpan - 1;
}

/// <summary>
/// A table block (表二's four sub-tables, 表三, 表四) as a grid of spanned cells, exactly as the official form
/// draws it: header rows from the format definition, the row tree across the label columns, then the figures.
/// </summary>
internal sealed class BlockGrid
{
    private BlockGrid(TableBlock block, int headerRows, int bodyRows, IReadOnlyList<GridCell> cells,
        IReadOnlyList<(int First, int Last)> keepUnits, double[] columnFractions)
    {
        Block = block;
        HeaderRowCount = headerRows;
        BodyRowCount = bodyRows;
        Cells = cells;
        KeepUnits = keepUnits;
        ColumnFractions = columnFractions;
    }

    public TableBlock Block { get; }
    public int HeaderRowCount { get; }
    public int BodyRowCount { get; }
    public int ColumnCount => ColumnFractions.Length;
    public IReadOnlyList<GridCell> Cells { get; }
    /// <summary>Runs of body rows (grid row numbers) that should stay on one page: a group such as （三）不予公开.</summary>
    public IReadOnlyList<(int First, int Last)> KeepUnits { get; }
    public double[] ColumnFractions { get; }

    public static BlockGrid Build(TableBlock block, ReportData data)
    {
        var columns = block.LabelColumns + block.Columns.Count;
        var cells = new List<GridCell>();

        // Header rows: place each cell at the next free column, as HTML tables do with rowspan.
        var headerRows = block.HeaderRows.Count;
        var taken = new bool[headerRows, columns];
        for (var r = 0; r < headerRows; r++)
        {
            var col = 0;
            foreach (var h in block.HeaderRows[r])
            {
                while (col < columns && taken[r, col]) col++;
                cells.Add(new GridCell(r, col, h.RowSpan, h.ColSpan, h.Label, CellKind.Header));
                for (var rr = r; rr < Math.Min(headerRows, r + h.RowSpan); rr++)
                for (var cc = col; cc < Math.Min(columns, col + h.ColSpan); cc++)
                    taken[rr, cc] = true;
                col += h.ColSpan;
            }
        }

        // Body: the row tree. A group head sits in its depth's column and spans its leaves; a leaf spans the
        // remaining label columns (the same mapping as the HTML view's TableLayout).
        var row = headerRows;
        var units = new List<(int, int)>();
        void Walk(IReadOnlyList<RowDef> rows, int depth, bool topLevel)
        {
            foreach (var r in rows)
            {
                if (r.HasFigures)
                {
                    if (block.LabelColumns > 0)
                        cells.Add(new GridCell(row, depth, 1, block.LabelColumns - depth, r.Label, CellKind.Label));
                    for (var c = 0; c < block.Columns.Count; c++)
                    {
                        var column = block.Columns[c];
                        var value = data[new CellRef(block.TableCode, r.Code, column.Code)];
                        var text = value is { } v ? FigureValues.Display(column.Kind, v) : "";
                        cells.Add(new GridCell(row, block.LabelColumns + c, 1, 1, text, CellKind.Figure));
                    }
                    units.Add((row, row));
                    row++;
                }
                else
                {
                    var first = row;
                    var leaves = CountLeaves(r);
                    cells.Add(new GridCell(row, depth, leaves, 1, r.Label, CellKind.GroupLabel));
                    var unitsBefore = units.Count;
                    Walk(r.Children, depth + 1, false);
                    // An inner group (（三）不予公开) stays together; the top group (三、本年度办理结果) is too long to.
                    if (!topLevel)
                    {
                        units.RemoveRange(unitsBefore, units.Count - unitsBefore);
                        units.Add((first, row - 1));
                    }
                }
            }
        }
        Walk(block.Rows, 0, true);

        return new BlockGrid(block, headerRows, row - headerRows, cells, units, ComputeColumnFractions(block));
    }

    private static int CountLeaves(RowDef r) => r.HasFigures ? 1 : r.Children.Sum(CountLeaves);

    private static double[] ComputeColumnFractions(TableBlock block)
    {
        // Label column shares measured from the official form: the row tree needs room, figures do not.
        double[] labels = block.LabelColumns switch
        {
            0 => [],
            1 => [0.29],
            2 => [0.12, 0.30],
            3 => [0.085, 0.10, 0.295],
            _ => [.. Enumerable.Repeat(0.45 / block.LabelColumns, block.LabelColumns)],
        };
        var rest = (1.0 - labels.Sum()) / block.Columns.Count;
        return [.. labels, .. Enumerable.Repeat(rest, block.Columns.Count)];
    }
}
