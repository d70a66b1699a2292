using DisclosurePortal.Domain.Format;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Queries;

/// <summary>The sum of every figure over the published reports of a region tree for one year.</summary>
public sealed record RegionAggregate(int ReportCount, IReadOnlyDictionary<CellRef, decimal> Figures);

/// <summary>
/// Sums computed in PostgreSQL over the jsonb figure columns (docs/adr/0001-figure-storage.md): the database
/// adds up a county's reports; no report is loaded into memory.
/// </summary>
public static class FigureAggregates
{
    public static async Task<RegionAggregate> SumPublishedAsync(PortalDbContext db, int regionId, int year,
        CancellationToken ct = default)
    {
        // The public version of a report is its latest published revision (a correction supersedes it); the set
        // is PublishedReports' (one definition of "published in this region tree"). One round trip: the number of
        // reports comes back as an extra row under a key no cell can have.
        var rows = await db.Database.SqlQueryRaw<AggregateRow>(SumSql, regionId, year).ToListAsync(ct);

        var count = (int)(rows.FirstOrDefault(r => r.Key == ReportCountKey)?.Value ?? 0);
        var figures = new Dictionary<CellRef, decimal>();
        foreach (var r in rows)
            if (CellRef.TryParse(r.Key, out var cell)) figures[cell] = r.Value;
        return new RegionAggregate(count, figures);
    }

    private const string ReportCountKey = "#reports";

    // Built once from constant parts; {0} and {1} are parameters (region id, year).
    private static readonly string SumSql = PublishedReports.RegionTree + ", published AS MATERIALIZED (" +
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

    private sealed record AggregateRow(string Key, decimal Value);
}
