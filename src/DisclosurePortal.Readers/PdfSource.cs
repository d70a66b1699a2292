using System.Text;
using System.Text.RegularExpressions;
using DisclosurePortal.Domain.Exchange.Reading;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace DisclosurePortal.Readers;

/// <summary>
/// The PDF front-end: the words of the text layer with their positions, rebuilt into lines (words on one baseline)
/// and cells (words apart by more than a character's width), handed to the text front-end as layout lines, as
/// pdftotext -layout would write them. Lines repeated in the top or bottom margin of most pages (running heads,
/// page numbers) are dropped. A PDF without a text layer is a scan: it is refused, never guessed at by OCR.
/// </summary>
public static partial class PdfSource
{
    public const string NoTextLayer = "该 PDF 没有文字层（可能是扫描件），无法读取；请提供可复制文字的版本";
    public const string PasswordProtected = "该 PDF 有密码保护，无法读取；请提供未加密的版本";
    public const string NotAPdf = "文件不是有效的 PDF，无法读取";

    /// <summary>The document, or the reason it cannot be read.</summary>
    public static (SourceDocument? Document, string? Refusal) Read(byte[] bytes)
    {
        PdfDocument pdf;
        try
        {
            pdf = PdfDocument.Open(bytes);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (null, IsEncrypted(ex) ? PasswordProtected : NotAPdf);
        }

        using (pdf)
        {
            // PdfPig may only meet the encryption or the damage when it reads a page.
            try
            {
                return ReadPages(pdf);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return (null, IsEncrypted(ex) ? PasswordProtected : NotAPdf);
            }
        }
    }

    private static bool IsEncrypted(Exception ex) =>
        ex.GetType().Name.Contains("Encrypted", StringComparison.Ordinal)
        || ex.Message.Contains("encrypted", StringComparison.OrdinalIgnoreCase);

    private static (SourceDocument? Document, string? Refusal) ReadPages(PdfDocument pdf)
    {
        var pages = new List<List<PdfLine>>();
        var letters = 0;
        foreach (var page in pdf.GetPages())
        {
            letters += page.Letters.Count(l => !string.IsNullOrWhiteSpace(l.Value));
            pages.Add(Lines(page));
        }
        if (letters == 0) return (null, NoTextLayer);

        var margins = RepeatedMarginLines(pages, pdf);
        var kept = new List<(SourcePlace Place, PdfLine Line)>();
        for (var p = 0; p < pages.Count; p++)
        for (var l = 0; l < pages[p].Count; l++)
            if (!margins.Contains(Key(pages[p][l].Text)))
                kept.Add((new SourcePlace(l + 1, p + 1), pages[p][l]));
        return (TextSource.ReadLines(Reflow(kept)), null);
    }

    /// <summary>
    /// Prose lines joined back into the paragraphs they were printed from: a line of running text that reaches the
    /// text block's right edge goes on with the next one, unless that one is indented (a paragraph's first line
    /// starts two characters in) or starts a heading. Table rows (several cells) are never joined.
    /// </summary>
    private static List<(SourcePlace, string)> Reflow(List<(SourcePlace Place, PdfLine Line)> lines)
    {
        var prose = lines.Select(l => l.Line).Where(l => !l.Text.Contains('\t', StringComparison.Ordinal)).ToList();
        var result = new List<(SourcePlace, string)>();
        if (prose.Count == 0) return [.. lines.Select(l => (l.Place, l.Line.Text))];
        var right = prose.Max(l => l.Right);
        var left = prose.Min(l => l.Left);
        PdfLine? open = null;
        foreach (var (place, line) in lines)
        {
            var joins = open is not null && !line.Text.Contains('\t', StringComparison.Ordinal)
                && line.Left - left < line.CharWidth * 0.8 && !Heading().IsMatch(line.Text);
            if (joins)
            {
                var (last, first) = (result[^1].Item2[^1], line.Text[0]);
                var space = char.IsAsciiLetterOrDigit(last) && char.IsAsciiLetterOrDigit(first) ? " " : "";
                result[^1] = (result[^1].Item1, result[^1].Item2 + space + line.Text);
            }
            else result.Add((place, line.Text));
            var runs = !line.Text.Contains('\t', StringComparison.Ordinal) && right - line.Right < line.CharWidth * 1.5;
            open = runs ? line : null;
        }
        return result;
    }

    /// <summary>A section heading (「二、」), a sub-head (「（一）」) or a numbered item (「1.」) begins a line of its own.</summary>
    [GeneratedRegex(@"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、])")]
    private static partial Regex Heading();

    private sealed record PdfLine(double Top, double Left, double Right, double CharWidth, string Text);

    private static string Key(string line) => new([.. line.Where(c => !char.IsWhiteSpace(c) && !char.IsAsciiDigit(c))]);

    /// <summary>Text that the first or last two lines of at least half of the pages share (digits aside).</summary>
    private static HashSet<string> RepeatedMarginLines(List<List<PdfLine>> pages, PdfDocument pdf)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var page in pages)
        foreach (var key in page.Take(2).Concat(page.TakeLast(2)).Select(l => Key(l.Text)).Distinct())
            counts[key] = counts.GetValueOrDefault(key) + 1;
        return pages.Count < 2 ? [] : [.. counts.Where(c => c.Value * 2 >= pages.Count && c.Value >= 2 && c.Key.Length < 40).Select(c => c.Key)];
    }

    /// <summary>The page's words grouped into lines top to bottom, cells separated by a tab.</summary>
    private static List<PdfLine> Lines(Page page)
    {
        var words = page.GetWords().Where(w => !string.IsNullOrWhiteSpace(w.Text))
            .OrderByDescending(w => w.BoundingBox.Bottom).ToList();
        var lines = new List<List<Word>>();
        foreach (var word in words)
        {
            var height = Math.Max(word.BoundingBox.Height, 1);
            var line = lines.LastOrDefault();
            if (line is not null && Math.Abs(Middle(line[0]) - Middle(word)) < Math.Max(line[0].BoundingBox.Height, height) * 0.5)
                line.Add(word);
            else
                lines.Add([word]);
        }
        return [.. lines.Select(l => new PdfLine(l.Max(w => w.BoundingBox.Top), l.Min(w => w.BoundingBox.Left),
            l.Max(w => w.BoundingBox.Right), l.Average(CharWidth), Join(l)))];
    }

    private static double Middle(Word w) => (w.BoundingBox.Top + w.BoundingBox.Bottom) / 2;

    private static string Join(List<Word> line)
    {
        var sb = new StringBuilder();
        Word? previous = null;
        foreach (var word in line.OrderBy(w => w.BoundingBox.Left))
        {
            if (previous is not null)
            {
                var gap = word.BoundingBox.Left - previous.BoundingBox.Right;
                var size = Math.Max(CharWidth(previous), CharWidth(word));
                sb.Append(gap > size * 1.5 ? "\t" : gap > size * 0.2 ? " " : "");
            }
            sb.Append(word.Text);
            previous = word;
        }
        return sb.ToString();
    }

    private static double CharWidth(Word w) => Math.Max(w.BoundingBox.Width / Math.Max(w.Text.Length, 1), w.BoundingBox.Height * 0.5);
}
