using DisclosurePortal.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DisclosurePortal.TestSupport;

/// <summary>
/// A primary PostgreSQL with the portal's migrated database and a streaming replica of it (pg_basebackup -R), both
/// started from Debian's binaries and removed when disposed. The replica's replay can be paused, to make it lag.
/// </summary>
public sealed class ReplicaFixture : IDisposable
{
    private const string Database = "portal";

    public ReplicaFixture()
    {
        Primary = PostgresCluster.Start();
        try
        {
            using (var db = PortalDb.Create(PrimaryConnection)) db.Database.Migrate();
            Standby = PostgresCluster.StartStandby(Primary);
        }
        catch
        {
            Primary.Dispose();
            throw;
        }
    }

    public PostgresCluster Primary { get; }
    public PostgresCluster Standby { get; }
    public string PrimaryConnection => Primary.ConnectionString(Database);
    public string StandbyConnection => Standby.ConnectionString(Database);

    /// <summary>Stops applying the primary's changes (pg_wal_replay_pause): the replica lags until resumed.</summary>
    public void PauseReplay() => OnStandby("SELECT pg_wal_replay_pause()");

    public void ResumeReplay() => OnStandby("SELECT pg_wal_replay_resume()");

    /// <summary>Waits until the replica has replayed everything the primary has written so far.</summary>
    public void WaitForReplay(TimeSpan? timeout = null)
    {
        string lsn;
        using (var primary = new NpgsqlConnection(Admin(Primary)))
        {
            primary.Open();
            using var command = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()::text", primary);
            lsn = (string)command.ExecuteScalar()!;
        }
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        using var standby = new NpgsqlConnection(Admin(Standby));
        standby.Open();
        while (true)
        {
            using var command = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn() >= @lsn::pg_lsn", standby);
            command.Parameters.AddWithValue("lsn", lsn);
            if ((bool)command.ExecuteScalar()!) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"the replica did not replay {lsn}");
            Thread.Sleep(20);
        }
    }

    // Unpooled: a pooled connection would not survive the standby's restart in the outage test.
    private static string Admin(PostgresCluster cluster) => cluster.ConnectionString() + ";Pooling=false";

    private void OnStandby(string sql)
    {
        using var connection = new NpgsqlConnection(Admin(Standby));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Standby?.Dispose();
        Primary.Dispose();
    }
}
