using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Web.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace DisclosurePortal.Web.PublicSite;

/// <summary>The content of one published revision and the verification code printed on its PDF.</summary>
public sealed record RevisionContent(ReportData Data, string VerificationCode);

/// <summary>
/// What the public report page derives from a published revision's content — the figures and prose read from
/// jsonb, and the verification code (SHA-256 over the report's JSON form) — kept in memory per revision.
/// Published revisions are immutable (ReportRevision.Publish freezes them), so this is never stale: the key is
/// the revision's id and xmin (any write to the row, even one behind the portal's back, gives a new key), and the
/// body's name and kind, which the JSON form and so the code include and a reorganisation may change. Each request
/// still asks the database which revisions are published (ReportPageQuery); only the content is not read again.
/// </summary>
public sealed class PublishedContent(IConfiguration configuration) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions
    {
        // One entry per revision, ~50 KB each (200 figures, seven prose parts): 1,000 hold ~50 MB. The portal's
        // memory target (300 MB, bench/soak) leaves room for that and the rendered HTML (cache tag helper, ≤ 100 MB).
        SizeLimit = configuration.GetValue("PublicCache:Revisions", 1000),
    });

    private readonly record struct Key(int RevisionId, uint Version, string BodyName, BodyKind BodyKind);

    public async Task<RevisionContent> GetAsync(PortalDbContext db, int reportId, PublishedRevisionInfo revision,
        string bodyName, BodyKind bodyKind, CancellationToken ct)
    {
        var key = new Key(revision.Id, revision.Version, bodyName, bodyKind);
        if (_cache.TryGetValue(key, out RevisionContent? content)) return content!;

        // A miss: the first request for this revision since the process started (or since it was evicted).
        // Two racing requests both read it; the results are equal, and the last one stays.
        var report = await db.Reports.AsNoTracking()
            .Include(r => r.Body).Include(r => r.Revisions.Where(v => v.Id == revision.Id))
            .SingleAsync(r => r.Id == reportId, ct);
        var stored = report.Revisions.Single();
        content = new RevisionContent(stored.ToData(), OfficialPdf.VerificationCodeOf(report, stored));
        // Were the row written between the page's query and this one, the content read is not the one the key names.
        if (stored.Version == revision.Version)
            _cache.Set(key, content, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(6) });
        return content;
    }

    public void Dispose() => _cache.Dispose();
}
