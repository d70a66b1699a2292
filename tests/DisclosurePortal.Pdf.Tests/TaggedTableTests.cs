using System.Globalization;
using DisclosurePortal.Domain.Format;

namespace DisclosurePortal.Pdf.Tests;

/// <summary>
/// The tables as a screen reader gets them from the structure tree (read back with PdfPig's tokens, not with
/// PDFsharp): header cells are TH with /Scope, the merged headers of 表三 and 表四 carry ColSpan/RowSpan under
/// the /Table attribute owner, row labels are TH with Scope Row, figures are TD.
/// </summary>
public class TaggedTableTests
{
    private static readonly ReportFormat Format = Format2021.Definition;

    // Each figure is its index + 1, so a TD's text names the cell it belongs to.
    private static readonly Lazy<PdfStructure> Seed = new(() => new PdfStructure(
        ReportFixtures.Renderer.Render(ReportFixtures.Seed(ReportFixtures.Data(ReportFixtures.Figures((_, i) => i + 1))))));

    private static PdfStructure.Element TableWith(string label) => Fragments(label)[0];

    /// <summary>A table cut by a page break is one Table element per page; each repeats the header rows.</summary>
    private static List<PdfStructure.Element> Fragments(string headerLabel) =>
        [.. Seed.Value.All("Table").Where(t => PdfText.Squeeze(t.Children[0].Text).Contains(PdfText.Squeeze(headerLabel), StringComparison.Ordinal))];

    private static List<PdfStructure.Element> Rows(PdfStructure.Element table, string group) =>
        [.. table.Children.Single(c => c.Type == group).Children.Where(r => r.Type == "TR")];

    private static string Describe(PdfStructure.Element cell) =>
        string.Create(CultureInfo.InvariantCulture, $"{cell.Type} {cell.Scope ?? "-"} {cell.ColSpan}x{cell.RowSpan} {PdfText.Squeeze(cell.Text)}");

