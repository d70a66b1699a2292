using DisclosurePortal.Domain.Regions;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Queries;

/// <summary>
/// The one body search, of the home page's search box and of /api/v1/bodies?q=. Every word typed (words are
/// separated by spaces) must be part of the body's name, of its region's or its parent region's name, or be the
/// body's code: 「缙云 教育」 finds 缙云县教育局. Letters match in either case. Each word is a bound parameter matched as
/// literal text, so 「%」 finds a literal percent sign rather than every body.
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
    public static IQueryable<Body> BodiesMatching(this PortalDbContext db, string term)
    {
        IQueryable<Body>? bodies = null;
        foreach (var word in Words(term))
        {
            var lower = word.ToLowerInvariant();
            // Each name is found through an index of its character pairs (every pair of the word among the name's,
            // then strpos for the order), not by testing every name; a single character has no pair and is matched
            // by the scan. ANY(ARRAY(…)) takes the ids as one set: an IN would look up a common word's thousands of
            // bodies one by one, as the pairs' estimate is a few hundred.
            var matching = db.Bodies.FromSql($"""
                SELECT * FROM bodies WHERE id = ANY(ARRAY(
                    SELECT id FROM bodies
                    WHERE portal_bigrams(lower(name)) @> portal_bigrams({lower}) AND strpos(lower(name), {lower}) > 0
                    UNION
                    SELECT id FROM bodies WHERE region_id IN (
                        SELECT id FROM regions
                        WHERE portal_bigrams(lower(name)) @> portal_bigrams({lower}) AND strpos(lower(name), {lower}) > 0
                        UNION
                        SELECT c.id FROM regions c JOIN regions p ON p.id = c.parent_id
                        WHERE portal_bigrams(lower(p.name)) @> portal_bigrams({lower}) AND strpos(lower(p.name), {lower}) > 0)
                    UNION
                    SELECT id FROM bodies WHERE code = {word}))
                """);
            bodies = bodies is null ? matching : bodies.Intersect(matching);
        }
        return bodies ?? db.Bodies;
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
