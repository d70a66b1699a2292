using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Queries;

/// <summary>
/// What the rules compare a report with: last year's published report of the same body (cross-year rules) and
/// published prose of the same region and year (TEXT-COPIED). The entry form and the review view read the same.
/// </summary>
public static class RuleContexts
{
    /// <summary>How many other bodies' published reports TEXT-COPIED compares with.</summary>
    public const int MaxOthers = 30;

    public static async Task<(ReportData? LastYear, IReadOnlyList<ComparableProse> Others)> LoadAsync(
        PortalDbContext db, AnnualReport report, CancellationToken ct, PublishedContentCache? cache = null)
    {
        // One round trip for which revisions count; their content comes from the cache when it can (a published
        // revision never changes), so the entry form reads no jsonb of other reports on each load.
        var year = report.Year;
        var refs = new List<PublishedRef>();
        await foreach (var r in PublishedRefs(db, report.BodyId, year, report.Body.RegionId).WithCancellation(ct))
            refs.Add(r);
        if (refs.Count == 0) return (null, []);

        var contents = new Dictionary<int, ReportData>();
        var missing = new List<int>();
        foreach (var r in refs)
        {
            if (cache?.TryGet(r.Id, r.Version) is { } hit) contents[r.Id] = hit;
            else missing.Add(r.Id);
        }
        if (missing.Count > 0)
        {
            var loaded = await db.Revisions.AsNoTracking().Where(r => missing.Contains(r.Id)).ToListAsync(ct);
            foreach (var revision in loaded)
            {
                var data = revision.ToData();
                contents[revision.Id] = data;
                cache?.Add(revision.Id, revision.Version, data);
            }
        }

        ReportData? previous = null;
        var comparable = new List<ComparableProse>(refs.Count);
        foreach (var r in refs)
        {
            if (!contents.TryGetValue(r.Id, out var data)) continue;
            if (r.Year == year - 1) previous = data;
            else comparable.Add(new ComparableProse(r.BodyName, year, data.AllProse));
        }
        if (previous is not null) comparable.Add(new ComparableProse(report.Body.Name, year - 1, previous.AllProse));
        return (previous, comparable);
    }

    // Compiled: the entry form runs this on every load, and building and looking up the LINQ tree each time was a
    // third of its cost (bench/clerk's profile).
    private static readonly Func<PortalDbContext, int, int, int, IAsyncEnumerable<PublishedRef>> PublishedRefs =
        EF.CompileAsyncQuery((PortalDbContext db, int bodyId, int year, int regionId) =>
            db.Revisions
                .Where(r => r.Report.BodyId == bodyId && r.Report.Year == year - 1 && r.Status == RevisionStatus.Published)
                .OrderByDescending(r => r.Number).Take(1)
                .Select(r => new PublishedRef { Id = r.Id, Version = r.Version, Year = r.Report.Year, BodyName = r.Report.Body.Name })
                .Concat(db.Revisions
                    .Where(r => r.Report.Year == year && r.Report.BodyId != bodyId && r.Status == RevisionStatus.Published
                                && r.Report.Body.RegionId == regionId)
                    .Take(MaxOthers)
                    .Select(r => new PublishedRef { Id = r.Id, Version = r.Version, Year = r.Report.Year, BodyName = r.Report.Body.Name })));

    // Initialised members, not a constructor: EF translates a UNION only of projections it can see into.
    private sealed class PublishedRef
    {
        public int Id { get; init; }
        public uint Version { get; init; }
        public int Year { get; init; }
        public string BodyName { get; init; } = "";
    }
}
