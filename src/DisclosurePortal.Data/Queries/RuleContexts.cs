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
        PortalDbContext db, AnnualReport report, CancellationToken ct)
    {
        var (bodyId, year, regionId) = (report.BodyId, report.Year, report.Body.RegionId);
        var lastYear = unchecked(year - 1);
        var published = db.CurrentPublishedRevisions().AsNoTracking();
        var previous = (await published.Where(r => r.Report.BodyId == bodyId && r.Report.Year == lastYear)
            .ToListAsync(ct)).SingleOrDefault()?.ToData();
        var others = await published
            .Where(r => r.Report.Year == year && r.Report.BodyId != bodyId && r.Report.Body.RegionId == regionId)
            .OrderBy(r => r.Id).Take(MaxOthers)
            .Select(r => new { Revision = r, BodyName = r.Report.Body.Name })
            .ToListAsync(ct);

        var comparable = others.Select(o => new ComparableProse(o.BodyName, year, o.Revision.ToData().AllProse)).ToList();
        if (previous is not null) comparable.Add(new ComparableProse(report.Body.Name, lastYear, previous.AllProse));
        return (previous, comparable);
    }
}
