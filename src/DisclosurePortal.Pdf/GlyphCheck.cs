using System.Text;
using DisclosurePortal.Pdf.Fonts;
using DisclosurePortal.Pdf.Layout;

namespace DisclosurePortal.Pdf;

/// <summary>Every character is checked against the font's cmap before anything is drawn.</summary>
internal static class GlyphCheck
{
    public static void Ensure(PdfReport report, ReportFonts fonts)
    {
        // Almost every report passes: one scan without building the names of places, and only when something
        // is missing the scan that says where.
        if (!Scan(report, fonts, null)) return;
        var missing = new List<MissingGlyph>();
        Scan(report, fonts, missing);
        throw new MissingGlyphException(missing);
    }

    /// <returns>Whether a character is missing; each one is added to <paramref name="missing"/> when given.</returns>
    private static bool Scan(PdfReport report, ReportFonts fonts, List<MissingGlyph>? missing)
    {
        var found = false;
        // Checked as drawn: after LineBreaker.Clean has removed what is never drawn (controls, zero-width marks).
        void Check(string text, Func<string> location, bool bold)
        {
            var face = bold ? fonts.Bold : fonts.Regular;
            foreach (var rune in LineBreaker.Clean(text).EnumerateRunes())
            {
                if (rune.Value == '\n' || face.HasGlyph(rune.Value)) continue;
                found = true;
                if (missing is null) return;
                var where = location();
                if (!missing.Any(m => m.CodePoint == rune.Value && m.Location == where)) missing.Add(new MissingGlyph(rune.Value, where));
            }
        }

        Check(report.Title, () => "标题", bold: true);
        Check(ReportPdfRenderer.VerificationLine(report), () => "版本与校验码", bold: false);
        var format = report.Data.Format;
        foreach (var section in format.Sections)
        {
            Check(section.Heading, () => section.Heading, bold: true);
            foreach (var part in section.ProseParts)
            {
                string Location() => part.SubHead is null ? section.Heading : $"{section.Heading} {part.SubHead}";
                if (part.SubHead is not null) Check(part.SubHead, Location, bold: true);
                Check(report.Data.ProseOf(part.Code), Location, bold: false);
            }
            if (section.Table is { } table)
            {
                string Number() => table.Number;
                foreach (var block in table.Blocks)
                {
                    foreach (var row in block.HeaderRows)
                    {
                        foreach (var h in row) Check(h.Label, Number, bold: false);
                    }
                    foreach (var r in block.AllRows) Check(r.Label, Number, bold: false);
                }
            }
        }
        return found;
    }
}
