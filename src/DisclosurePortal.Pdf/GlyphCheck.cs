using System.Text;
using DisclosurePortal.Pdf.Fonts;

namespace DisclosurePortal.Pdf;

/// <summary>Every character is checked against the font's cmap before anything is drawn.</summary>
internal static class GlyphCheck
{
    public static void Ensure(PdfReport report, ReportFonts fonts)
    {
        var missing = new List<MissingGlyph>();
        void Check(string text, string location, bool bold)
        {
            var face = bold ? fonts.Bold : fonts.Regular;
            foreach (var rune in text.EnumerateRunes())
            {
                if (rune.Value is '\n' or '\r' or '\t' || Rune.IsControl(rune)) continue;
                if (!face.HasGlyph(rune.Value) && !missing.Any(m => m.CodePoint == rune.Value && m.Location == location))
                    missing.Add(new MissingGlyph(rune.Value, location));
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
                var location = part.SubHead is null ? section.Heading : $"{section.Heading} {part.SubHead}";
                if (part.SubHead is not null) Check(part.SubHead, location, bold: true);
                Check(report.Data.ProseOf(part.Code), location, bold: false);
            }
            if (section.Table is { } table)
            {
                foreach (var block in table.Blocks)
                {
                    foreach (var h in block.HeaderRows.SelectMany(r => r)) Check(h.Label, table.Number, bold: false);
                    foreach (var r in block.AllRows) Check(r.Label, table.Number, bold: false);
                }
            }
        }
        if (missing.Count > 0) throw new MissingGlyphException(missing);
    }
}
