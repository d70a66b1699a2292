using DisclosurePortal.Web.Publishing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace DisclosurePortal.Web.Operations;

/// <summary>
/// The one connection to Redis shared by several instances (ConnectionStrings:Redis, docs/operations.md "Scaling
/// out"): the output cache and the rate limits. Without the setting there is none and each instance keeps both in
/// its own memory. Redis down never stops a page: callers fall back and <see cref="Unavailable"/> logs it once.
/// </summary>
public sealed class SharedRedis : IDisposable
{
    private readonly ILogger<SharedRedis> _log;
    private int _down;

    public SharedRedis(string configuration, ILogger<SharedRedis> log)
    {
        _log = log;
        var options = ConfigurationOptions.Parse(configuration);
        // Start and keep serving while Redis is away; the multiplexer reconnects in the background.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 1000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1000);
        options.ConnectRetry = 1;
        Connection = ConnectionMultiplexer.Connect(options);
        Connection.ConnectionFailed += (_, e) => Unavailable(e.Exception);
        Connection.ConnectionRestored += (_, _) => Available();
    }

    public IConnectionMultiplexer Connection { get; }

    public bool IsConnected => Connection.IsConnected;

    /// <summary>True for the failures of an unreachable Redis, which are answered by falling back.</summary>
    public static bool IsOutage(Exception ex) => ex is RedisException or TimeoutException or ObjectDisposedException;

    /// <summary>Logs the outage once, not per request.</summary>
    public void Unavailable(Exception? ex)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
            _log.LogWarning(ex, "Redis unavailable: output cache misses go to PostgreSQL, rate limits count per instance");
    }

    public void Available()
    {
        if (Interlocked.Exchange(ref _down, 0) == 1) _log.LogInformation("Redis available again: cache and limits shared");
    }

    public void Dispose() => Connection.Dispose();
}

/// <summary>/readyz: Redis away is degraded (the portal serves from PostgreSQL), not a reason to take the instance out.</summary>
public sealed class SharedRedisCheck(SharedRedis redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (redis.IsConnected)
            {
                await redis.Connection.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy("Redis 可用");
            }
        }
        catch (Exception ex) when (SharedRedis.IsOutage(ex))
        {
            redis.Unavailable(ex);
        }
        return HealthCheckResult.Degraded("Redis 不可用：缓存与限流暂由本实例承担");
    }
}

public static class SharedRedisSetup
{
    /// <summary>
    /// With ConnectionStrings:Redis: one multiplexer, the output cache store in Redis behind
    /// <see cref="FailSafeOutputCacheStore"/>, and a degraded-not-failed readiness check. Call after AddOutputCache.
    /// </summary>
    public static IServiceCollection AddSharedRedis(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connection)) return services;
        services.AddSingleton(sp => new SharedRedis(connection, sp.GetRequiredService<ILogger<SharedRedis>>()));
        services.AddStackExchangeRedisOutputCache(o => { });
        services.AddOptions<Microsoft.AspNetCore.OutputCaching.StackExchangeRedis.RedisOutputCacheOptions>()
            .Configure<IServiceProvider>((o, sp) =>
            {
                o.InstanceName = "portal:";
                o.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<SharedRedis>().Connection);
            });
        // Decorate the Redis store so that an outage is a miss, never a 500.
        var redisStore = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(redisStore);
        services.AddSingleton<IOutputCacheStore>(sp => new FailSafeOutputCacheStore(
            (IOutputCacheStore)(redisStore.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, redisStore.ImplementationType!)),
            sp.GetRequiredService<SharedRedis>()));
        services.AddHealthChecks().AddCheck<SharedRedisCheck>("redis", tags: [OperationsSetup.ReadyTag], timeout: TimeSpan.FromSeconds(2));
        return services;
    }
}
