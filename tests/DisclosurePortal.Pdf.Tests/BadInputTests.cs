using System.Diagnostics;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace DisclosurePortal.Pdf.Tests;

/// <summary>
/// The "bad input" list of the PDF issue: each case gives a correct PDF or a clear error, never a corrupt file.
/// (The fee with four decimals and a character missing from the font are in ReportPdfRendererTests.)
/// </summary>
public class BadInputTests
{
    private static readonly ReportFormat Format = Format2021.Definition;

    private static Dictionary<string, string> Prose(string code, string text) =>
        new(ReportFixtures.SeedProse) { [code] = text };

    [Fact]
    public void An_empty_section_in_a_draft_shows_its_heading_and_a_visible_unfilled_mark()
    {
        // 六 has one prose part and no sub-head: the section heading itself must stand over the mark.
        var pdf = ReportFixtures.Renderer.Render(ReportFixtures.Draft(ReportFixtures.Data(prose: Prose(Format2021.ProseOther, "\n \r\n"))));
        var text = new PdfText(pdf);
        var heading = Format.Sections.Single(s => s.ProseParts.Any(p => p.Code == Format2021.ProseOther)).Heading;
        Assert.Contains(PdfText.Squeeze(heading) + "（未填写）", text.AllText, StringComparison.Ordinal);
        // Drawn in grey, not white: a reader sees it.
        var page = text.Pages.Select(p => Occurrence(p, "（未填写）")).Single(m => m is not null)!;
        Assert.All(page, l => Assert.True(l.Color.ToRGBValues().r < 0.8, $"'{l.Value}' is visible against the white page"));
    }

    [Fact]
    public void A_twenty_thousand_character_section_paginates_and_reads_back_exactly()
    {
        // One paragraph of 20,000 characters (the longest a section may be), mixed with digits and punctuation.
        const string sentence = "本年度共主动公开政府信息1024条，其中规范性文件36件（含废止7件），“政策解读”类信息58条；";
        var prose = string.Concat(Enumerable.Repeat(sentence, (20_000 / sentence.Length) + 1))[..20_000];
        var pdf = ReportFixtures.Renderer.Render(ReportFixtures.Seed(ReportFixtures.Data(prose: Prose(Format2021.ProseActive, prose))));
        ReportFixtures.SaveArtifact("twenty-thousand", pdf);
        var text = new PdfText(pdf);

        Assert.True(text.Pages.Count >= 20, $"{text.Pages.Count} pages");
        Assert.Contains(PdfText.Squeeze(prose), text.BodyText, StringComparison.Ordinal);
        Assert.Contains("本报告为第1版，发布于2025-01-20，校验码7Q4K-M2XD", text.PageText(text.Pages.Count - 1), StringComparison.Ordinal);
        AssertReadableByPoppler(pdf);
    }

    [Fact]
    public void Nine_digit_figures_lie_within_their_cell_borders()
    {
        decimal Figure(CellDef cell, int index) => cell.Kind == ValueKind.Money ? 99_999.9999m : 900_000_000m + (index * 7);
        var figures = ReportFixtures.Figures(Figure);
        var pdf = ReportFixtures.Renderer.Render(ReportFixtures.Seed(ReportFixtures.Data(figures)));
        using var doc = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var pages = doc.GetPages().Select(p => (Letters: p.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList(),
            Cells: p.Paths.Where(path => path.IsStroked).Select(path => path.GetBoundingRectangle()).OfType<PdfRectangle>().ToList())).ToList();

        foreach (var cell in Format.Cells)
        {
            var shown = FigureValues.Display(cell.Kind, figures[cell.Ref]);
            var letters = pages.Select(p => (p.Cells, Letters: Occurrence(p.Letters, shown))).Single(p => p.Letters is not null);
            var first = letters.Letters![0];
            // The cell is the smallest border rectangle around the figure's first character.
            var box = letters.Cells.Where(r => Contains(r, first.StartBaseLine)).OrderBy(r => r.Area).FirstOrDefault();
            Assert.True(box.Area > 0, $"{cell.DisplayName}: no cell border around {shown}");
            foreach (var l in letters.Letters)
            {
                Assert.True(l.StartBaseLine.X >= box.Left - 0.01 && l.EndBaseLine.X <= box.Right + 0.01
                    && l.BoundingBox.Bottom >= box.Bottom - 0.01 && l.BoundingBox.Top <= box.Top + 0.01,
                    $"{cell.DisplayName}: '{l.Value}' of {shown} leaves its cell {box}");
            }
        }
    }

