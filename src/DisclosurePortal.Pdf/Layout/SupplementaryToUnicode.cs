using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace DisclosurePortal.Pdf.Layout;

/// <summary>
/// PDFsharp 6.2.4 writes the ToUnicode entry of a character outside the BMP as its code point in five hex
/// digits (&lt;2B5E7&gt;), which readers take as U+2B5E plus a stray byte: 𫗧 (U+2B5E7), a place-name character
/// Noto Serif SC has, was copied and searched as ⭞. The destination of a ToUnicode map is UTF-16BE
/// (PDF 32000-1 §9.10.3), so such entries are rewritten as surrogate pairs (&lt;D86DDDE7&gt;) through PDFsharp's
/// own reader and writer.
/// </summary>
internal static partial class SupplementaryToUnicode
{
    public static bool IsNeeded(PdfReport report) =>
        report.Title.Any(char.IsSurrogate) || report.Data.Prose.Values.Any(t => t.Any(char.IsSurrogate));

    public static byte[] Fix(byte[] pdf, DateTimeOffset documentTime)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Modify);
        // Saving again must not stamp the time of the render nor new random IDs (see DeterministicPdf).
        document.Info.ModificationDate = documentTime.UtcDateTime;
        document.Internals.FirstDocumentID = DeterministicPdf.IdPlaceholder;
        document.Internals.SecondDocumentID = DeterministicPdf.IdPlaceholder;
        foreach (var font in document.Internals.GetAllObjects().OfType<PdfDictionary>()
                     .Where(d => d.Elements.GetName("/Subtype") == "/Type0"))
        {
            if (font.Elements.GetDictionary("/ToUnicode") is not { Stream: { } stream } map) continue;
            var text = Encoding.Latin1.GetString(stream.UnfilteredValue);
            var corrected = SupplementaryEntry().Replace(text, m =>
            {
                var rune = new Rune(int.Parse(m.Groups[2].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                Span<char> pair = stackalloc char[2];
                rune.EncodeToUtf16(pair);
                return string.Create(CultureInfo.InvariantCulture, $"{m.Groups[1].Value}<{(int)pair[0]:X4}{(int)pair[1]:X4}>");
            });
            if (corrected == text) continue;
            map.Elements.Remove("/Filter");
            stream.Value = Encoding.Latin1.GetBytes(corrected);
        }
        using var saved = new MemoryStream();
        document.Save(saved, closeStream: false);
        return saved.ToArray();
    }

    /// <summary>A bfrange line &lt;cid&gt;&lt;cid&gt;&lt;code point&gt; whose code point needs five or six hex digits.</summary>
    [GeneratedRegex(@"(<[0-9A-F]{4}><[0-9A-F]{4}>)<([0-9A-F]{5,6})>")]
    private static partial Regex SupplementaryEntry();
}
