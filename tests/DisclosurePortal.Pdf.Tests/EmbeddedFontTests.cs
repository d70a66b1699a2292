using System.Diagnostics;

namespace DisclosurePortal.Pdf.Tests;

/// <summary>The embedded font subsets are read and drawn correctly by an independent reader (poppler).</summary>
public class EmbeddedFontTests
{
    private static readonly Lazy<(byte[] Pdf, string Path)> Seed = new(() =>
    {
        var pdf = ReportFixtures.Renderer.Render(ReportFixtures.Seed());
        return (pdf, ReportFixtures.SaveArtifact("seed-fonts", pdf));
    });

    [Fact]
    public void Poppler_lists_both_fonts_as_embedded_subsets_with_unicode_maps()
    {
        var output = Run("/usr/bin/pdffonts", Seed.Value.Path);
        var fonts = output.Split('\n').Where(l => l.Contains("CID TrueType", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, fonts.Count);
        Assert.All(fonts, f =>
        {
            Assert.Matches("^[A-Z]{6}\\+Noto", f);
            Assert.Matches("Identity-H\\s+yes\\s+yes\\s+yes", f);
        });
    }

    [Fact]
    public void Poppler_draws_and_extracts_the_prose_without_complaint()
    {
        // pdftoppm reports a broken font program or glyph table on stderr ("Syntax Error", "Bad glyph").
        var dir = Path.Combine(Path.GetTempPath(), "pdf-fonts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var stderr = RunForErrors("/usr/bin/pdftoppm", "-r", "50", "-png", Seed.Value.Path, Path.Combine(dir, "p"));
            Assert.Equal("", stderr.Trim());
            Assert.Equal(3, Directory.GetFiles(dir, "*.png").Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        var text = PdfText.Squeeze(Run("/usr/bin/pdftotext", Seed.Value.Path, "-"));
        foreach (var prose in ReportFixtures.SeedProse.Values.SelectMany(ReportPdfRenderer.Paragraphs))
            Assert.Contains(PdfText.Squeeze(prose), text, StringComparison.Ordinal);
    }

    private static string Run(string tool, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit(30_000);
        Assert.Equal(0, p.ExitCode);
        return output;
    }

    private static string RunForErrors(string tool, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardError = true, UseShellExecute = false })!;
        var errors = p.StandardError.ReadToEnd();
        p.WaitForExit(30_000);
        Assert.Equal(0, p.ExitCode);
        return errors;
    }
}
