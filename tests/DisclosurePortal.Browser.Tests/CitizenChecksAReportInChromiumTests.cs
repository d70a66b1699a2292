using DisclosurePortal.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DisclosurePortal.Browser.Tests;

/// <summary>
/// 报告体检 in real Chromium: a citizen uploads a real published PDF or pastes a report's text, reads the findings
/// and follows one to its cell; a file that cannot be read is refused in Chinese; the page holds for axe and a phone.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class CitizenChecksAReportInChromiumTests(PostgresFixture pg) : IAsyncLifetime, IDisposable
{
    private BrowserPortal _portal = null!;
    private Uri _baseUrl = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _portal = new BrowserPortal(pg.CreateDatabase());
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
    public async Task A_citizen_uploads_a_published_pdf_reads_its_findings_and_follows_one_to_its_cell()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/check");
        await page.Locator("#File").SetInputFilesAsync(RealReports.PathOf("02-hongze-qu-2023", "source.pdf"));
        await page.GetByRole(AriaRole.Button, new() { Name = "开始体检" }).ClickAsync();

        await Expect(page.Locator("#body-name")).ToContainTextAsync("洪泽区");
        await Expect(page.Locator("#year")).ToHaveTextAsync("2023");
        // The report's own error (表四 10 + 1 printed as 总计 0) is found, and its link leads to the cell.
        var finding = page.Locator("#findings li").Filter(new() { HasText = "表四" }).First;
        await Expect(finding).ToBeVisibleAsync();
        var target = await finding.GetByRole(AriaRole.Link, new() { Name = "查看位置" }).GetAttributeAsync("href");
        Assert.StartsWith("#at-", target);
        await finding.GetByRole(AriaRole.Link, new() { Name = "查看位置" }).ClickAsync();
        // Ids hold dots (「at-t4-cases-review.total」): matched as an attribute, not as a CSS id.
        await Expect(page.Locator($"[id='{target![1..]}']")).ToBeInViewportAsync();
        await ScreenshotAsync(page, "check-1-pdf-findings");
    }

    [Fact]
    public async Task Pasted_text_is_read_and_a_file_that_cannot_be_read_is_refused_in_chinese_keeping_the_text()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/check");
        var text = await File.ReadAllTextAsync(RealReports.PathOf("24-pt-gongan-2024", "text.txt"));
        await page.Locator("#Text").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "开始体检" }).ClickAsync();
        await Expect(page.Locator("#year")).ToHaveTextAsync("2024");
        await Expect(page.Locator("#t3-applications")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "check-2-pasted-text");

        var oldWord = Path.Combine(Path.GetTempPath(), $"check-{Guid.NewGuid():N}.doc");
        await File.WriteAllBytesAsync(oldWord, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);
        try
        {
            await page.Locator("#Text").FillAsync("");
            await page.Locator("#File").SetInputFilesAsync(oldWord);
            await page.GetByRole(AriaRole.Button, new() { Name = "开始体检" }).ClickAsync();
            await Expect(page.Locator("#refusal")).ToContainTextAsync(".docx");
            await Expect(page.Locator("#result")).ToHaveCountAsync(0);
            await ScreenshotAsync(page, "check-3-refused");
        }
        finally
        {
            File.Delete(oldWord);
        }
    }

    [Fact]
    public async Task The_checked_report_has_no_serious_accessibility_violations_and_fits_a_phone()
    {
        var page = await NewPageAsync(injectsScripts: true);
        await page.GotoAsync("/check");
        await page.Locator("#File").SetInputFilesAsync(RealReports.PathOf("02-hongze-qu-2023", "source.pdf"));
        await page.GetByRole(AriaRole.Button, new() { Name = "开始体检" }).ClickAsync();
        await Expect(page.Locator("#findings")).ToBeVisibleAsync();
        var violations = await AxeScan.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations.Select(v => $"{v.Impact} {v.Id} ({v.Nodes}×): {v.Help} — {v.Target}")));

        var phone = await NewPageAsync(360, 740);
        await phone.GotoAsync("/check");
        await phone.Locator("#File").SetInputFilesAsync(RealReports.PathOf("02-hongze-qu-2023", "source.pdf"));
        await phone.GetByRole(AriaRole.Button, new() { Name = "开始体检" }).ClickAsync();
        await Expect(phone.Locator("#findings")).ToBeVisibleAsync();
        var width = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"/check is {width}px wide on a phone");
        await ScreenshotAsync(phone, "check-4-phone");
    }
}
