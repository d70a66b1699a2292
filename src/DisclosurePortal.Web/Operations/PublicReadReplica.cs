using DisclosurePortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace DisclosurePortal.Web.Operations;

/// <summary>
/// A PostgreSQL streaming replica for the public reads (ConnectionStrings:PortalReplica, docs/operations.md "Scaling
/// out"): an anonymous GET of a public page, open data or the read API gets a context on the replica; everything a
/// signed-in user does, every write and every background job stays on the primary. The replica is used only while it
/// answers and has replayed every publication made through this instance (<see cref="CatchUpAsync"/>), so a report
/// published a moment ago never vanishes; Npgsql's multi-host "prefer-standby" sends a connection to the primary when
/// the replica cannot be reached between two checks.
/// </summary>
public sealed class PublicReadReplica
{
    private readonly ILogger<PublicReadReplica> _log;
    private long _required;
    private long _replayed = -1;
    private int _down;

    public PublicReadReplica(string primary, string replica, TimeSpan catchUpWait, ILogger<PublicReadReplica> log)
    {
        _log = log;
        // Completed once here, so the context made for each request does not parse its connection string again.
        Primary = PortalDb.WithAutoPrepare(primary);
        CatchUpWait = catchUpWait;
        var standby = new NpgsqlConnectionStringBuilder(replica) { Timeout = 2, CommandTimeout = 5 };
        Replica = standby.ConnectionString;
        var main = new NpgsqlConnectionStringBuilder(primary);
        // The replica first, the primary when the replica is down; host states are rechecked every 2 s.
        PreferReplica = PortalDb.WithAutoPrepare(new NpgsqlConnectionStringBuilder(Replica)
        {
            Host = $"{standby.Host}:{standby.Port},{main.Host}:{main.Port}",
            TargetSessionAttributes = "prefer-standby",
            HostRecheckSeconds = 2,
        }.ConnectionString);
    }

    public string Primary { get; }
    public string Replica { get; }
    public string PreferReplica { get; }
    public TimeSpan CatchUpWait { get; }

    /// <summary>How far behind the primary the replica was at the last check, in bytes of WAL; null when it is down.</summary>
    public long? LagBytes { get; private set; }

    public bool IsUp => Volatile.Read(ref _down) == 0 && Volatile.Read(ref _replayed) >= 0;

    /// <summary>Up, and every publication this instance made has been replayed there.</summary>
    public bool IsCaughtUp => IsUp && Volatile.Read(ref _replayed) >= Volatile.Read(ref _required);