    [Fact]
    public void Control_and_invisible_characters_in_prose_are_removed_and_the_file_stays_valid()
    {
        // C0 and C1 controls, DEL, zero-width marks from a paste, a lone surrogate half, and U+2028 (line separator).
        var noise = string.Concat(Enumerable.Range(0, 32).Where(c => c is not '\n' and not '\r' and not '\t').Select(c => (char)c))
            + "\u007F\u0085\u009F\u200B\u200C\u200D\u2060\uFEFF\uD800";
        var prose = $"第一段{noise}内容。\u2028第二段\u200B内容。";
        var pdf = ReportFixtures.Renderer.Render(ReportFixtures.Seed(ReportFixtures.Data(prose: Prose(Format2021.ProseActive, prose))));
        var text = new PdfText(pdf);

        var first = text.Find("第一段内容。");
        var second = text.Find("第二段内容。");
        Assert.True(first is not null && second is not null, "both paragraphs read back without the removed characters");
        Assert.True(second.Value.MinY < first.Value.MinY, "U+2028 starts a new paragraph");
        AssertReadableByPoppler(pdf);
    }

    [Fact]
    public void A_soft_hyphen_or_a_bidi_mark_from_a_paste_prints_as_nothing_as_in_a_browser()
    {
        // U+00AD would otherwise draw the font's hyphen; U+200E and U+202A–U+202C have no glyph and would refuse
        // publication with a message naming characters the clerk cannot see.
        var prose = "政府信\u00AD息公开\u200E工作\u202A年度\u202C报告。";
        var pdf = ReportFixtures.Renderer.Render(ReportFixtures.Seed(ReportFixtures.Data(prose: Prose(Format2021.ProseActive, prose))));
        var text = new PdfText(pdf);

        Assert.NotNull(text.Find("政府信息公开工作年度报告。"));
        Assert.Null(text.Find("信-息"));
    }

    [Fact]
    public void Rare_place_name_characters_that_the_font_has_are_drawn_and_read_back()
    {
        // Extension A and the late additions of the URO (䶮 U+4DAE, 㙟 U+365F, 鿍 U+9FCD) and one of Extension B
        // present in Noto Serif SC (𫗧 U+2B5E7): no MissingGlyphException, and the text comes back as typed.
        const string places = "䶮㙟鿍𫗧亳州鄄城濮阳";
        var report = new PdfReport("㙟头镇", 2024, ReportFixtures.Data(prose: Prose(Format2021.ProseActive, $"辖区包括{places}等地。")), 1,
            ReportFixtures.Published, "7Q4K-M2XD", IsDraft: false);
        var pdf = ReportFixtures.Renderer.Render(report);
        var text = new PdfText(pdf);
        Assert.Contains($"辖区包括{places}等地。", text.AllText, StringComparison.Ordinal);
        Assert.Equal(pdf, ReportFixtures.Renderer.Render(report));
        Assert.Equal("㙟头镇2024年政府信息公开工作年度报告", text.Title);
    }

    [Fact]
    public void A_published_report_carries_no_draft_watermark()
    {
        var text = new PdfText(ReportFixtures.Renderer.Render(ReportFixtures.Seed()));
        Assert.DoesNotContain("草稿", text.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("未发布", text.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_watermark_is_drawn_on_every_page_of_a_long_draft()
    {
        var prose = string.Concat(Enumerable.Repeat("本机关坚持以公开为常态、不公开为例外。\n", 300));
        var text = new PdfText(ReportFixtures.Renderer.Render(ReportFixtures.Draft(ReportFixtures.Data(prose: Prose(Format2021.ProseActive, prose)))));
        Assert.True(text.Pages.Count > 5);
        for (var p = 0; p < text.Pages.Count; p++)
            Assert.Contains("草稿·未发布", text.PageText(p), StringComparison.Ordinal);
    }

    private static List<Letter>? Occurrence(List<Letter> letters, string value)
    {
        var page = string.Concat(letters.Select(l => l.Value));
        var at = page.IndexOf(value, StringComparison.Ordinal);
        return at < 0 ? null : letters.GetRange(at, value.Length);
    }

    private static bool Contains(PdfRectangle r, PdfPoint p) => p.X >= r.Left && p.X <= r.Right && p.Y >= r.Bottom && p.Y <= r.Top;

    /// <summary>pdftoppm draws every page and pdftotext reads it without a complaint on stderr.</summary>
    private static void AssertReadableByPoppler(byte[] pdf)
    {
        var dir = Path.Combine(Path.GetTempPath(), "pdf-bad-input-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "report.pdf");
            File.WriteAllBytes(path, pdf);
            foreach (var (tool, args) in new[]
            {
                ("/usr/bin/pdftotext", new[] { path, "-" }),
                ("/usr/bin/pdftoppm", new[] { "-r", "20", "-png", path, Path.Combine(dir, "p") }),
            })
            {
                using var p = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
                var output = p.StandardOutput.ReadToEndAsync();
                var errors = p.StandardError.ReadToEnd();
                output.Wait();
                p.WaitForExit(60_000);
                Assert.Equal(0, p.ExitCode);
                Assert.Equal("", errors.Trim());
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
