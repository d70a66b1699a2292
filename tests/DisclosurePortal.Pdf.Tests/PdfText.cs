using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace DisclosurePortal.Pdf.Tests;

/// <summary>What a reader of the PDF gets back: the letters of each page, in drawing order, with positions.</summary>
public sealed class PdfText
{
    public PdfText(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        Title = doc.Information.Title;
        Author = doc.Information.Author;
        Subject = doc.Information.Subject;
        CreationDate = doc.Information.CreationDate;
        Bookmarks = doc.TryGetBookmarks(out var bookmarks) ? [.. bookmarks.GetNodes().Select(n => n.Title)] : [];
        Pages = [.. doc.GetPages().Select(p => p.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList())];
        FontNames = [.. Pages.SelectMany(p => p).Select(l => l.FontName ?? "").Distinct()];
    }

    public string? Title { get; }
    public string? Author { get; }
    public string? Subject { get; }
    public string? CreationDate { get; }
    public IReadOnlyList<List<Letter>> Pages { get; }
    public IReadOnlyList<string> Bookmarks { get; }
    public IReadOnlyList<string> FontNames { get; }

    public string PageText(int page) => string.Concat(Pages[page].Select(l => l.Value));

    public string AllText => string.Concat(Enumerable.Range(0, Pages.Count).Select(PageText));

    public static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>The baselines of the letters that spell <paramref name="text"/> at its first occurrence on any page.</summary>
    public (int Page, double MinY, double MaxY)? Find(string text) => FindAll(text).Cast<(int, double, double)?>().FirstOrDefault();

    /// <summary>Every occurrence of <paramref name="text"/>: page and the range of its letters' baselines.</summary>
    public IEnumerable<(int Page, double MinY, double MaxY)> FindAll(string text)
    {
        var needle = Squeeze(text);
        for (var p = 0; p < Pages.Count; p++)
        {
            var page = PageText(p);
            for (var i = page.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = page.IndexOf(needle, i + 1, StringComparison.Ordinal))
            {
                var ys = Pages[p].Skip(i).Take(needle.Length).Select(l => l.StartBaseLine.Y).ToList();
                yield return (p, ys.Min(), ys.Max());
            }
        }
    }

    /// <summary>The body text without the page numbers that interrupt it at every page break.</summary>
    public string BodyText => System.Text.RegularExpressions.Regex.Replace(AllText, "—\\d+—", "");

    /// <summary>Text lines of a page: letters grouped by baseline, each line left to right.</summary>
    public List<List<Letter>> Lines(int page) =>
        [.. Pages[page].GroupBy(l => Math.Round(l.StartBaseLine.Y, 0))
            .OrderByDescending(g => g.Key)
            .Select(g => g.OrderBy(l => l.StartBaseLine.X).ToList())];
}
