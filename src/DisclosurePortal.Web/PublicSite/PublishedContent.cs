using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Web.Publishing;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.PublicSite;

/// <summary>The content of one published revision and the verification code printed on its PDF.</summary>
public sealed record RevisionContent(ReportData Data, string VerificationCode);

/// <summary>
/// What the public report page derives from a published revision's content — the figures and prose read from
/// jsonb, and the verification code (SHA-256 over the report's JSON form, which includes the body's name and
/// kind) — read once per revision and kept in the portal's one <see cref="PublishedContentCache"/> (key: id and
/// xmin). Each request still asks the database which revisions are published (ReportPageQuery); only the content
/// is not read again.
/// </summary>
public sealed class PublishedContent(PublishedContentCache cache)
{
    public async Task<RevisionContent> GetAsync(PortalDbContext db, int reportId, PublishedRevisionInfo revision,
        string bodyName, BodyKind bodyKind, CancellationToken ct)
    {
        if (cache.TryGetWithCode(revision.Id, revision.Version, bodyName, bodyKind) is var (data, code))
            return new RevisionContent(data, code);

        // A miss: the first request for this revision since the process started (or since it was evicted), or the
        // body was renamed. Two racing requests both read it; the results are equal, and the last one stays.
        var report = await db.Reports.AsNoTracking()
            .Include(r => r.Body).Include(r => r.Revisions.Where(v => v.Id == revision.Id))
            .SingleAsync(r => r.Id == reportId, ct);
        var stored = report.Revisions.Single();
        var content = new RevisionContent(stored.ToData(), OfficialPdf.VerificationCodeOf(report, stored));
        // Were the row written between the page's query and this one, the content read is not the one the key names.
        if (stored.Version == revision.Version)
            cache.AddWithCode(revision.Id, revision.Version, content.Data, report.Body.Name, report.Body.Kind, content.VerificationCode);
        return content;
    }
}