    [Fact]
    public void Table_three_header_rows_are_th_cells_with_scope_and_the_official_spans()
    {
        var head = Rows(TableWith("申请人情况"), "THead").Select(r => r.Children.Select(Describe).ToList()).ToList();

        Assert.Equal(
            [
                ["TH Both 3x3 （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "TH Column 7x1 申请人情况"],
                ["TH Column 1x2 自然人", "TH Column 5x1 法人或其他组织", "TH Column 1x2 总计"],
                ["TH Column 1x1 商业企业", "TH Column 1x1 科研机构", "TH Column 1x1 社会公益组织", "TH Column 1x1 法律服务机构", "TH Column 1x1 其他"],
            ],
            head);
    }

    [Fact]
    public void Table_four_header_rows_group_review_and_the_two_kinds_of_suit()
    {
        var head = Rows(TableWith("未经复议直接起诉"), "THead").Select(r => r.Children.Select(Describe).ToList()).ToList();

        Assert.Equal(["TH Column 5x2 行政复议", "TH Column 10x1 行政诉讼"], head[0]);
        Assert.Equal(["TH Column 5x1 未经复议直接起诉", "TH Column 5x1 复议后起诉"], head[1]);
        string[] five = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
        Assert.Equal([.. Enumerable.Repeat(five, 3).SelectMany(f => f).Select(l => $"TH Column 1x1 {l}")], head[2]);
    }

    [Fact]
    public void Every_span_and_scope_sits_in_a_table_attribute_dictionary()
    {
        var cells = Seed.Value.All("TH").Concat(Seed.Value.All("TD")).ToList();
        Assert.All(cells.Where(c => c.Attributes.Count > 0), c => Assert.Equal("Table", c.Attributes["O"]));
        Assert.All(Seed.Value.All("TH"), th => Assert.True(th.Scope is "Row" or "Column" or "Both", Describe(th)));
        Assert.All(Seed.Value.All("TD"), td => Assert.Null(td.Scope));
    }

    [Fact]
    public void Row_labels_are_th_with_row_scope_and_figures_are_td()
    {
        var table = TableWith("申请人情况");
        var body = Rows(table, "TBody");
        Assert.All(body, row =>
        {
            var headers = row.Children.TakeWhile(c => c.Type == "TH").ToList();
            Assert.NotEmpty(headers);
            Assert.All(headers, th => Assert.Equal("Row", th.Scope));
            Assert.All(row.Children.Skip(headers.Count), td => Assert.Equal("TD", td.Type));
            Assert.Equal(7, row.Children.Count(c => c.Type == "TD"));
        });
        // （三）不予公开 spans its eight reasons.
        var withheld = body.SelectMany(r => r.Children).Single(c => PdfText.Squeeze(c.Text) == "（三）不予公开");
        Assert.Equal(("Row", 8), (withheld.Scope, withheld.RowSpan));
    }

    /// <summary>
    /// What a screen reader announces for a figure: the column headers above it and the row headers to its left,
    /// found from the spans alone (the grid rebuilt as HTML places cells). Every figure of 表三 and 表四 must be
    /// reached through the headers of the official form.
    /// </summary>
    [Fact]
    public void Each_figure_of_tables_three_and_four_is_reached_through_its_header_groups()
    {
        var expectedColumns = new Dictionary<string, string[]>
        {
            [Format2021.Table3.Natural] = ["申请人情况", "自然人"],
            [Format2021.Table3.Commercial] = ["申请人情况", "法人或其他组织", "商业企业"],
            [Format2021.Table3.Research] = ["申请人情况", "法人或其他组织", "科研机构"],
            [Format2021.Table3.PublicWelfare] = ["申请人情况", "法人或其他组织", "社会公益组织"],
            [Format2021.Table3.LegalService] = ["申请人情况", "法人或其他组织", "法律服务机构"],
            [Format2021.Table3.OtherOrg] = ["申请人情况", "法人或其他组织", "其他"],
            [Format2021.Table3.Total] = ["申请人情况", "总计"],
        };
        var index = Format.Cells.Select((c, i) => (c, i)).ToDictionary(x => x.c.Ref, x => x.i);

        var t3 = Grid(Fragments("申请人情况"));
        foreach (var cell in Format.Table(Format2021.T3).Cells)
        {
            var (columns, rows) = t3[(index[cell.Ref] + 1).ToString(CultureInfo.InvariantCulture)];
            Assert.Equal(expectedColumns[cell.Column.Code], columns);
            Assert.Equal(RowPath(cell.Block.Rows, cell.Row), rows);
        }

        var t4 = Grid(Fragments("未经复议直接起诉"));
        var groups = new Dictionary<string, string[]>
        {
            [Format2021.Table4.Review] = ["行政复议"],
            [Format2021.Table4.DirectSuit] = ["行政诉讼", "未经复议直接起诉"],
            [Format2021.Table4.SuitAfterReview] = ["行政诉讼", "复议后起诉"],
        };
        foreach (var cell in Format.Table(Format2021.T4).Cells)
        {
            var (columns, rows) = t4[(index[cell.Ref] + 1).ToString(CultureInfo.InvariantCulture)];
            var group = Format2021.Table4.Groups.Single(g => cell.Column.Code.StartsWith(g + ".", StringComparison.Ordinal));
            Assert.Equal([.. groups[group], cell.Column.Label], columns);
            Assert.Empty(rows);
        }
    }

    /// <summary>The labels from the top of the row tree down to <paramref name="row"/>.</summary>
    private static List<string> RowPath(IReadOnlyList<RowDef> rows, RowDef row)
    {
        foreach (var r in rows)
        {
            if (r == row) return [PdfText.Squeeze(r.Label)];
            var below = RowPath(r.Children, row);
            if (below.Count > 0) return [PdfText.Squeeze(r.Label), .. below];
        }
        return [];
    }

    /// <summary>Each TD's text → the texts of the Column/Both headers above it and the Row headers to its left.</summary>
    private static Dictionary<string, (List<string> Columns, List<string> Rows)> Grid(List<PdfStructure.Element> fragments)
    {
        var result = new Dictionary<string, (List<string>, List<string>)>();
        foreach (var table in fragments)
        {
            foreach (var (figure, headers) in Grid(table)) result.Add(figure, headers);
        }
        return result;
    }

    private static Dictionary<string, (List<string> Columns, List<string> Rows)> Grid(PdfStructure.Element table)
    {
        var rows = Rows(table, "THead").Select(r => (Head: true, Row: r)).Concat(Rows(table, "TBody").Select(r => (Head: false, Row: r))).ToList();
        var placed = new List<(int Row, int Col, PdfStructure.Element Cell, bool Head)>();
        var taken = new HashSet<(int, int)>();
        for (var r = 0; r < rows.Count; r++)
        {
            var col = 0;
            foreach (var cell in rows[r].Row.Children)
            {
                while (taken.Contains((r, col))) col++;
                placed.Add((r, col, cell, rows[r].Head));
                for (var dr = 0; dr < cell.RowSpan; dr++)
                for (var dc = 0; dc < cell.ColSpan; dc++)
                    taken.Add((r + dr, col + dc));
                col += cell.ColSpan;
            }
        }
        bool Covers((int Row, int Col, PdfStructure.Element Cell, bool Head) p, int row, int col) =>
            row >= p.Row && row < p.Row + p.Cell.RowSpan && col >= p.Col && col < p.Col + p.Cell.ColSpan;

        var result = new Dictionary<string, (List<string>, List<string>)>();
        foreach (var td in placed.Where(p => p.Cell.Type == "TD"))
        {
            var columns = placed.Where(p => p.Head && p.Cell.Scope is "Column" or "Both" && p.Cell.Type == "TH")
                .Where(p => p.Col <= td.Col && td.Col < p.Col + p.Cell.ColSpan).Select(p => PdfText.Squeeze(p.Cell.Text)).ToList();
            var rowHeads = placed.Where(p => !p.Head && p.Cell.Scope == "Row" && p.Col < td.Col && Covers(p, td.Row, p.Col))
                .OrderBy(p => p.Col).Select(p => PdfText.Squeeze(p.Cell.Text)).ToList();
            result.Add(PdfText.Squeeze(td.Cell.Text), (columns, rowHeads));
        }
        return result;
    }
}
