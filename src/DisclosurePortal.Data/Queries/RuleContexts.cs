using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Queries;

/// <summary>
/// What the rules compare a report with: last year's published report of the same body (cross-year rules) and, for
/// TEXT-COPIED, last year's prose and every published report of the portal whose prose fingerprint shares a band
/// with this one's (<see cref="ProseFingerprint"/>), bodies of the same kind first. The entry form and the review
/// view read the same.
/// </summary>
public static class RuleContexts
{
    /// <summary>At most this many candidates are compared exactly; a copy is found among the first of them.</summary>
    public const int MaxCandidates = 20;

    /// <param name="current">The content the rules judge (what is on the clerk's screen, or the stored revision).</param>
    public static async Task<(ReportData? LastYear, IReadOnlyList<ComparableProse> Others)> LoadAsync(
        PortalDbContext db, AnnualReport report, ReportData current, CancellationToken ct)
    {
        var (bodyId, year, kind) = (report.BodyId, report.Year, report.Body.Kind);
        var lastYear = unchecked(year - 1);
        var published = db.CurrentPublishedRevisions().AsNoTracking();
        var previous = (await published.Where(r => r.Report.BodyId == bodyId && r.Report.Year == lastYear)
            .ToListAsync(ct)).SingleOrDefault();

        var comparable = new List<ComparableProse>();
        if (previous is not null) comparable.Add(new ComparableProse(report.Body.Name, lastYear, previous.ToData().AllProse));
        var bands = ProseFingerprint.Of(current, report.Body.Name);
        if (bands.Length > 0)
        {
            // The reports sharing most bands are the likeliest copies: they come first, bodies of the same kind before
            // others, so a real copy is among the few compared even when set phrases make many reports share a band.
            var kindName = kind.ToString();
            var candidates = await db.Revisions.FromSql($"""
                    SELECT r.* FROM current_published_revisions r
                    JOIN (SELECT revision_id, count(*) AS shared FROM prose_bands WHERE band = ANY({bands})
                          GROUP BY revision_id) m ON m.revision_id = r.id
                    JOIN annual_reports a ON a.id = r.report_id JOIN bodies b ON b.id = a.body_id
                    WHERE r.report_id <> {report.Id}
                    ORDER BY m.shared DESC, b.kind = {kindName} DESC, r.id
                    LIMIT {MaxCandidates}
                    """).AsNoTracking()
                // Only what the rule compares: the prose, not the figures.
                .Select(r => new
                {
                    r.Id, r.FormatVersion, Prose = EF.Property<Dictionary<string, string>>(r, "_prose"),
                    BodyName = r.PublishedBodyName ?? r.Report.Body.Name, r.Report.Year,
                })
                .ToListAsync(ct);
            comparable.AddRange(candidates.Where(c => c.Id != previous?.Id).Select(c => new ComparableProse(
                c.BodyName, c.Year, ReportData.AllProseOf(ReportFormats.Get(c.FormatVersion), c.Prose))));
        }
        return (previous?.ToData(), comparable);
    }
}