    /// <summary>The connection string for a context made in <paramref name="scope"/>: the replica only for public reads.</summary>
    public string ConnectionFor(IServiceProvider scope)
    {
        var http = scope.GetService<IHttpContextAccessor>()?.HttpContext;
        // A context of another scope (Data Protection keys, background jobs) is never a public read.
        if (http is null || !ReferenceEquals(http.RequestServices, scope)) return Primary;
        var request = http.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))) return Primary;
        // Signed in (or signing in): what the user does and has just done is read where it was written.
        if (request.Cookies.ContainsKey(Accounts.AccountsSetup.SessionCookie)) return Primary;
        if (request.Path.StartsWithSegments(OperationsSetup.ReadinessPath) || request.Path.StartsWithSegments("/Account")
            || request.Path.StartsWithSegments("/clerk") || request.Path.StartsWithSegments("/review")
            || request.Path.StartsWithSegments("/Admin")) return Primary;
        return IsCaughtUp ? PreferReplica : Primary;
    }

    /// <summary>
    /// After a publication committed on the primary: the public reads of this instance stay on the primary until the
    /// replica has replayed it, and this waits (at most <see cref="CatchUpWait"/>) for that, so that the public cache
    /// is evicted for content the replica already has. Returns whether the replica caught up in time.
    /// </summary>
    public async Task<bool> CatchUpAsync(PortalDbContext primary, CancellationToken ct)
    {
        // The insert position: with synchronous_commit off the commit may not be written yet, but it is before this.
        var lsn = await primary.Database.SqlQuery<long>($"SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint AS \"Value\"")
            .SingleAsync(ct);
        InterlockedMax(ref _required, lsn);
        // Not known up (a one-shot command has no monitor): ask, since other instances read it once evicted.
        if (!IsUp && !await CheckAsync(ct)) return false;
        var deadline = DateTime.UtcNow + CatchUpWait;
        while (DateTime.UtcNow < deadline)
        {
            if (await CheckAsync(ct) && Volatile.Read(ref _replayed) >= lsn) return true;
            await Task.Delay(20, ct);
        }
        _log.LogWarning("Replica did not replay a publication within {Wait}; public reads stay on the primary until it does", CatchUpWait);
        return false;
    }

    /// <summary>Reads the replica's replay position; marks it down (logged once) when it does not answer.</summary>
    public async Task<bool> CheckAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(Replica);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(
                "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint, (pg_last_wal_receive_lsn() - pg_last_wal_replay_lsn())::bigint", connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            if (reader.IsDBNull(0)) throw new InvalidOperationException("the server named as replica is not a standby");
            Volatile.Write(ref _replayed, reader.GetInt64(0));
            LagBytes = Math.Max(0, Volatile.Read(ref _required) - reader.GetInt64(0));
            if (Interlocked.Exchange(ref _down, 0) == 1) _log.LogInformation("Replica available again: public reads return to it");
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            LagBytes = null;
            if (Interlocked.Exchange(ref _down, 1) == 0)
            {
                _log.LogWarning(ex, "Replica unavailable: public reads go to the primary");
                // Idle connections to a replica that went away would each fail one request after it returns.
                // The contexts' pool and this check's.
                foreach (var pooled in new[] { PreferReplica, Replica })
                {
                    using var connection = new NpgsqlConnection(pooled);
                    NpgsqlConnection.ClearPool(connection);
                }
            }
            return false;
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }
}

/// <summary>Checks the replica twice a second, so that reads leave a replica that stopped and return when it is back.</summary>
public sealed class PublicReadReplicaMonitor(PublicReadReplica replica) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await replica.CheckAsync(stoppingToken);
            try { await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

/// <summary>/readyz: the replica away is degraded (public reads go to the primary), not a reason to take the instance out.</summary>
public sealed class PublicReadReplicaCheck(PublicReadReplica replica) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await replica.CheckAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"只读副本可用（落后 {replica.LagBytes ?? 0} 字节）")
            : HealthCheckResult.Degraded("只读副本不可用：公开页面从主库读取");
}

public static class PublicReadReplicaSetup
{
    /// <summary>
    /// The portal's one context registration: on the primary, or — with ConnectionStrings:PortalReplica — per request
    /// on the replica for public reads (<see cref="PublicReadReplica.ConnectionFor"/>).
    /// </summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration, string primary)
    {
        var replica = configuration.GetConnectionString("PortalReplica");
        if (string.IsNullOrWhiteSpace(replica))
            // Nothing in the options depends on the request: they are made once, not for every context.
            return services.AddDbContext<PortalDbContext>(o => PortalDb.Configure(o, primary), optionsLifetime: ServiceLifetime.Singleton);
        services.AddHttpContextAccessor();
        services.AddSingleton(sp => new PublicReadReplica(primary, replica,
            configuration.GetValue("Replica:CatchUpWait", TimeSpan.FromSeconds(5)), sp.GetRequiredService<ILogger<PublicReadReplica>>()));
        services.AddHostedService<PublicReadReplicaMonitor>();
        services.AddHealthChecks().AddCheck<PublicReadReplicaCheck>("replica", tags: [OperationsSetup.ReadyTag], timeout: TimeSpan.FromSeconds(3));
        return services.AddDbContext<PortalDbContext>((sp, o) =>
            PortalDb.Configure(o, sp.GetRequiredService<PublicReadReplica>().ConnectionFor(sp)));
    }
}
