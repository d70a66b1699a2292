using DisclosurePortal.Domain.Format;

namespace DisclosurePortal.Web;

/// <summary>A label cell of a figure row: the row tree drawn across the block's label columns.</summary>
public sealed record LabelCell(string Label, int ColSpan, int RowSpan, string RowCode = "");

/// <summary>A header cell of the official form placed on the grid: its row and the grid columns it covers.</summary>
public sealed record PlacedHeader(HeaderCell Cell, int Row, int FirstColumn, int LastColumn);

public static class TableLayout
{
    /// <summary>
    /// The label cells that start on this figure row. A group head (「三、本年度办理结果」, 「（三）不予公开」) sits in
    /// its depth's column and spans all its figure rows; a leaf spans the remaining label columns.
    /// </summary>
    public static IEnumerable<LabelCell> LabelCells(TableBlock block, RowDef figureRow)
    {
        if (block.LabelColumns == 0) yield break;
        var path = PathTo(block.Rows, figureRow) ?? throw new ArgumentException($"row {figureRow.Code} not in block");
        for (var depth = 0; depth < path.Count; depth++)
        {
            var node = path[depth];
            var isLeaf = depth == path.Count - 1;
            if (isLeaf)
            {
                yield return new LabelCell(node.Label, block.LabelColumns - depth, 1, node.Code);
            }
            else if (FirstLeaf(node) == figureRow)
            {
                yield return new LabelCell(node.Label, 1, CountLeaves(node), node.Code);
            }
        }
    }

    /// <summary>The figure row and the group heads above it (「三、本年度办理结果」 › 「（三）不予公开」 › 「1.属于国家秘密」).</summary>
    public static IReadOnlyList<RowDef> RowPath(TableBlock block, RowDef figureRow) =>
        PathTo(block.Rows, figureRow) ?? throw new ArgumentException($"row {figureRow.Code} not in block");

    /// <summary>
    /// The header rows placed on the grid (label columns first, then one grid column per data column), spans
    /// included: what a td's headers attribute needs to name every header level above it (表三 has three).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<PlacedHeader>> PlaceHeaders(TableBlock block)
    {
        var width = block.LabelColumns + block.Columns.Count;
        var busy = new int[width]; // header rows still covered by a cell from a row above (rowspan)
        var rows = new List<IReadOnlyList<PlacedHeader>>();
        for (var r = 0; r < block.HeaderRows.Count; r++)
        {
            var placed = new List<PlacedHeader>();
            var col = 0;
            foreach (var h in block.HeaderRows[r])
            {
                while (col < width && busy[col] > 0) col++;
                placed.Add(new PlacedHeader(h, r, col, col + h.ColSpan - 1));
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
