using System.Net;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DisclosurePortal.Web.Tests;

[Collection(WebTests.Name)]
public sealed class ClerkHomeTests : IDisposable
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private readonly PortalFactory _factory;
    private readonly WebApplicationFactory<Program> _app;
    private readonly TestWorld _world;
    private readonly ReportData _published2024;

    // 2026-01-10 (Beijing time): the 2025 reports are being written; a county department's is due 2026-01-31.
    private static readonly DateTimeOffset Today = new(2026, 1, 10, 1, 0, 0, TimeSpan.Zero);

    public ClerkHomeTests(PostgresFixture pg)
    {
        _factory = new PortalFactory(pg.CreateDatabase());
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            TestAuthHandler.Register(s);
            s.AddSingleton<TimeProvider>(new FixedClock(Today));
        }));
        using var db = _factory.Db();
        _world = TestWorld.Create(db);
        var published = TestWorld.Report(_world.CountyDept, 2024, seed: 21);
        var returned = TestWorld.Report(_world.CountyDept, 2023, seed: 22, RevisionStatus.Returned);
        db.Reports.AddRange(published, returned);
        db.SaveChanges();
        _published2024 = published.Current.ToData();
    }

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
    }

    private HttpClient Clerk()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, TestAuthHandler.Clerk("c1", _world.CountyDept.Id));
        return client;
    }

    [Fact]
    public async Task Home_shows_the_deadline_with_days_left_and_the_reviewers_comment_on_a_returned_report()
    {
        var html = WebUtility.HtmlDecode(await Clerk().GetStringAsync("/clerk"));
        Assert.Contains("2025 年度报告应于 <strong>2026年1月31日</strong> 前发布", html, StringComparison.Ordinal);
        Assert.Contains("还有 <strong>21</strong> 天", html, StringComparison.Ordinal);
        Assert.Contains("退回意见：请核对表三", html, StringComparison.Ordinal);
        Assert.Contains("开始填报 2025 年度报告", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_the_report_carries_over_last_years_carried_forward_and_documents_in_force()
    {
        var client = Clerk();
        var page = await client.GetStringAsync("/clerk");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/clerk?handler=Start",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        using var db = _factory.Db();
        var report = db.Reports.Include(r => r.Revisions).Single(r => r.BodyId == _world.CountyDept.Id && r.Year == 2025);
        var data = report.Current.ToData();
        Assert.Equal($"/clerk/reports/{report.Id}", response.Headers.Location!.OriginalString);
        foreach (var col in Format2021.Table3.AllColumns)
            Assert.Equal(_published2024.Get(Format2021.T3, Format2021.Table3.CarriedForward, col),
                data.Get(Format2021.T3, Format2021.Table3.CarriedOver, col));
        Assert.Equal(_published2024.Get(Format2021.T2, Format2021.Table2.NormativeDocs, Format2021.Table2.InForce),
            data.Get(Format2021.T2, Format2021.Table2.NormativeDocs, Format2021.Table2.InForce));

        // A second start (double click, stale page) creates nothing more.
        await client.PostAsync("/clerk?handler=Start", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        using var check = _factory.Db();
        Assert.Equal(1, check.Reports.Count(r => r.BodyId == _world.CountyDept.Id && r.Year == 2025));
    }

    [Fact]
    public async Task Home_refuses_anonymous_visitors()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/clerk", UriKind.Relative))).StatusCode);
    }
}
