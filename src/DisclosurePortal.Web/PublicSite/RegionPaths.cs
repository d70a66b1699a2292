using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Web.Publishing;
using Microsoft.Extensions.Caching.Memory;

namespace DisclosurePortal.Web.PublicSite;

/// <summary>
/// The breadcrumb of the public report page (a region and its parents), kept for the public cache lifetime.
/// Regions change only by an administrator's rename or move, and a cached public page already shows the old path
/// for up to <c>PublicCache:Lifetime</c>; keeping the path itself as long adds no new staleness, and saves the
/// recursive query a third of PostgreSQL's time per report page not answered by the output cache (bench/public).
/// </summary>
public sealed class RegionPaths(IConfiguration configuration) : IDisposable
{
    private readonly TimeSpan _lifetime = configuration.GetValue("PublicCache:Lifetime", PublicCache.Lifetime);

    // A county-scale deployment has a few thousand regions; the bench's 500,000-report country has 25,000.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    public async Task<IReadOnlyList<RegionName>> GetAsync(PortalDbContext db, int regionId, CancellationToken ct)
    {
        if (_cache.TryGetValue(regionId, out IReadOnlyList<RegionName>? path)) return path!;
        path = await RegionTree.PathAsync(db, regionId, ct);
        _cache.Set(regionId, path, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _lifetime });
        return path;
    }

    public void Dispose() => _cache.Dispose();
}
