using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DisclosurePortal.Data;
using DisclosurePortal.TestSupport;
using DisclosurePortal.Web.Operations;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// The database goes away and comes back: a friendly 503 while it is down, full service again
/// within 5 s of its return. The test stops a cluster of its own, never the shared one.
/// </summary>
public sealed class DatabaseOutageTests : IDisposable
{
    private readonly PostgresCluster _cluster = PostgresCluster.Start();
    private readonly PortalFactory _factory;
    private readonly int _bodyId;
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public DatabaseOutageTests(Xunit.Abstractions.ITestOutputHelper output)
    {
        _output = output;
        var connectionString = _cluster.ConnectionString("postgres");
        using var db = PortalDb.Create(connectionString);
        db.Database.Migrate();
        var world = TestWorld.Create(db);
        db.Reports.Add(TestWorld.Report(world.CountyDept, 2024, seed: 3));
        db.SaveChanges();
        _bodyId = world.TownshipGov.Id;
        _factory = new PortalFactory(connectionString);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _cluster.Dispose();
    }

    [Fact]
    public async Task While_the_database_is_down_pages_answer_503_in_Chinese_and_serve_again_within_5_s_of_its_return()
    {
        var app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(TestAuthHandler.Register));
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, TestAuthHandler.Clerk("c1", _bodyId));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/clerk", UriKind.Relative))).StatusCode);

        _cluster.StopServer();
        try
        {
            foreach (var path in new[] { "/", "/clerk", "/reports/jinyun-jyj/2024" })
            {
                var down = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(DatabaseOutage.RetryAfterSeconds), down.Headers.RetryAfter?.Delta);
                Assert.Equal("text/html", down.Content.Headers.ContentType?.MediaType);
                var html = await down.Content.ReadAsStringAsync();
                Assert.Contains("系统暂时无法提供服务", html, StringComparison.Ordinal);
                Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
                Assert.True(down.Headers.Contains("Content-Security-Policy"));
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        }
        finally
        {
            _cluster.StartServer();
        }

        // pg_ctl -w returns once the server accepts connections: from here the portal has 5 s.
        var clock = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode;
            if (status != HttpStatusCode.OK) await Task.Delay(100);
        } while (status != HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, status);
        _output.WriteLine($"first 200 after the database accepted connections again: {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/clerk", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
    }
}

public sealed class DatabaseOutageClassificationTests
{
    [Theory]
    [InlineData("57P01", true)]  // admin_shutdown: the server is stopping
    [InlineData("57P03", true)]  // cannot_connect_now: the server is starting
    [InlineData("08006", true)]  // connection_failure
    [InlineData("53300", true)]  // too_many_connections
    [InlineData("23505", false)] // unique_violation: a bug, stays a 500
    [InlineData("42P01", false)] // undefined_table: migrations missing, /readyz reports it
    public void A_server_error_means_an_outage_only_for_connection_and_shutdown_states(string sqlState, bool outage) =>
        Assert.Equal(outage, DatabaseOutage.IsDatabaseUnavailable(new PostgresException("m", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void A_refused_connection_is_an_outage_also_when_EF_Core_wraps_it()
    {
        var refused = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));
        Assert.True(DatabaseOutage.IsDatabaseUnavailable(refused));
        Assert.True(DatabaseOutage.IsDatabaseUnavailable(new DbUpdateException("save failed", refused)));
        Assert.False(DatabaseOutage.IsDatabaseUnavailable(new InvalidOperationException("a bug")));
    }
}
