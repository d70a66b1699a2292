using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Queries;

/// <summary>One published report in a region listing: who (named as published), where, which revision, when.</summary>
public sealed record PublishedListing(string BodyCode, string BodyName, string BodyKind, string RegionCode,
    string RegionName, int Revision, DateTimeOffset PublishedAt);

/// <summary>A published report with its figures as stored (jsonb text), for the bulk exports.</summary>
public sealed record PublishedFigures(string BodyCode, string BodyName, string BodyKind, string RegionCode,
    string RegionName, int Revision, DateTimeOffset PublishedAt, string FormatVersion, string Counts, string Amounts);

/// <summary>
/// The published reports of a region and its sub-regions for one year, in SQL: each report's current published
/// revision (<see cref="Published"/>); drafts, submitted and returned revisions never appear.
/// </summary>
public static class PublishedReports
{
    // Column aliases are snake_case: the naming convention maps the record's properties to such names.
    // {0} region id, {1} year. The tree's ids are collected into an array first: the planner cannot estimate a
    // recursive CTE's size, and joined directly it scans every body instead of looking up each region's by index.
    internal const string PublishedSelect = """
        SELECT b.code AS body_code, v.published_body_name AS body_name, v.published_body_kind AS body_kind,
               g.code AS region_code, g.name AS region_name,
               v.number AS revision, v.published_at AS published_at /*extra*/
        FROM bodies b
        JOIN regions g ON g.id = b.region_id
        JOIN annual_reports a ON a.body_id = b.id AND a.year = {1}
        JOIN current_published_revisions v ON v.report_id = a.id
        WHERE b.region_id = ANY (ARRAY(SELECT id FROM tree))
        """;

    private const string PublishedInTree = RegionTree.Subtree + PublishedSelect + " ORDER BY b.code";

    /// <summary>One page of the region's published reports for the year, ordered by body code (stable).</summary>
    public static Task<List<PublishedListing>> ListAsync(PortalDbContext db, int regionId, int year, int offset,
        int limit, CancellationToken ct = default) =>
        db.Database.SqlQueryRaw<PublishedListing>(PublishedInTree + " LIMIT {2} OFFSET {3}", regionId, year, limit, offset)
            .ToListAsync(ct);

    /// <summary>Every published report of the region and year with its figures, streamed row by row.</summary>
    public static IAsyncEnumerable<PublishedFigures> FiguresAsync(PortalDbContext db, int regionId, int year) =>
        db.Database.SqlQueryRaw<PublishedFigures>(
                PublishedInTree.Replace("/*extra*/",
                    """, v.format_version AS format_version, v.counts::text AS counts, v.amounts::text AS amounts """,
                    StringComparison.Ordinal),
                regionId, year)
            .AsAsyncEnumerable();
}
