using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DisclosurePortal.Browser.Tests;

/// <summary>
/// The Content-Security-Policy in real Chromium: the portal's own pages and the entry form's
/// JavaScript run without a single violation, and a script injected inline is refused.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ContentSecurityPolicyInChromiumTests(PostgresFixture pg) : IAsyncLifetime, IDisposable
{
    private const string ClerkUser = "clerk-csp";
    private BrowserPortal _portal = null!;
    private Uri _baseUrl = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private int _reportId;

    public async Task InitializeAsync()
    {
        _portal = new BrowserPortal(pg.CreateDatabase());
        int bodyId;
        await using (var db = _portal.Db())
        {
            var world = TestWorld.Create(db);
            var report = TestWorld.Report(world.TownshipGov, 2024, seed: 5, RevisionStatus.Draft);
            db.Reports.AddRange(report, TestWorld.Report(world.CountyDept, 2024, seed: 6));
            await db.SaveChangesAsync();
            bodyId = world.TownshipGov.Id;
            _reportId = report.Id;
        }
        _baseUrl = _portal.Start();
        await _portal.CreateClerkAsync(ClerkUser, "CSP填报员", bodyId);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task The_pages_and_the_entry_form_script_run_without_a_violation_and_an_inline_script_is_refused()
    {
        await using var context = await Chromium.NewContextAsync(_browser, new() { BaseURL = _baseUrl.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) lock (violations) violations.Add(message.Text);
        };

        await page.GotoAsync("/");
        await page.GotoAsync("/reports/jinyun-jyj/2024");
        await LoginForm.SignInAsync(page, ClerkUser, BrowserPortal.Password, "/clerk");
        await page.GotoAsync($"/clerk/reports/{_reportId}");

        // entry.js computes the row's 总计 as the clerk types: the script file ran under the policy.
        var received = Cell(Format2021.Table3.Received, Format2021.Table3.Natural);
        var commercial = Cell(Format2021.Table3.Received, Format2021.Table3.Commercial);
        await page.Locator(received).FillAsync("12");
        await page.Locator(commercial).FillAsync("34");
        var others = Format2021.Table3.ApplicantColumns.Except([Format2021.Table3.Natural, Format2021.Table3.Commercial]);
        foreach (var column in others) await page.Locator(Cell(Format2021.Table3.Received, column)).FillAsync("0");
        await Expect(page.Locator(Cell(Format2021.Table3.Received, Format2021.Table3.Total))).ToHaveTextAsync("46");
        lock (violations) Assert.Empty(violations);

        // What an injected <script> would do: refused, and reported as a violation.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.appendChild(s); }");
        Assert.Null(await page.EvaluateAsync<int?>("() => window.injected ?? null"));
        await Expect(page.Locator("body")).ToBeVisibleAsync();
        for (var i = 0; i < 20 && violations.Count == 0; i++) await Task.Delay(100);
        lock (violations) Assert.Contains(violations, v => v.Contains("script-src", StringComparison.Ordinal));
    }

    private static string Cell(string row, string column) =>
        "#c-" + new CellRef(Format2021.T3, row, column).ToString().Replace('/', '-').Replace('.', '_');
}
