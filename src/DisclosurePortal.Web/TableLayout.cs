using DisclosurePortal.Domain.Format;

namespace DisclosurePortal.Web;

/// <summary>A label cell of a figure row: the row tree drawn across the block's label columns.</summary>
public sealed record LabelCell(string Label, int ColSpan, int RowSpan);

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
                yield return new LabelCell(node.Label, block.LabelColumns - depth, 1);
            }
            else if (FirstLeaf(node) == figureRow)
            {
                yield return new LabelCell(node.Label, 1, CountLeaves(node));
            }
        }
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
