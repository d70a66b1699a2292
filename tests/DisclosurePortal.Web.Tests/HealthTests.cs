using System.Net;
using DisclosurePortal.TestSupport;
using Npgsql;

namespace DisclosurePortal.Web.Tests;

[Collection(WebTests.Name)]
public sealed class HealthTests(PostgresFixture pg)
{
    [Fact]
    public async Task Healthz_and_readyz_answer_200_on_a_reachable_migrated_database()
    {
        using var factory = new PortalFactory(pg.CreateDatabase());
        var client = factory.CreateClient();

        var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", (await live.Content.ReadAsStringAsync()).Trim());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("database: Healthy", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-store", ready.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Readyz_is_503_while_migrations_are_pending_and_healthz_stays_200()
    {
        var name = "dp_unmigrated_" + Guid.NewGuid().ToString("N")[..8];
        await using (var conn = new NpgsqlConnection(pg.Cluster.ConnectionString()))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        using var factory = new PortalFactory(pg.Cluster.ConnectionString(name));
        var client = factory.CreateClient();

        var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var text = await ready.Content.ReadAsStringAsync();
        Assert.Contains("尚未应用", text, StringComparison.Ordinal);
        Assert.Contains("--migrate-only", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Readyz_is_503_when_the_database_cannot_be_reached_and_healthz_stays_200()
    {
        // Port 1: nothing listens there, the connection is refused at once.
        const string unreachable = "Host=127.0.0.1;Port=1;Username=postgres;Database=none;Timeout=2";
        using var factory = new PortalFactory(unreachable);
        var client = factory.CreateClient();

        var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("数据库无法连接", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
    }
}
