using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using DisclosurePortal.Web.Publishing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// Two instances of the portal on one database, each its own host with its own memory: the
/// Data Protection key ring in PostgreSQL makes a cookie or form token of one good on the other, and a
/// publication on one is served by the other within the public-page cache lifetime.
/// </summary>
[Collection(WebTests.Name)]
public sealed partial class SeveralInstancesTests : IDisposable
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(3);
    private readonly PortalFactory _one;
    private readonly PortalFactory _two;
    private readonly CookieContainer _jar = new();
    private readonly TestWorld _world;
    private readonly int _draftId;

    public SeveralInstancesTests(PostgresFixture pg)
    {
        var database = pg.CreateDatabase();
        var settings = new Dictionary<string, string> { ["PublicCache:Lifetime"] = CacheLifetime.ToString() };
        _one = new PortalFactory(database, settings);
        _two = new PortalFactory(database, settings);
        using var db = _one.Db();
        _world = TestWorld.Create(db);
        var draft = TestWorld.Report(_world.TownshipGov, 2024, seed: 21, RevisionStatus.Draft);
        db.Reports.AddRange(draft, TestWorld.Report(_world.CountyDept, 2024, seed: 22));
        db.SaveChanges();
        _draftId = draft.Id;
    }

    public void Dispose()
    {
        _one.Dispose();
        _two.Dispose();
    }

    /// <summary>A browser: one cookie jar, whichever instance the load balancer picks.</summary>
    private HttpClient Browser(PortalFactory instance) =>
        instance.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(_jar));

    [Fact]
    public async Task Signed_in_on_one_instance_a_clerk_saves_a_draft_on_the_other_with_the_first_ones_form_token()
    {
        var reportId = _draftId;
        await _one.CreateUserAsync("clerk-two-hosts", PortalAuth.Clerk, bodyId: _world.TownshipGov.Id);
        var one = Browser(_one);
        var two = Browser(_two);

        var signIn = await one.SignInAsync("clerk-two-hosts");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var url = $"/clerk/reports/{reportId}";
        var form = await one.GetStringAsync(new Uri(url, UriKind.Relative));
        var received = new CellRef(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Natural);
        var fields = EntryForm.Fields(form);
        fields.RemoveAll(f => f.Key == $"f:{received}");
        fields.Add(new($"f:{received}", "4321"));

        var saved = await two.PostAsync(new Uri($"{url}?handler=Save", UriKind.Relative), new FormUrlEncodedContent(fields));

        // A key ring of its own would make the second instance refuse the session (302 to sign-in) or the token (400).
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(url, saved.Headers.Location?.OriginalString);
        using (var db = _two.Db())
        {
            var revision = await db.Revisions.SingleAsync(r => r.ReportId == reportId);
            Assert.Equal(4321m, revision.ToData()[received]);
        }
        // The "saved" notice travels in the TempData cookie, protected by the same keys, back to the first instance.
        Assert.Contains("已保存草稿", await one.GetStringAsync(new Uri(url, UriKind.Relative)), StringComparison.Ordinal);
        using (var db = _one.Db()) Assert.Single(await db.DataProtectionKeys.ToListAsync());
    }

    [Fact]
    public async Task A_correction_published_on_one_instance_is_served_by_the_other_within_the_cache_lifetime()
    {
        const string url = "/reports/jinyun-jyj/2024";
        const string corrected = "更正后的主动公开情况：第二版";
        var two = Browser(_two);
        Assert.DoesNotContain(corrected, await two.GetStringAsync(new Uri(url, UriKind.Relative)), StringComparison.Ordinal);

        await PublishCorrectionOnAsync(_one, corrected);
        Assert.Contains(corrected, await Browser(_one).GetStringAsync(new Uri(url, UriKind.Relative)), StringComparison.Ordinal);

        var clock = Stopwatch.StartNew();
        string html;
        do
        {
            html = await two.GetStringAsync(new Uri(url, UriKind.Relative));
            if (!html.Contains(corrected, StringComparison.Ordinal)) await Task.Delay(200);
        } while (!html.Contains(corrected, StringComparison.Ordinal) && clock.Elapsed < CacheLifetime + TimeSpan.FromSeconds(2));
        Assert.Contains(corrected, html, StringComparison.Ordinal);
        Assert.True(clock.Elapsed <= CacheLifetime + TimeSpan.FromSeconds(1), $"served after {clock.Elapsed}");
    }

    /// <summary>
    /// A correction through the domain workflow, published by the instance's own <see cref="ReportPublisher"/>
    /// (stores the PDF, evicts that instance's cached pages); the other instance is not told.
    /// </summary>
    private static async Task PublishCorrectionOnAsync(PortalFactory instance, string prose)
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
