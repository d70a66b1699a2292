using System.Text;
using System.Text.RegularExpressions;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Pdf.Tests;

public class ReportPdfRendererTests
{
    private static readonly ReportFormat Format = Format2021.Definition;

    private static readonly Lazy<(byte[] Pdf, PdfText Text)> Seed = new(() =>
    {
        var pdf = ReportFixtures.Renderer.Render(ReportFixtures.Seed());
        ReportFixtures.SaveArtifact("seed", pdf);
        return (pdf, new PdfText(pdf));
    });

    // Distinct 9-digit counts: each starts with 9 and no other digit 9 follows six zeros, so one number can
    // never be found straddling two neighbours in the page text. The fee has four decimals.
    private const decimal Fee = 12345.6789m;
    private static decimal LargeFigure(CellDef cell, int index) =>
        cell.Kind == ValueKind.Money ? Fee : 900_000_000m + (index * 7);

    private static readonly Lazy<(byte[] Pdf, PdfText Text)> Large = new(() =>
    {
        var pdf = ReportFixtures.Renderer.Render(ReportFixtures.Seed(ReportFixtures.Data(ReportFixtures.Figures(LargeFigure))));
        ReportFixtures.SaveArtifact("large-figures", pdf);
        return (pdf, new PdfText(pdf));
    });

