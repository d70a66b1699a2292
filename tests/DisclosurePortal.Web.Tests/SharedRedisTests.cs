using System.Diagnostics;
using System.Net;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using DisclosurePortal.Web.Publishing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Serilog.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// Two instances of the portal, each served by Kestrel on its own loopback port, on one database and one real
/// redis-server (ConnectionStrings:Redis), reached over real HTTP from 127.0.0.1: the output cache, the limits and
/// the sessions are shared, and Redis going away only makes each instance fall back to its own memory.
/// </summary>
[Collection(WebTests.Name)]
public sealed class SharedRedisTests : IClassFixture<RedisFixture>, IDisposable
{
    private const string ReportUrl = "/reports/jinyun-jyj/2024";
    private const int ApiLimit = 4;
    private readonly RedisFixture _redis;
    private readonly PortalFactory _a;
    private readonly PortalFactory _b;
    private readonly Uri _aUrl;
    private readonly Uri _bUrl;
    private readonly CookieContainer _jar = new();
    private readonly TestWorld _world;

    public SharedRedisTests(PostgresFixture pg, RedisFixture redis)
    {
        _redis = redis;
        redis.Start();
        redis.Flush();
        var database = pg.CreateDatabase();
        // The default cache lifetime (a minute): a page seen new at once on B was evicted there, not expired.
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["RateLimits:Api:PermitLimit"] = ApiLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        _a = new PortalFactory(database, settings);
        _b = new PortalFactory(database, settings);
        using var db = _a.Db();
        _world = TestWorld.Create(db);
        db.Reports.Add(TestWorld.Report(_world.CountyDept, 2024, seed: 22));
        db.SaveChanges();
        _aUrl = _a.ServeOnLoopback();
        _bUrl = _b.ServeOnLoopback();
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _redis.Start();
    }

    /// <summary>A browser over real HTTP: one cookie jar (cookies ignore the port), whichever instance it is sent to.</summary>
    private HttpClient Browser(Uri instance) =>
        new(new SocketsHttpHandler { CookieContainer = _jar, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = instance };

    [Fact]
    public async Task A_correction_published_on_one_instance_is_shown_by_the_other_at_once()
    {
        var b = Browser(_bUrl);
        Assert.DoesNotContain("第二版", await b.GetStringAsync(new Uri(ReportUrl, UriKind.Relative)), StringComparison.Ordinal);

        await PublishCorrectionOnAsync(_a, "更正后的主动公开情况：第二版");

        Assert.Contains("第二版", await b.GetStringAsync(new Uri(ReportUrl, UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_failures_spread_over_both_instances_count_once_against_the_limit()
    {
        // AccountsSetup: 10 password posts a minute per address; the eleventh is refused, whichever instance gets it.
        const int limit = 10;
        var a = Browser(_aUrl);
        var b = Browser(_bUrl);
        for (var i = 0; i < limit; i++)
        {
            var failed = await (i % 2 == 0 ? a : b).SignInAsync("ghost", "wrong password " + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await a.SignInAsync("ghost", "wrong again")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await b.SignInAsync("ghost", "wrong again")).StatusCode);
    }

    [Fact]
    public async Task The_public_api_limit_counts_requests_to_both_instances_together()
    {
        var a = Browser(_aUrl);
        var b = Browser(_bUrl);
        for (var i = 0; i < ApiLimit; i++)
            Assert.Equal(HttpStatusCode.OK, (await (i % 2 == 0 ? a : b).GetAsync(new Uri("/api/v1/regions", UriKind.Relative))).StatusCode);

        var refused = await b.GetAsync(new Uri("/api/v1/regions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await a.GetAsync(new Uri("/api/v1/regions", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Signing_out_on_one_instance_ends_the_session_on_the_other()
    {
        await _a.CreateUserAsync("clerk-redis", PortalAuth.Clerk, bodyId: _world.TownshipGov.Id);
        var a = Browser(_aUrl);
        var b = Browser(_bUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await a.SignInAsync("clerk-redis")).StatusCode);
        var cookies = _jar.GetCookieHeader(_aUrl);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync(new Uri("/clerk", UriKind.Relative))).StatusCode);

        await a.PostFormAsync("/", new Dictionary<string, string>(), "/Account/Logout");

        // The old cookie, replayed on B as a thief would, no longer opens the clerk's pages.
        using var replay = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _bUrl };
        replay.DefaultRequestHeaders.Add("Cookie", cookies);
        var response = await replay.GetAsync(new Uri("/clerk", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_Redis_stopped_pages_keep_coming_and_shared_eviction_returns_with_it()
    {
        var log = new CapturedLog();
        using var logged = _a.WithWebHostBuilder(w => w.ConfigureTestServices(s => s.AddSingleton<ILogEventSink>(log)));
        var a = Browser(logged.ServeOnLoopback());
        var b = Browser(_bUrl);
        await b.GetStringAsync(new Uri(ReportUrl, UriKind.Relative));

        // Eight readers keep asking both instances for pages while Redis stops under them, and for 2 s after.
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 8).Select(r => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                statuses.Add((await (r % 2 == 0 ? a : b).GetAsync(new Uri(i % 2 == 0 ? ReportUrl : "/", UriKind.Relative))).StatusCode);
        })).ToList();
        await Task.Delay(500);
        _redis.Stop();
        var down = statuses.Count;
        await Task.Delay(2000);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.True(statuses.Count - down >= 8, $"only {statuses.Count - down} pages were served with Redis down");
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        var ready = await a.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var details = await ready.Content.ReadAsStringAsync();
        Assert.StartsWith("Degraded", details, StringComparison.Ordinal);
        Assert.Contains("redis: Degraded Redis 不可用", details, StringComparison.Ordinal);

        // Once for the outage, not once per request.
        Assert.Single(log.Json, j => j.GetProperty("@mt").GetString()!.StartsWith("Redis unavailable", StringComparison.Ordinal));

        _redis.Start();
        await WaitUntilAsync(async () => (await a.GetStringAsync(new Uri("/readyz", UriKind.Relative))).StartsWith("Healthy", StringComparison.Ordinal)
            && (await b.GetStringAsync(new Uri("/readyz", UriKind.Relative))).StartsWith("Healthy", StringComparison.Ordinal));
        Assert.DoesNotContain("第二版", await b.GetStringAsync(new Uri(ReportUrl, UriKind.Relative)), StringComparison.Ordinal);
        await PublishCorrectionOnAsync(logged, "更正后的主动公开情况：第二版");
        Assert.Contains("第二版", await b.GetStringAsync(new Uri(ReportUrl, UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("Redis available again", log.Text, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "Redis was not seen again within 15 s");
            await Task.Delay(200);
        }
    }

    /// <summary>A correction through the domain workflow, published (and evicted) by that instance's ReportPublisher.</summary>
    private static async Task PublishCorrectionOnAsync(WebApplicationFactory<Program> instance, string prose)
    {
        using var scope = instance.Services.CreateScope();
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
