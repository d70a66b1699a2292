using DisclosurePortal.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DisclosurePortal.TestSupport;

/// <summary>
/// One throwaway cluster per test assembly with a template database migrated by the real, committed
/// migrations; each test class (or test) takes a fresh copy of the template, so tests never share rows.
/// </summary>
public sealed class PostgresFixture : IDisposable
{
    private const string Template = "dp_template";
    private int _counter;

    public PostgresFixture()
    {
        Cluster = PostgresCluster.Start();
        try
        {
            using (var conn = new NpgsqlConnection(Cluster.ConnectionString()))
            {
                conn.Open();
                using var cmd = new NpgsqlCommand($"CREATE DATABASE {Template}", conn);
                cmd.ExecuteNonQuery();
            }
            using var db = PortalDb.Create(Cluster.ConnectionString(Template));
            db.Database.Migrate();
        }
        catch
        {
            Cluster.Dispose();
            throw;
        }
        // The template must have no open connections for CREATE DATABASE … TEMPLATE to work.
        NpgsqlConnection.ClearAllPools();
    }

    public PostgresCluster Cluster { get; }

    /// <summary>Creates a new migrated, empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = $"dp_test_{Interlocked.Increment(ref _counter)}";
        using var conn = new NpgsqlConnection(Cluster.ConnectionString());
        conn.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {Template}", conn);
        cmd.ExecuteNonQuery();
        return Cluster.ConnectionString(name);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Cluster.Dispose();
    }
}
