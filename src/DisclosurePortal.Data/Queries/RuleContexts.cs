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
    public static async Task<(ReportData? LastYear, IReadOnlyList<ComparableProse> Others)> LoadAsync(
        PortalDbContext db, AnnualReport report, CancellationToken ct)
    {
        var lastYear = await db.Revisions.AsNoTracking()
            .Where(r => r.Report.BodyId == report.BodyId && r.Report.Year == report.Year - 1 && r.Status == RevisionStatus.Published)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        var others = await db.Revisions.AsNoTracking()
            .Where(r => r.Report.Year == report.Year && r.Report.BodyId != report.BodyId && r.Status == RevisionStatus.Published
                        && r.Report.Body.RegionId == report.Body.RegionId)
            .Select(r => new { r.Report.Body.Name, Revision = r }).Take(30).ToListAsync(ct);
        var comparable = others.Select(o => new ComparableProse(o.Name, report.Year, o.Revision.ToData().AllProse)).ToList();
        if (lastYear is not null) comparable.Add(new ComparableProse(report.Body.Name, report.Year - 1, lastYear.ToData().AllProse));
        return (lastYear?.ToData(), comparable);
    }
}
