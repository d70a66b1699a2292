using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DisclosurePortal.Browser.Tests;

/// <summary>
/// A citizen in real Chromium: searches, opens the region, the report and its PDF link, with the keyboard
/// where a keyboard user would; every public page passes an axe-core scan and holds on a 360-px phone.
/// Full-page screenshots land in the test output's artifacts/ folder.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class CitizenReadsReportsInChromiumTests(PostgresFixture pg) : IAsyncLifetime, IDisposable
{
    private BrowserPortal _portal = null!;
    private Uri _baseUrl = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _portal = new BrowserPortal(pg.CreateDatabase());
        await using (var db = _portal.Db())
        {
            var world = TestWorld.Create(db);
            var c2023 = TestWorld.Report(world.CountyDept, 2023, seed: 1);
            var c2024 = TestWorld.Report(world.CountyDept, 2024, seed: 2, previous: c2023.Current.ToData());
            var t2024 = TestWorld.Report(world.TownshipGov, 2024, seed: 3);
            var o2024 = TestWorld.Report(world.OtherCountyDept, 2024, seed: 4);
            db.Reports.AddRange(c2023, c2024, t2024, o2024);
            await db.SaveChangesAsync();
            // A published correction, so the report page shows its notice and revision history.
            var cell = new CellRef(Format2021.T4, Format2021.Table4.Row, Format2021.Table4.Column(Format2021.Table4.Review, Format2021.Table4.Upheld));
            var at = TestWorld.Now.AddDays(1);
            var fix = c2024.StartCorrection("表四行政复议结果维持件数有误", TestWorld.Clerk, at);
            fix.Save(new Dictionary<CellRef, decimal?> { [cell] = (c2024.Published!.ToData()[cell] ?? 0) + 1 },
                new Dictionary<string, string?>(), FigureEntry.DeriveTotals, TestWorld.Clerk, at);
            var warnings = ReportRules.Evaluate(new RuleInput(fix.ToData(), world.CountyDept.Kind, c2023.Current.ToData(), null, world.CountyDept.Name))
                .Where(v => v.Level == RuleLevel.Warning).ToDictionary(v => v.Key, _ => (string?)"已核实");
            fix.Save(new Dictionary<CellRef, decimal?>(), new Dictionary<string, string?>(), FigureEntry.AsGiven, TestWorld.Clerk, at, warnings);
            fix.Submit(world.CountyDept.Kind, c2023.Current.ToData(), null, TestWorld.Clerk, at.AddHours(1));
            fix.Publish(TestWorld.Reviewer, at.AddHours(2));
            await db.SaveChangesAsync();
        }
        _baseUrl = _portal.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    public void Dispose() => _portal.Dispose();

    /// <param name="injectsScripts">
    /// The portal's Content-Security-Policy refuses every script not served by it, axe-core injected by the test
    /// included; only the accessibility scan's page lets the test inject it (the policy has its own Chromium test).
    /// </param>
    private async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool injectsScripts = false)
    {
        var context = await Chromium.NewContextAsync(_browser, new()
        {
            BaseURL = _baseUrl.ToString(), Locale = "zh-CN", ViewportSize = new() { Width = width, Height = height },
            BypassCSP = injectsScripts,
        });
        return await context.NewPageAsync();
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task A_citizen_searches_opens_the_region_and_the_report_and_finds_the_pdf()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        // The first Tab reaches the skip link, which moves focus past the header.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(".skip-link")).ToBeFocusedAsync();

        await page.Locator("#q").FillAsync("缙云");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".hit-name").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "public-1-search");

        await page.GetByRole(AriaRole.Link, new() { Name = "缙云县", Exact = true }).First.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("缙云县");
        await Expect(page.Locator("svg.chart")).ToHaveCountAsync(3);
        await ScreenshotAsync(page, "public-2-region");

        // Keyboard only: focus the report link and follow it with Enter.
        await page.GetByRole(AriaRole.Link, new() { Name = "缙云县教育局 2024 年度报告" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToContainTextAsync("2024年政府信息公开工作年度报告");
        await Expect(page.Locator(".callout-head")).ToHaveTextAsync("已更正");
        await ScreenshotAsync(page, "public-3-report");

        var pdf = page.GetByRole(AriaRole.Link, new() { Name = "下载 PDF（正式版本）" });
        await Expect(pdf).ToHaveAttributeAsync("href", "/reports/jinyun-jyj/2024/pdf");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "下载 JSON 数据" })).ToHaveAttributeAsync("href", "/reports/jinyun-jyj/2024.json");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "下载 CSV 表格数据" })).ToHaveAttributeAsync("href", "/reports/jinyun-jyj/2024.csv");

        // The official PDF of the public (corrected) revision downloads as a file.
        var download = await page.RunAndWaitForDownloadAsync(() => pdf.ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.StartsWith("缙云县教育局", download.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
    }

    [Theory]
    [InlineData("/", "home")]
    [InlineData("/?q=%E6%95%99%E8%82%B2%E5%B1%80", "search")]
    [InlineData("/regions/331122", "region")]
    [InlineData("/regions/331122/scorecard/2024", "scorecard")]
    [InlineData("/reports/jinyun-jyj/2024", "report")]
    [InlineData("/reports/jinyun-jyj/2024/revisions/1", "revision")]
    [InlineData("/compare?a=jinyun-jyj&b=suichang-jyj&year=2024", "compare")]
    [InlineData("/compare?body=jinyun-jyj", "compare-years")]
    [InlineData("/reports/nobody/2024", "not-found")]
    public async Task Public_pages_have_no_serious_or_critical_accessibility_violations(string url, string name)
    {
        var page = await NewPageAsync(injectsScripts: true);
        await page.GotoAsync(url);
        var violations = await AxeScan.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{url}: " + string.Join("\n", violations.Select(v => $"{v.Impact} {v.Id} ({v.Nodes}×): {v.Help} — {v.Target}")));
        await ScreenshotAsync(page, $"axe-{name}");
    }

    [Theory]
    [InlineData("/reports/jinyun-jyj/2024")]
    [InlineData("/regions/331122")]
    [InlineData("/regions/331122/scorecard/2024")]
    [InlineData("/compare?body=jinyun-jyj")]
    [InlineData("/")]
    public async Task On_a_360_pixel_phone_the_page_does_not_scroll_sideways_and_tables_keep_their_row_labels(string url)
    {
        var page = await NewPageAsync(360, 740);
        await page.GotoAsync(url);
        var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 360, $"{url} is {pageWidth}px wide");
        var scrollers = page.Locator(".table-scroll");
        if (await scrollers.CountAsync() > 0 && url.StartsWith("/reports", StringComparison.Ordinal))
        {
            // Scrolled to its far right, 表三's row label is still at the left edge of its box.
            var t3 = page.Locator(".table-scroll:has(#t3-applications)");
            await t3.EvaluateAsync("el => el.scrollLeft = el.scrollWidth");
            var box = await t3.BoundingBoxAsync();
            var label = await page.Locator("#t3-applications-r1").BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.NotNull(label);
            Assert.InRange(label.X, box.X - 1, box.X + 2);
        }
        await ScreenshotAsync(page, "phone-" + (url.Trim('/').Replace('/', '-').Replace('?', '-') is { Length: > 0 } n ? n : "home"));
    }

    [Fact]
    public async Task Printed_the_report_page_is_the_report_without_the_site_around_it()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/reports/jinyun-jyj/2024");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Expect(page.Locator("nav.downloads")).ToBeHiddenAsync();
        await Expect(page.Locator("#t3-applications")).ToBeVisibleAsync();
        // Printed, a wide table is not clipped by its scrolling box.
        Assert.Equal("visible", await page.Locator(".table-scroll:has(#t3-applications)").EvaluateAsync<string>("el => getComputedStyle(el).overflowX"));
        var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        await page.PdfAsync(new() { Path = Path.Combine(artifacts, "print-report.pdf"), Format = "A4" });
    }

    [Fact]
    public async Task Text_holds_at_200_percent_zoom()
    {
        // 200 % zoom of a 1280-px window is a 640-CSS-px viewport (WCAG 2.1 1.4.4 / 1.4.10).
        var page = await NewPageAsync(640, 450);
        await page.GotoAsync("/reports/jinyun-jyj/2024");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 640);
        await ScreenshotAsync(page, "zoom-200-report");
    }
}
