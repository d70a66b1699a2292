using System.Text;
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
public static class PdfSource
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
        var pages = new List<List<(double Top, string Text)>>();
        var letters = 0;
        foreach (var page in pdf.GetPages())
        {
            letters += page.Letters.Count(l => !string.IsNullOrWhiteSpace(l.Value));
            pages.Add(Lines(page));
        }
        if (letters == 0) return (null, NoTextLayer);

        var margins = RepeatedMarginLines(pages, pdf);
        var lines = new List<(SourcePlace, string)>();
        for (var p = 0; p < pages.Count; p++)
        for (var l = 0; l < pages[p].Count; l++)
            if (!margins.Contains(Key(pages[p][l].Text)))
                lines.Add((new SourcePlace(l + 1, p + 1), pages[p][l].Text));
        return (TextSource.ReadLines(lines), null);
    }

    private static string Key(string line) => new([.. line.Where(c => !char.IsWhiteSpace(c) && !char.IsAsciiDigit(c))]);

    /// <summary>Text that the first or last two lines of at least half of the pages share (digits aside).</summary>
    private static HashSet<string> RepeatedMarginLines(List<List<(double Top, string Text)>> pages, PdfDocument pdf)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var page in pages)
        foreach (var key in page.Take(2).Concat(page.TakeLast(2)).Select(l => Key(l.Text)).Distinct())
            counts[key] = counts.GetValueOrDefault(key) + 1;
        return pages.Count < 2 ? [] : [.. counts.Where(c => c.Value * 2 >= pages.Count && c.Value >= 2 && c.Key.Length < 40).Select(c => c.Key)];
    }

    /// <summary>The page's words grouped into lines top to bottom, cells separated by a tab.</summary>
    private static List<(double Top, string Text)> Lines(Page page)
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
        return [.. lines.Select(l => (l.Max(w => w.BoundingBox.Top), Join(l)))];
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
