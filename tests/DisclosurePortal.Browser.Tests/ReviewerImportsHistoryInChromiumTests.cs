using DisclosurePortal.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DisclosurePortal.Browser.Tests;

/// <summary>
/// A reviewer in real Chromium takes in the region's history: uploads real published reports, waits for the batch to
/// be read (the page refreshes itself), previews one beside its source, fixes its body, drops another, accepts, and
/// finds it published as 「历史报告（导入）」.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ReviewerImportsHistoryInChromiumTests(PostgresFixture pg) : IAsyncLifetime, IDisposable
{
    private const string ReviewerUser = "reviewer-import";
    private BrowserPortal _portal = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private Uri _baseUrl = null!;

    public async Task InitializeAsync()
    {
        _portal = new BrowserPortal(pg.CreateDatabase());
        int countyId;
        await using (var db = _portal.Db()) countyId = TestWorld.Create(db).County.Id;
        _baseUrl = _portal.Start();
        await _portal.CreateReviewerAsync(ReviewerUser, "缙云审核员", countyId);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    public void Dispose() => _portal.Dispose();

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "import-" + name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task A_reviewer_uploads_previews_fixes_drops_and_accepts_a_batch_of_real_reports()
    {
        var context = await Chromium.NewContextAsync(_browser, new()
        {
            BaseURL = _baseUrl.ToString(), Locale = "zh-CN", ViewportSize = new() { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await LoginForm.SignInAsync(page, ReviewerUser, BrowserPortal.Password, "/review");
        await page.GetByRole(AriaRole.Link, new() { Name = "导入历史报告" }).ClickAsync();
        await page.Locator("#files").SetInputFilesAsync([
            RealReports.PathOf("02-hongze-qu-2023", "source.pdf"),
            RealReports.PathOf("14-pingtan-2024", "source.html"),
        ]);
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并读取" }).ClickAsync();

        // The background reader reads both; the page refreshes itself until it has.
        await Expect(page.Locator("#progress")).ToContainTextAsync("已读取 2 / 2", new() { Timeout = 60_000 });
        await Expect(page.Locator("#file-1")).ToContainTextAsync("未找到单位，请选择");
        await ScreenshotAsync(page, "1-batch-read");

        await page.Locator("#file-1").GetByRole(AriaRole.Link, new() { Name = "source.pdf" }).ClickAsync();
        await Expect(page.Locator("#findings li[data-rule='T4-TOTAL']").First).ToBeVisibleAsync();
        await Expect(page.Locator("iframe#source")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "2-preview");
        await page.GoBackAsync();

        var row = page.Locator("#file-1");
        await row.GetByLabel("单位").SelectOptionAsync(new SelectOptionValue { Label = "缙云县教育局" });
        await row.GetByLabel("原发布日期").FillAsync("2024-01-19");
        await row.GetByRole(AriaRole.Button, new() { Name = "更正" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("单位 缙云县教育局，2023 年");

        await page.Locator("#file-2").GetByRole(AriaRole.Button, new() { Name = "舍弃" }).ClickAsync();
        await Expect(page.Locator("#file-2")).ToContainTextAsync("已舍弃");

        await page.Locator("#file-1").GetByRole(AriaRole.Button, new() { Name = "接受导入" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("已作为历史报告发布");
        await Expect(page.Locator("#file-1")).ToContainTextAsync("已导入");
        await ScreenshotAsync(page, "3-accepted");

        await page.GotoAsync("/reports/jinyun-jyj/2023");
        await Expect(page.Locator("#imported")).ToContainTextAsync("原发布日期 2024-01-19");
        await ScreenshotAsync(page, "4-public-history");
    }
}