    [Fact]
    public void Every_section_heading_sub_head_and_table_label_appears()
    {
        var text = Seed.Value.Text.AllText;
        var expected = Format.Sections.Select(s => s.Heading)
            .Concat(Format.ProseParts.Select(p => p.SubHead).OfType<string>())
            .Concat(Format.Tables.SelectMany(t => t.Blocks).SelectMany(b => b.HeaderRows.SelectMany(r => r).Select(h => h.Label)))
            // 表四's one row has no label on the official form.
            .Concat(Format.Tables.SelectMany(t => t.Blocks).Where(b => b.LabelColumns > 0).SelectMany(b => b.AllRows).Select(r => r.Label));
        var missing = expected.Where(label => !text.Contains(PdfText.Squeeze(label), StringComparison.Ordinal)).ToList();
        Assert.Empty(missing);
        Assert.Contains("钱店镇2024年政府信息公开工作年度报告", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_figure_sits_on_the_text_line_of_its_row_label()
    {
        var text = Large.Value.Text;
        var figures = ReportFixtures.Figures(LargeFigure);
        foreach (var cell in Format.Cells)
        {
            var shown = FigureValues.Display(cell.Kind, figures[cell.Ref]);
            var figure = text.Find(shown);
            Assert.True(figure is not null, $"{cell.DisplayName}: {shown} not found");
            Assert.Equal(figure.Value.MinY, figure.Value.MaxY, 0.5);
            if (cell.Block.LabelColumns == 0) continue;
            // The label may wrap in its cell; the figure is centred on the row, so it lies within the label's lines.
            // Labels such as 规章 also occur in the prose: one occurrence must share the figure's line.
            var f = figure.Value;
            Assert.True(text.FindAll(cell.Row.Label).Any(l => l.Page == f.Page && f.MinY >= l.MinY - 2 && f.MinY <= l.MaxY + 2),
                $"{cell.DisplayName}: {shown} is not on the line of its label {cell.Row.Label}");
        }
    }

    [Fact]
    public void Table_four_figures_share_one_line()
    {
        var text = Large.Value.Text;
        var figures = ReportFixtures.Figures(LargeFigure);
        var ys = Format.Table(Format2021.T4).Cells
            .Select(c => text.Find(FigureValues.Display(c.Kind, figures[c.Ref]))!.Value.MinY).ToList();
        Assert.All(ys, y => Assert.Equal(ys[0], y, 0.5));
    }

    [Fact]
    public void A_fee_with_four_decimals_prints_exactly() =>
        Assert.Contains("12345.6789", Large.Value.Text.AllText, StringComparison.Ordinal);

    [Fact]
    public void Nine_digit_figures_stay_inside_their_cells()
    {
        // A shrunk figure that still overflowed would run into its neighbour: neighbours on a line never overlap.
        var text = Large.Value.Text;
        for (var p = 0; p < text.Pages.Count; p++)
        foreach (var line in text.Lines(p))
        {
            for (var i = 1; i < line.Count; i++)
                Assert.True(line[i].StartBaseLine.X >= line[i - 1].StartBaseLine.X + (line[i - 1].Width * 0.9),
                    $"page {p + 1}: {line[i - 1].Value}{line[i].Value} overlap");
        }
    }

    [Fact]
    public void Prose_reads_back_exactly()
    {
        var text = Seed.Value.Text.AllText;
        foreach (var (code, prose) in ReportFixtures.SeedProse)
        {
            foreach (var paragraph in prose.Split('\n'))
                Assert.True(text.Contains(PdfText.Squeeze(paragraph), StringComparison.Ordinal), $"{code}: {paragraph}");
        }
    }

    [Fact]
    public void Control_characters_are_removed_and_line_breaks_split_paragraphs()
    {
        var prose = new Dictionary<string, string>(ReportFixtures.SeedProse)
        {
            [Format2021.ProseActive] = "第一段\u0007内容。\r\n第二段\u0000内容。",
        };
        var pdf = ReportFixtures.Renderer.Render(ReportFixtures.Seed(ReportFixtures.Data(prose: prose)));
        var text = new PdfText(pdf);
        var first = text.Find("第一段内容。")!.Value;
        var second = text.Find("第二段内容。")!.Value;
        Assert.True(second.MinY < first.MinY, "the second paragraph starts on a new line");
    }

    [Fact]
    public void The_seed_report_keeps_each_sub_table_header_with_its_rows()
    {
        var text = Seed.Value.Text;
        foreach (var block in Format.Table(Format2021.T2).Blocks)
        {
            var header = text.Find(block.HeaderRows[0][0].Label)!.Value;
            var firstRow = text.Find(block.FigureRows[0].Label)!.Value;
            Assert.Equal(header.Page, firstRow.Page);
        }
    }

    [Fact]
    public void A_long_report_paginates_and_repeats_the_table_three_header_on_the_continuation_page()
    {
        var sentence = "本机关坚持以公开为常态、不公开为例外，围绕“三安全一稳定”，依法依规做好政府信息公开（含依申请公开）工作；";
        string Long(int chars) => string.Concat(Enumerable.Repeat(sentence + "\n", (chars / sentence.Length) + 1));
        var prose = new Dictionary<string, string>(ReportFixtures.SeedProse)
        {
            [Format2021.ProseActive] = Long(3000),
            [Format2021.ProseOnRequest] = Long(3000),
            [Format2021.ProseManagement] = Long(2200),
            [Format2021.ProseProblems] = Long(3000),
        };
        var pdf = ReportFixtures.Renderer.Render(ReportFixtures.Seed(ReportFixtures.Data(prose: prose)));
        ReportFixtures.SaveArtifact("long", pdf);
        var text = new PdfText(pdf);

        Assert.True(text.Pages.Count >= 10, $"{text.Pages.Count} pages");
        var table3 = Format.Table(Format2021.T3).Blocks[0];
        var start = text.Find(Format.Sections[2].Heading)!.Value.Page;
        var end = text.Find(table3.FigureRows[^1].Label)!.Value.Page;
        Assert.True(end > start, "this report is meant to break table 三 across pages");
        for (var p = start; p <= end; p++)
            Assert.Contains("申请人情况", text.PageText(p), StringComparison.Ordinal);
        Assert.Contains(PdfText.Squeeze(Long(3000)), text.BodyText, StringComparison.Ordinal);
        AssertKinsoku(text);
    }

    private static void AssertKinsoku(PdfText text)
    {
        const string noStart = "，。、；：？！）」』”";
        const string noEnd = "（「『“";
        for (var p = 0; p < text.Pages.Count; p++)
        foreach (var line in text.Lines(p))
        {
            Assert.False(noStart.Contains(line[0].Value, StringComparison.Ordinal), $"page {p + 1} line starts with {line[0].Value}");
            Assert.False(noEnd.Contains(line[^1].Value, StringComparison.Ordinal), $"page {p + 1} line ends with {line[^1].Value}");
        }
    }

    [Fact]
    public void The_seed_report_obeys_kinsoku() => AssertKinsoku(Seed.Value.Text);

    [Fact]
    public void Fonts_are_embedded_as_subsets()
    {
        var text = Seed.Value.Text;
        Assert.NotEmpty(text.FontNames);
        Assert.All(text.FontNames, name => Assert.Matches("^[A-Z]{6}\\+", name));
        var raw = Encoding.Latin1.GetString(Seed.Value.Pdf);
        Assert.Equal(2, Regex.Count(raw, "/FontFile2"));
    }

    [Fact]
    public void The_same_model_gives_byte_identical_pdfs()
    {
        var report = ReportFixtures.Seed();
        var a = ReportFixtures.Renderer.Render(report);
        var b = ReportFixtures.Renderer.Render(report);
        Assert.Equal(a, b);
        Assert.Equal(Seed.Value.Pdf, a);
    }

    [Fact]
    public void Renders_on_parallel_threads_are_identical()
    {
        var report = ReportFixtures.Seed();
        var results = new byte[4][];
        Parallel.For(0, results.Length, i => results[i] = ReportFixtures.Renderer.Render(report));
        Assert.All(results, r => Assert.Equal(Seed.Value.Pdf, r));
    }

    [Theory]
    [InlineData(0x2000B)]   // 𠀋, CJK Extension B: outside GBK, not in Noto Serif SC
    [InlineData(0x10FFFD)]  // private use, plane 16
    public void A_character_missing_from_the_font_is_refused_by_name_and_place(int codePoint)
    {
        var ch = char.ConvertFromUtf32(codePoint);
        var prose = new Dictionary<string, string>(ReportFixtures.SeedProse) { [Format2021.ProseActive] = $"本年度{ch}公开。" };
        var ex = Assert.Throws<MissingGlyphException>(() => ReportFixtures.Renderer.Render(ReportFixtures.Seed(ReportFixtures.Data(prose: prose))));
        Assert.Contains($"U+{codePoint:X4}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ch, ex.Message, StringComparison.Ordinal);
        Assert.Contains("（一）主动公开", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_names_the_report_and_its_body()
    {
        var text = Seed.Value.Text;
        Assert.Equal("钱店镇2024年政府信息公开工作年度报告", text.Title);
        Assert.Equal("钱店镇", text.Author);
        Assert.Equal("政府信息公开工作年度报告", text.Subject);
        Assert.StartsWith("D:20250120013000", text.CreationDate, StringComparison.Ordinal);
        var raw = Encoding.Latin1.GetString(Seed.Value.Pdf);
        Assert.Contains("/Lang(zh-CN)", raw, StringComparison.Ordinal);
        Assert.Contains("/StructTreeRoot", raw, StringComparison.Ordinal);
        Assert.Equal(Format.Sections.Select(s => s.Heading), text.Bookmarks);
    }

    [Fact]
    public void The_last_page_states_revision_publication_date_and_verification_code()
    {
        var text = Seed.Value.Text;
        Assert.Contains("本报告为第1版，发布于2025-01-20，校验码7Q4K-M2XD", text.PageText(text.Pages.Count - 1), StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_carries_the_watermark_on_every_page_and_marks_empty_prose()
    {
        var prose = new Dictionary<string, string>(ReportFixtures.SeedProse) { [Format2021.ProseManagement] = "  \n " };
        var pdf = ReportFixtures.Renderer.Render(ReportFixtures.Draft(ReportFixtures.Data(prose: prose)));
        ReportFixtures.SaveArtifact("draft", pdf);
        var text = new PdfText(pdf);
        for (var p = 0; p < text.Pages.Count; p++)
            Assert.Contains("草稿·未发布", text.PageText(p), StringComparison.Ordinal);
        Assert.Contains("（三）政府信息管理（未填写）", text.AllText, StringComparison.Ordinal);
        Assert.Contains("本报告为第2版草稿", text.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void Pages_are_numbered_at_the_foot()
    {
        var text = Seed.Value.Text;
        for (var p = 0; p < text.Pages.Count; p++)
            Assert.Contains($"—{p + 1}—", text.PageText(p), StringComparison.Ordinal);
    }
}
