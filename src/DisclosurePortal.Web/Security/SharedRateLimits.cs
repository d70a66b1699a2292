using System.Threading.RateLimiting;
using DisclosurePortal.Web.Operations;
using StackExchange.Redis;

namespace DisclosurePortal.Web.Security;

/// <summary>
/// A limit counted across instances: a fixed window in Redis (one INCR and PEXPIRE, atomic in Lua), so a client
/// spreading requests over the instances gets the limit once, not once per instance. With Redis away the
/// instance's own in-memory limiter answers until it returns.
/// </summary>
public sealed class SharedWindowLimiter(SharedRedis redis, string key, int permitLimit, TimeSpan window, RateLimiter fallback)
    : RateLimiter
{
    private static readonly LuaScript Count = LuaScript.Prepare("""
        local n = redis.call('INCR', @key)
        if n == 1 then redis.call('PEXPIRE', @key, @window) end
        return { n, redis.call('PTTL', @key) }
        """);

    /// <summary>
    /// The partition of a policy for one client address: shared when Redis is configured, else the in-memory one.
    /// </summary>
    public static RateLimitPartition<string> Partition(HttpContext http, string policy, string address, int permitLimit,
        TimeSpan window, Func<string, RateLimiter> inMemory)
    {
        if (http.RequestServices.GetService<SharedRedis>() is not { } redis)
            return RateLimitPartition.Get(address, inMemory);
        return RateLimitPartition.Get(address,
            a => new SharedWindowLimiter(redis, $"portal:limit:{policy}:{a}", permitLimit, window, inMemory(a)));
    }

    public override TimeSpan? IdleDuration => fallback.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => fallback.GetStatistics();

    // The middleware tries this first and, when refused, awaits AcquireAsync: counting here too would count twice.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Pending;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (redis.IsConnected)
        {
            try
            {
                var result = (RedisResult[])(await redis.Connection.GetDatabase().ScriptEvaluateAsync(Count,
                    new { key = (RedisKey)key, window = (long)window.TotalMilliseconds }))!;
                redis.Available();
                var count = (long)result[0];
                var ttl = TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1]));
                return count <= permitLimit ? Lease.Granted : new Lease(false, ttl);
            }
            catch (Exception ex) when (SharedRedis.IsOutage(ex))
            {
                redis.Unavailable(ex);
            }
        }
        return await fallback.AcquireAsync(permitCount, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) fallback.Dispose();
        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await fallback.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);
        public static readonly Lease Pending = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames =>
            retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
