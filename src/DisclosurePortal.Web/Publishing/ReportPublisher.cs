using DisclosurePortal.Data;
using DisclosurePortal.Data.Publishing;
using DisclosurePortal.Domain.Reports;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Publishing;

/// <summary>
/// Publication: the domain's <see cref="ReportRevision.Publish"/> freezes the revision, the
/// official PDF is rendered and stored with its SHA-256 in the same transaction — a published revision without
/// its PDF, or a PDF of an unpublished one, never exists — and the public pages of the report are evicted.
/// </summary>
public sealed class ReportPublisher(PortalDbContext db, OfficialPdf pdf, IOutputCacheStore cache,
    ILogger<ReportPublisher> log, Operations.PublicReadReplica? replica = null)
{
    /// <summary>
    /// Publishes <paramref name="revision"/> of <paramref name="report"/> (both loaded from <c>db</c>, with the
    /// body). Throws <see cref="Domain.DomainException"/> on an illegal move or a PDF that cannot be made, and
    /// <see cref="DbUpdateConcurrencyException"/> when the revision changed since it was read; nothing is stored then.
    /// </summary>
    public async Task PublishAsync(AnnualReport report, ReportRevision revision, Actor actor, DateTimeOffset now,
        CancellationToken ct)
    {
        revision.Publish(actor, now);
        await StoreAndEvictAsync(report, revision, now, ct);
    }

    /// <summary>
    /// Carries out a scheduled publication whose time has come (<see cref="ReportRevision.PublishDue"/>): the same
    /// PDF, transaction and eviction as <see cref="PublishAsync"/>; the approving reviewer is the publisher.
    /// </summary>
    public async Task PublishDueAsync(AnnualReport report, ReportRevision revision, DateTimeOffset now, CancellationToken ct)
    {
        revision.PublishDue(now);
        await StoreAndEvictAsync(report, revision, now, ct);
    }

    /// <summary>
    /// Throws the <see cref="Domain.DomainException"/> publication would (a character the font lacks), so that a
    /// scheduled publication is refused when it is approved rather than failing when nobody is watching.
    /// </summary>
    public void EnsurePdfCanBeMade(AnnualReport report, ReportRevision revision) => pdf.DraftPreview(report, revision);

    private async Task StoreAndEvictAsync(AnnualReport report, ReportRevision revision, DateTimeOffset now, CancellationToken ct)
    {
        db.PublishedPdfs.Add(PublishedPdf.Of(revision, pdf.Published(report, revision), now));
        await db.SaveChangesAsync(ct);
        log.LogInformation("Published {Body} {Year} revision {Revision}", report.Body.Code, report.Year, revision.Number);
        await EvictAsync(report.Body.Code, report.Year, ct);
    }

    /// <summary>
    /// Drops every cached public page that shows this report or lists it — with a replica, once the replica has
    /// the publication, so that a page rendered from it right after is not the old one cached again.
    /// </summary>
    public async Task EvictAsync(string bodyCode, int year, CancellationToken ct)
    {
        if (replica is not null) await replica.CatchUpAsync(db, ct);
        await cache.EvictByTagAsync(PublicCache.ReportTag(bodyCode, year), ct);
        await cache.EvictByTagAsync(PublicCache.AllPublic, ct);
    }

    /// <summary>
    /// Renders and stores the PDF of every published revision that has none: revisions published by the demo
    /// seeder or an import, which work below the web layer. Returns how many were made.
    /// </summary>
    public async Task<int> StoreMissingPdfsAsync(CancellationToken ct)
    {
        var missing = await MissingPdfs().Select(v => v.Id).ToListAsync(ct);
        foreach (var id in missing) await StorePdfOfAsync(id, ct);
        return missing.Count;
    }

    /// <summary>
    /// Makes and stores the official PDF of a published revision that has none yet, and returns its SHA-256.
    /// Two requests racing here both render; the primary key lets one insert win and the other reads it.
    /// </summary>
    public async Task<string> StorePdfOfAsync(int revisionId, CancellationToken ct)
    {
        await using var scoped = PortalDb.Create(db.Database.GetConnectionString()!);
        var revision = await scoped.Revisions.Include(v => v.Report).ThenInclude(r => r.Body)
            .Include(v => v.Report).ThenInclude(r => r.Revisions).SingleAsync(v => v.Id == revisionId, ct);
        var stored = PublishedPdf.Of(revision, pdf.Published(revision.Report, revision), revision.PublishedAt!.Value);
        scoped.PublishedPdfs.Add(stored);
        try
        {
            await scoped.SaveChangesAsync(ct);
            log.LogWarning("Official PDF of revision {Revision} was missing and has been made", revisionId);
            return stored.Sha256;
        }
        catch (DbUpdateException)
        {
            return await db.PublishedPdfs.Where(p => p.RevisionId == revisionId).Select(p => p.Sha256).SingleAsync(ct);
        }
    }

    private IQueryable<ReportRevision> MissingPdfs() =>
        db.Revisions.Where(v => v.Status == RevisionStatus.Published && !db.PublishedPdfs.Any(p => p.RevisionId == v.Id));
}
