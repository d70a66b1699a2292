using DisclosurePortal.Domain.Regions;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Queries;

/// <summary>
/// The one body search, of the home page's search box and of /api/v1/bodies?q=. Every word typed (words are
/// separated by spaces) must be part of the body's name, of its region's or its parent region's name, or be the
/// body's code: 「缙云 教育」 finds 缙云县教育局. Letters match in either case. Each word is a bound parameter with
/// LIKE's own wildcards escaped, so 「%」 finds a literal percent sign rather than every body.
/// </summary>
public static class BodySearch
{
    /// <summary>
    /// The search words as typed, without control characters: PostgreSQL refuses NUL in text, and no name holds any.
    /// </summary>
    public static string Clean(string? q) => new string((q ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();

    /// <summary>Whether the text holds a character <see cref="Clean"/> would drop.</summary>
    public static bool HasControlCharacters(string? q) => q is not null && q.Any(char.IsControl);

    /// <summary>The words of a cleaned search, split at any white space (the ideographic space too).</summary>
    public static IReadOnlyList<string> Words(string term) =>
        term.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Bodies matching every word of <paramref name="term"/>; all bodies when it has none.</summary>
    public static IQueryable<Body> Matching(this IQueryable<Body> bodies, string term)
    {
        foreach (var word in Words(term))
        {
            var pattern = Pattern(word);
            bodies = bodies.Where(b =>
                EF.Functions.ILike(b.Name, pattern, @"\")
                || EF.Functions.ILike(b.Region.Name, pattern, @"\")
                || (b.Region.Parent != null && EF.Functions.ILike(b.Region.Parent.Name, pattern, @"\"))
                || b.Code == word);
        }
        return bodies;
    }

    /// <summary>Regions whose name holds every word of <paramref name="term"/>.</summary>
    public static IQueryable<Region> MatchingRegions(this IQueryable<Region> regions, string term)
    {
        foreach (var word in Words(term))
        {
            var pattern = Pattern(word);
            regions = regions.Where(r => EF.Functions.ILike(r.Name, pattern, @"\"));
        }
        return regions;
    }

    private static string Pattern(string word) => "%" + word.Replace(@"\", @"\\", StringComparison.Ordinal)
        .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
}
