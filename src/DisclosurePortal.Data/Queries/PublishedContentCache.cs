using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using Microsoft.Extensions.Caching.Memory;

namespace DisclosurePortal.Data.Queries;

/// <summary>
/// The content of published revisions, read from jsonb once and kept in memory: for the rules' context of the
/// entry form and the review view (<see cref="RuleContexts"/>) and for the public report page
/// (Web/PublicSite/PublishedContent), which also keeps here the verification code it derives from the content.
/// </summary>
/// <remarks>
/// Published revisions are immutable (ReportRevision.Publish freezes them; a correction is a new revision), so an
/// entry never goes stale. The key is the revision's id and its xmin (<see cref="ReportRevision.Version"/>): any
/// write to the row, even one behind the portal's back, gives a new key. A verification code also covers the body's
/// name and kind, which a reorganisation may change, so its key has them too. One per application (and so per
/// database): revision ids of different databases must not meet.
/// </remarks>
public sealed class PublishedContentCache(int capacity = PublishedContentCache.DefaultCapacity) : IDisposable
{
    /// <summary>Revisions kept at most (<c>PublicCache:Revisions</c>): ~50 KB of content each, so ~50 MB.</summary>
    public const int DefaultCapacity = 1_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = capacity });

    private readonly record struct Key(int RevisionId, uint Version);

    /// <summary>A revision's content and the last verification code derived from it, with what else it covers.</summary>
    private sealed class Entry(ReportData data)
    {
        public ReportData Data { get; } = data;
        public volatile Code? Code;
    }

    private sealed record Code(string BodyName, BodyKind BodyKind, string Value);

    public ReportData? TryGet(int revisionId, uint version) => Find(revisionId, version)?.Data;

    public void Add(int revisionId, uint version, ReportData data) => Store(revisionId, version, new Entry(data));

    /// <summary>The content with its verification code for the body's current name and kind, when both are known.</summary>
    public (ReportData Data, string Code)? TryGetWithCode(int revisionId, uint version, string bodyName, BodyKind bodyKind) =>
        Find(revisionId, version) is { Code: { } code } entry && code.BodyName == bodyName && code.BodyKind == bodyKind
            ? (entry.Data, code.Value) : null;

    /// <summary>Keeps the content with the code derived from it for the body's name and kind.</summary>
    public void AddWithCode(int revisionId, uint version, ReportData data, string bodyName, BodyKind bodyKind, string code)
    {
        var entry = Find(revisionId, version) ?? Store(revisionId, version, new Entry(data));
        entry.Code = new Code(bodyName, bodyKind, code);
    }

    private Entry? Find(int revisionId, uint version) =>
        _cache.TryGetValue(new Key(revisionId, version), out Entry? entry) ? entry : null;

    private Entry Store(int revisionId, uint version, Entry entry) =>
        _cache.Set(new Key(revisionId, version), entry,
            new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(6) });

    public void Dispose() => _cache.Dispose();
}
