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


    /// <summary>The words of a cleaned search, split at any white space (the ideographic space too).</summary>
    public static IReadOnlyList<string> Words(string term) =>
        term.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Bodies matching every word of <paramref name="term"/>; all bodies when it has none.</summary>
    public static IQueryable<Body> Matching(this IQueryable<Body> bodies, PortalDbContext db, string term)
    {
        foreach (var word in Words(term))
        {
            var (lower, pattern) = (word.ToLowerInvariant(), Pattern(word));
            // Each word's bodies are found through indexes, not by testing every body's names: the name through
            // ix_bodies_name_bigrams (every character pair of the word among the name's, then strpos for the order;
            // a single character has no pair and is matched by the scan), the region's names among the few regions.
            var ids = db.Database.SqlQuery<int>($"""
                SELECT id AS "Value" FROM bodies
                WHERE portal_bigrams(lower(name)) @> portal_bigrams({lower}) AND strpos(lower(name), {lower}) > 0
                UNION
                SELECT b.id FROM bodies b JOIN regions r ON r.id = b.region_id LEFT JOIN regions p ON p.id = r.parent_id
                WHERE r.name ILIKE {pattern} OR p.name ILIKE {pattern}
                UNION
                SELECT id FROM bodies WHERE code = {word}
                """);
            bodies = bodies.Where(b => ids.Contains(b.Id));
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
