using DisclosurePortal.Domain.Format;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Queries;

/// <summary>The sum of every figure over the published reports of a region tree for one year.</summary>
public sealed record RegionAggregate(int ReportCount, IReadOnlyDictionary<CellRef, decimal> Figures);

/// <summary>The aggregate of one year of a region tree, one element of a series over the years.</summary>
public sealed record YearAggregate(int Year, RegionAggregate Aggregate);

/// <summary>
/// Sums computed in PostgreSQL over the jsonb figure columns (docs/adr/0001-figure-storage.md): the database
/// adds up a county's reports; no report is loaded into memory.
/// </summary>
public static class FigureAggregates
{
    public static async Task<RegionAggregate> SumPublishedAsync(PortalDbContext db, int regionId, int year,
        CancellationToken ct = default)
    {
        // The set is PublishedReports' (each report's current published revision in the region tree). One round
        // trip: the number of reports comes back as an extra row under a key no cell can have.
        var rows = await db.Database.SqlQueryRaw<AggregateRow>(SumSql, regionId, year).ToListAsync(ct);

        var count = (int)(rows.FirstOrDefault(r => r.Key == ReportCountKey)?.Value ?? 0);
        var figures = new Dictionary<CellRef, decimal>();
        foreach (var r in rows)
            if (CellRef.TryParse(r.Key, out var cell)) figures[cell] = r.Value;
        return new RegionAggregate(count, figures);
    }

    private const string ReportCountKey = "#reports";

    // Built once from constant parts; {0} and {1} are parameters (region id, year).
    private static readonly string SumSql = RegionTree.Subtree + ", published AS MATERIALIZED (" +
            PublishedReports.PublishedSelect.Replace("/*extra*/", ", v.counts, v.amounts", StringComparison.Ordinal) + """
            )
            SELECT f.key AS key, sum(f.value::numeric) AS value
            FROM published p, LATERAL (
                SELECT key, value FROM jsonb_each(p.counts)
                UNION ALL
                SELECT key, value FROM jsonb_each(p.amounts)) f
            GROUP BY f.key
            UNION ALL
            SELECT '#reports', count(*) FROM published
            """;

    /// <summary>
    /// The aggregate of every year with at least one published report in the region tree, oldest first, in one
    /// query: the region page's charts (applications per year, 行政复议 / 行政诉讼 over the years) read it.
    /// </summary>
    public static async Task<IReadOnlyList<YearAggregate>> SumPublishedByYearAsync(PortalDbContext db, int regionId,
        CancellationToken ct = default)
    {
        var rows = await db.Database.SqlQueryRaw<YearRow>(RegionTree.Subtree + """
            , published AS (
                SELECT a.year, v.counts, v.amounts
                FROM current_published_revisions v
                JOIN annual_reports a ON a.id = v.report_id
                JOIN bodies b ON b.id = a.body_id
                WHERE b.region_id = ANY (ARRAY(SELECT id FROM tree))
            )
            SELECT p.year AS "Year", count(*)::int AS "Reports", NULL::text AS "Key", NULL::numeric AS "Value"
            FROM published p GROUP BY p.year
            UNION ALL
            SELECT p.year, 0, f.key, sum(f.value::numeric)
            FROM published p, LATERAL (
                SELECT key, value FROM jsonb_each(p.counts)
                UNION ALL
                SELECT key, value FROM jsonb_each(p.amounts)) f
            GROUP BY p.year, f.key
            """, regionId).ToListAsync(ct);

        var result = new List<YearAggregate>();
        foreach (var year in rows.GroupBy(r => r.Year).OrderBy(g => g.Key))
        {
            var figures = new Dictionary<CellRef, decimal>();
            foreach (var r in year)
                if (r.Key is not null && r.Value is { } v && CellRef.TryParse(r.Key, out var cell)) figures[cell] = v;
            result.Add(new YearAggregate(year.Key, new RegionAggregate(year.Max(r => r.Reports), figures)));
        }
        return result;
    }

    private sealed record AggregateRow(string Key, decimal Value);
    private sealed record YearRow(int Year, int Reports, string? Key, decimal? Value);
}
