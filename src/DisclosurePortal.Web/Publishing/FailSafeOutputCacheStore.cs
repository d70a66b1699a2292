using DisclosurePortal.Web.Operations;
using Microsoft.AspNetCore.OutputCaching;

namespace DisclosurePortal.Web.Publishing;

/// <summary>
/// The shared output cache with Redis away: a read is a miss (the page is rendered from PostgreSQL), a write or an
/// eviction is dropped. An eviction dropped leaves a page at most <see cref="PublicCache.Lifetime"/> old in Redis.
/// </summary>
public sealed class FailSafeOutputCacheStore(IOutputCacheStore inner, SharedRedis redis) : IOutputCacheStore
{
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        // Skip the round trip (and its timeout) while the multiplexer knows it has no connection.
        if (!redis.IsConnected) return null;
        try
        {
            var entry = await inner.GetAsync(key, cancellationToken);
            redis.Available();
            return entry;
        }
        catch (Exception ex) when (SharedRedis.IsOutage(ex))
        {
            redis.Unavailable(ex);
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected) return;
        try
        {
            await inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (Exception ex) when (SharedRedis.IsOutage(ex))
        {
            redis.Unavailable(ex);
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            await inner.EvictByTagAsync(tag, cancellationToken);
        }
        catch (Exception ex) when (SharedRedis.IsOutage(ex))
        {
            redis.Unavailable(ex);
        }
    }
}
