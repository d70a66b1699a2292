using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DisclosurePortal.Pdf.Fonts;

namespace DisclosurePortal.Pdf.Tests;

/// <summary>
/// The embedded fonts after compaction (docs/adr/0003-pdf-layout.md, "Embedded fonts"): small, dense glyph ids
/// mapped back through /CIDToGIDMap, and still read and drawn correctly by independent readers (PdfPig, poppler).
/// </summary>
public class EmbeddedFontTests
{
    private static readonly Lazy<(byte[] Pdf, string Path)> Seed = new(() =>
    {
        var pdf = ReportFixtures.Renderer.Render(ReportFixtures.Seed());
        return (pdf, ReportFixtures.SaveArtifact("seed-fonts", pdf));
    });

    [Fact]
    public void Each_embedded_font_program_holds_only_its_glyphs_and_is_small()
    {
        var raw = Encoding.Latin1.GetString(Seed.Value.Pdf);
        var programs = Regex.Matches(raw, @"/FontFile2 (\d+) 0 R").Select(m => StreamOf(Seed.Value.Pdf, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(2, programs.Count);
        // Before compaction the two programs took ~155 KB compressed and each declared 30,920 glyphs.
        Assert.True(programs.Sum(p => p.Compressed) < 100 * 1024, $"font programs: {programs.Sum(p => p.Compressed)} bytes");
        foreach (var (font, _) in programs)
        {
            var glyphs = NumGlyphs(font);
            Assert.InRange(glyphs, 2, 1000);
            Assert.Equal(glyphs, U16(font, Table(font, "hhea") + 34));
        }
    }

    [Fact]
    public void Each_cid_font_maps_its_original_glyph_ids_through_a_cid_to_gid_stream()
    {
        var raw = Encoding.Latin1.GetString(Seed.Value.Pdf);
        var maps = Regex.Matches(raw, @"/CIDToGIDMap (\d+) 0 R").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, maps.Count);
        Assert.DoesNotContain("/CIDToGIDMap/Identity", raw, StringComparison.Ordinal);
        Assert.Contains("/DW 1000", raw, StringComparison.Ordinal);
        foreach (var map in maps)
        {
            var (bytes, _) = StreamOf(Seed.Value.Pdf, map);
            Assert.True(bytes.Length % 2 == 0);
            var gids = Enumerable.Range(0, bytes.Length / 2).Select(i => BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i * 2))).Where(g => g != 0).ToList();
            // Dense, distinct new ids 1..n (0 is .notdef).
            Assert.Equal(Enumerable.Range(1, gids.Count).Select(i => (ushort)i), gids.Order());
        }
    }

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

    [Fact]
    public void The_compactor_keeps_notdef_first_and_each_glyph_with_its_outline_and_metrics()
    {
        var path = Path.Combine(ReportFixtures.FontDirectory(), ReportFonts.RegularFile);
        var original = File.ReadAllBytes(path);
        using var file = TrueTypeFile.Open(path);
        var face = new FontFace("regular", file);
        var zhong = GlyphId(original, '中');
        var a = GlyphId(original, 'A');
        Assert.True(face.HasGlyph('中') && zhong > 0 && a > 0);

        var result = TrueTypeCompactor.Compact(file, [zhong, a, zhong]);
        // The outlines come through the memory map exactly as from the file read whole.
        using (var inMemory = TrueTypeFile.FromBytes(original))
            Assert.Equal(result.Font, TrueTypeCompactor.Compact(inMemory, [zhong, a]).Font);

        Assert.Equal(3, result.GlyphCount);
        Assert.Equal(3, NumGlyphs(result.Font));
        // The map sends each original id to its new one, in the order of the original ids.
        var map = result.CidToGidMap;
        Assert.Equal((Math.Max(zhong, a) + 1) * 2, map.Length);
        var (first, second) = a < zhong ? (a, zhong) : (zhong, a);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(map.AsSpan(first * 2)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16BigEndian(map.AsSpan(second * 2)));
        foreach (var (old, now) in new[] { (0, 0), (first, 1), (second, 2) })
        {
            Assert.Equal(Advance(original, old), Advance(result.Font, now));
            // Compacted glyphs are padded to four bytes; the outline itself is unchanged.
            var before = Glyph(original, old).ToArray();
            var after = Glyph(result.Font, now).ToArray();
            Assert.Equal((before.Length + 3) & ~3, after.Length);
            Assert.Equal(before, after[..before.Length]);
        }
        // Only what a CIDFontType2 program needs; cmap, GSUB, name … are dropped.
        Assert.Throws<KeyNotFoundException>(() => Table(result.Font, "cmap"));
    }

    private static (byte[] Data, int Compressed) StreamOf(byte[] pdf, int number)
    {
        var raw = Encoding.Latin1.GetString(pdf);
        var obj = Regex.Match(raw, $@"(?:^|\n){number} 0 obj\n<<(.*?)>>\nstream\n", RegexOptions.Singleline);
        Assert.True(obj.Success, $"object {number} is not a stream");
        Assert.Contains("/FlateDecode", obj.Groups[1].Value, StringComparison.Ordinal);
        var length = int.Parse(Regex.Match(obj.Groups[1].Value, @"/Length (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        using var z = new ZLibStream(new MemoryStream(pdf, obj.Index + obj.Length, length), CompressionMode.Decompress);
        using var data = new MemoryStream();
        z.CopyTo(data);
        return (data.ToArray(), length);
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

    private static int Table(byte[] font, string name)
    {
        int count = U16(font, 4);
        for (var i = 0; i < count; i++)
        {
            var rec = 12 + (i * 16);
            if (Encoding.ASCII.GetString(font, rec, 4) == name) return (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(rec + 8));
        }
        throw new KeyNotFoundException(name);
    }

    private static int NumGlyphs(byte[] font) => U16(font, Table(font, "maxp") + 4);

    private static int Advance(byte[] font, int glyph)
    {
        int metrics = U16(font, Table(font, "hhea") + 34);
        return U16(font, Table(font, "hmtx") + (Math.Min(glyph, metrics - 1) * 4));
    }

    private static ReadOnlySpan<byte> Glyph(byte[] font, int glyph)
    {
        var longLoca = U16(font, Table(font, "head") + 50) != 0;
        var loca = Table(font, "loca");
        int Offset(int g) => longLoca ? (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(loca + (g * 4))) : U16(font, loca + (g * 2)) * 2;
        var start = Offset(glyph);
        var end = Offset(glyph + 1);
        return font.AsSpan(Table(font, "glyf") + start, end - start);
    }

    private static int GlyphId(byte[] font, char c)
    {
        // Format 4 subtable of the (3,1) cmap: enough for BMP characters.
        var cmap = Table(font, "cmap");
        int count = U16(font, cmap + 2);
        for (var i = 0; i < count; i++)
        {
            var rec = cmap + 4 + (i * 8);
            if (U16(font, rec) != 3 || U16(font, rec + 2) != 1) continue;
            var sub = cmap + (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(rec + 4));
            var segCount = U16(font, sub + 6) / 2;
            var ends = sub + 14;
            var starts = ends + (segCount * 2) + 2;
            var deltas = starts + (segCount * 2);
            var offsets = deltas + (segCount * 2);
            for (var s = 0; s < segCount; s++)
            {
                if (c > U16(font, ends + (s * 2)) || c < U16(font, starts + (s * 2))) continue;
                var ro = U16(font, offsets + (s * 2));
                var delta = (short)U16(font, deltas + (s * 2));
                if (ro == 0) return (c + delta) & 0xFFFF;
                var g = U16(font, offsets + (s * 2) + ro + ((c - U16(font, starts + (s * 2))) * 2));
                return g == 0 ? 0 : (g + delta) & 0xFFFF;
            }
        }
        return 0;
    }

    private static ushort U16(byte[] b, int offset) => BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(offset));
}
