using DisclosurePortal.Domain.Format;

namespace DisclosurePortal.Domain.Tests.Format;

/// <summary>The one grid of a table block, read by the entry form, the HTML view, the PDF and the exports.</summary>
public sealed class TableGridTests
{
    private static readonly ReportFormat Format = ReportFormats.Get(Format2021.Version);

    [Fact]
    public void Every_figure_cell_of_the_format_appears_once_on_its_blocks_grid_in_document_order()
    {
        var onGrids = Format.Tables.SelectMany(t => t.Blocks)
            .SelectMany(b => b.Grid.BodyRows.SelectMany(r => r.Figures)).Select(c => c.Figure!.Key).ToList();
        Assert.Equal(Format.Cells.Select(c => c.Key), onGrids);
    }

    [Fact]
    public void Every_grid_row_is_covered_exactly_once_across_its_width()
    {
        foreach (var block in Format.Tables.SelectMany(t => t.Blocks))
        {
            var grid = block.Grid;
            var rows = grid.HeaderRows.Count + grid.BodyRows.Count;
            var covered = new int[rows, grid.ColumnCount];
            foreach (var c in grid.Cells)
                for (var r = c.Row; r <= c.LastRow; r++)
                    for (var k = c.Column; k <= c.LastColumn; k++) covered[r, k]++;
            for (var r = 0; r < rows; r++)
                for (var k = 0; k < grid.ColumnCount; k++)
                    Assert.True(covered[r, k] == 1, $"{block.TableCode}/{block.Code}: grid cell ({r},{k}) covered {covered[r, k]} times");
        }
    }

    [Fact]
    public void A_group_head_of_table_three_spans_its_leaves_in_its_depths_column()
    {
        var grid = Format.Table(Format2021.T3).Blocks.Single().Grid;
        var withheld = grid.Cells.Single(c => c.RowCode == Format2021.Table3.Withheld);
        Assert.Equal(GridCellKind.GroupLabel, withheld.Kind);
        Assert.Equal(HeaderScope.RowGroup, withheld.Scope);
        Assert.Equal(1, withheld.Column);
        Assert.Equal(8, withheld.RowSpan);
        var results = grid.Cells.Single(c => c.RowCode == Format2021.Table3.Results);
        Assert.Equal(0, results.Column);
        Assert.Equal(grid.BodyRows.Count(r => r.Path[0].Code == Format2021.Table3.Results), results.RowSpan);
        var received = grid.Cells.Single(c => c.RowCode == Format2021.Table3.Received && c.Kind == GridCellKind.RowLabel);
        Assert.Equal(3, received.ColSpan);
    }

    [Fact]
    public void A_figure_cell_sits_under_a_header_of_every_header_row()
    {
        foreach (var block in Format.Tables.SelectMany(t => t.Blocks))
        {
            var grid = block.Grid;
            foreach (var figure in grid.BodyRows[0].Figures)
            {
                var rowsCovered = grid.HeadersOver(figure.Column).SelectMany(h => Enumerable.Range(h.Row, h.RowSpan)).Order();
                Assert.Equal(Enumerable.Range(0, grid.HeaderRows.Count), rowsCovered);
            }
        }
    }

    [Fact]
    public void A_header_over_one_data_column_names_a_column_and_one_over_several_a_column_group()
    {
        var grid = Format.Table(Format2021.T4).Blocks.Single().Grid;
        var byColumn = grid.HeaderRows.SelectMany(r => r).ToList();
        Assert.Contains(byColumn, h => h.ColSpan > 1 && h.Scope == HeaderScope.ColumnGroup);
        Assert.All(byColumn.Where(h => h.ColSpan == 1 && h.Row == grid.HeaderRows.Count - 1), h => Assert.Equal(HeaderScope.Column, h.Scope));
    }

    [Fact]
    public void A_derived_cell_names_the_cells_it_adds_up()
    {
        var total = Format.Cell(new CellRef(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Total));
        Assert.Equal(Format2021.Table3.ApplicantColumns.Select(c => new CellRef(Format2021.T3, Format2021.Table3.Received, c)), total.SumParts);
        var typed = Format.Cell(new CellRef(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Natural));
        Assert.Empty(typed.SumParts);
    }
}
