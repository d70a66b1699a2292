using System.Diagnostics;
using System.Net;
using DisclosurePortal.Data;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using DisclosurePortal.Web.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// The portal with ConnectionStrings:PortalReplica on a real primary and a real streaming replica: anonymous public
/// reads come from the replica (shown by pausing its replay), a signed-in reader and a fresh publication from the
/// primary, and a stopped replica sends the reads to the primary until it is back.
/// </summary>
[Collection(WebTests.Name)]
public sealed class PublicReadReplicaTests : IClassFixture<ReplicaFixture>, IDisposable
{
    private const string RegionUrl = "/regions/331122";
    private const string ReportUrl = "/reports/jinyun-jyj/2024";
    private readonly ReplicaFixture _pg;
    private readonly PortalFactory _portal;

    public PublicReadReplicaTests(ReplicaFixture pg)
    {
        _pg = pg;
        _pg.ResumeReplay();
        using (var db = PortalDb.Create(pg.PrimaryConnection))
        {
            if (!db.Regions.Any())
            {
                var world = TestWorld.Create(db);
                db.Reports.Add(TestWorld.Report(world.CountyDept, 2024, seed: 22));
                db.SaveChanges();
            }
        }
        _pg.WaitForReplay();
        // No output cache: every page is read from the database, so where it was read from shows.
        _portal = new PortalFactory(pg.PrimaryConnection, new Dictionary<string, string>
        {
            ["ConnectionStrings:PortalReplica"] = pg.StandbyConnection,
            ["PublicCache:Lifetime"] = "00:00:00",
            ["Replica:CatchUpWait"] = "00:00:01",
        });
    }

    public void Dispose()
    {
        _portal.Dispose();
        _pg.Standby.StartServerIfStopped();
        _pg.ResumeReplay();
    }

    private async Task<string> AnonymousAsync(string url, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        var response = await _portal.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private async Task WaitForReadyAsync(string expected)
    {
        var clock = Stopwatch.StartNew();
        while (!(await _portal.CreateClient().GetStringAsync(new Uri("/readyz", UriKind.Relative))).Contains(expected, StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"/readyz did not say 「{expected}」 within 15 s");
            await Task.Delay(100);
        }
    }

    /// <summary>A change made on the primary while the replica does not replay: only a primary read can see it.</summary>
    private void RenameOnPrimary(string name) =>
        Execute(_pg.PrimaryConnection, $"UPDATE bodies SET name = '{name}' WHERE code = 'jinyun-jyj'");

    private static void Execute(string connection, string sql)
    {
        using var c = new NpgsqlConnection(connection);
        c.Open();
        using var command = new NpgsqlCommand(sql, c);
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task Public_pages_read_the_replica_and_a_signed_in_reader_reads_the_primary()
    {
        await WaitForReadyAsync("只读副本可用");
        _pg.PauseReplay();
        try
        {
            RenameOnPrimary("缙云县教育体育局");

            Assert.Contains("缙云县教育局", await AnonymousAsync(RegionUrl), StringComparison.Ordinal);
            // A request with the session cookie (a signed-in user, or one signing in) reads the primary.
            Assert.Contains("缙云县教育体育局", await AnonymousAsync(RegionUrl, "dp.session=any"), StringComparison.Ordinal);
        }
        finally
        {
            _pg.ResumeReplay();
        }
        _pg.WaitForReplay();
        Assert.Contains("缙云县教育体育局", await AnonymousAsync(RegionUrl), StringComparison.Ordinal);
        RenameOnPrimary("缙云县教育局");
        _pg.WaitForReplay();
    }

    [Fact]
    public async Task A_publication_is_public_at_once_while_the_replica_lags_and_reads_return_to_it_after()
    {
        await WaitForReadyAsync("只读副本可用");
        _pg.PauseReplay();
        try
        {
            await PublishCorrectionAsync("更正后的主动公开情况：副本落后时发布");

            // The replica has not replayed it: this instance's public reads stay on the primary until it has.
            Assert.Contains("副本落后时发布", await AnonymousAsync(ReportUrl), StringComparison.Ordinal);
        }
        finally
        {
            _pg.ResumeReplay();
        }
        _pg.WaitForReplay();
        await WaitForReadyAsync("只读副本可用");
        _pg.PauseReplay();
        try
        {
            RenameOnPrimary("缙云县教育体育局");
            var clock = Stopwatch.StartNew();
            while ((await AnonymousAsync(RegionUrl)).Contains("缙云县教育体育局", StringComparison.Ordinal))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "public reads did not return to the replica");
                await Task.Delay(100);
            }
            Assert.Contains("副本落后时发布", await AnonymousAsync(ReportUrl), StringComparison.Ordinal);
        }
        finally
        {
            _pg.ResumeReplay();
        }
        RenameOnPrimary("缙云县教育局");
        _pg.WaitForReplay();
    }

    [Fact]
    public async Task A_stopped_replica_sends_public_reads_to_the_primary_until_it_is_back()
    {
        await WaitForReadyAsync("只读副本可用");
        _pg.Standby.StopServer();
        await WaitForReadyAsync("只读副本不可用：公开页面从主库读取");

        foreach (var url in new[] { "/?q=" + Uri.EscapeDataString("缙云"), RegionUrl, ReportUrl })
            Assert.Contains("缙云县教育局", await AnonymousAsync(url), StringComparison.Ordinal);
        await AnonymousAsync("/api/v1/regions/331122");

        _pg.Standby.StartServer();
        await WaitForReadyAsync("只读副本可用");
        _pg.PauseReplay();
        try
        {
            RenameOnPrimary("缙云县教育体育局");
            Assert.Contains("缙云县教育局", await AnonymousAsync(RegionUrl), StringComparison.Ordinal);
        }
        finally
        {
            _pg.ResumeReplay();
        }
        RenameOnPrimary("缙云县教育局");
        _pg.WaitForReplay();
    }

    /// <summary>A correction through the domain workflow, published (and evicted) by the portal's ReportPublisher.</summary>
    private async Task PublishCorrectionAsync(string prose)
    {
        using var scope = _portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var report = await db.Reports.Include(r => r.Revisions).Include(r => r.Body).SingleAsync(r => r.Body.Code == "jinyun-jyj");
        var correction = report.StartCorrection("主动公开情况表述有误", TestWorld.Clerk, TestWorld.Now.AddDays(1));
        correction.Save(new Dictionary<CellRef, decimal?>(), new Dictionary<string, string?> { [Format2021.ProseActive] = prose },
            FigureEntry.AsGiven, TestWorld.Clerk, TestWorld.Now.AddDays(1));
        correction.Submit(report.Body.Kind, null, null, TestWorld.Clerk, TestWorld.Now.AddDays(1));
        await scope.ServiceProvider.GetRequiredService<ReportPublisher>()
            .PublishAsync(report, correction, TestWorld.Reviewer, TestWorld.Now.AddDays(2), default);
    }
}
