using DisclosurePortal.Pdf.Fonts;
using DisclosurePortal.Pdf.Layout;

namespace DisclosurePortal.Pdf;

/// <summary>Every character is checked against the font's cmap before anything is drawn.</summary>
internal static class GlyphCheck
{
    public static void Ensure(PdfReport report, ReportFonts fonts)
    {
        var missing = new List<MissingGlyph>();
        // Checked as drawn: after LineBreaker.Clean has removed what is never drawn (controls, zero-width marks).
        void Check(string text, string location, bool bold)
        {
            var face = bold ? fonts.Bold : fonts.Regular;
            foreach (var rune in LineBreaker.Clean(text).EnumerateRunes())
            {
                if (rune.Value == '\n' || face.HasGlyph(rune.Value)) continue;
                if (!missing.Any(m => m.CodePoint == rune.Value && m.Location == location)) missing.Add(new MissingGlyph(rune.Value, location));
            }
        }

        Check(report.Title, "标题", bold: true);
        Check(ReportPdfRenderer.VerificationLine(report), "版本与校验码", bold: false);
        var format = report.Data.Format;
        foreach (var section in format.Sections)
        {
            Check(section.Heading, section.Heading, bold: true);
            foreach (var part in section.ProseParts)
            {
                if (part.SubHead is not null) Check(part.SubHead, format.NameOf(part), bold: true);
                Check(report.Data.ProseOf(part.Code), format.NameOf(part), bold: false);
            }
            if (section.Table is { } table)
            {
                foreach (var block in table.Blocks)
                {
                    foreach (var row in block.HeaderRows)
                    {
                        foreach (var h in row) Check(h.Label, table.Number, bold: false);
                    }
                    foreach (var r in block.AllRows) Check(r.Label, table.Number, bold: false);
                }
            }
        }
        if (missing.Count > 0) throw new MissingGlyphException(missing);
    }
}
