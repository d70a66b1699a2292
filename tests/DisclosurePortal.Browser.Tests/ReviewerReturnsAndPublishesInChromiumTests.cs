using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DisclosurePortal.Browser.Tests;

/// <summary>
/// In real Chromium: a county reviewer returns 钱店镇's submitted report with a comment on one cell, the
/// clerk sees the comment at that cell, fixes the figure and resubmits, the reviewer publishes after a confirmation
/// step, and an anonymous
/// visitor reads the published report. Screenshots land in the test output's artifacts/ folder.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ReviewerReturnsAndPublishesInChromiumTests(PostgresFixture pg) : IAsyncLifetime, IDisposable
{
    private const string ClerkUser = "clerk-qd";
    private const string ReviewerUser = "reviewer-jy";
    // 表二 行政许可 本年处理决定数量: no rule ties it to another cell, so the clerk's fix changes nothing else.
    private static readonly CellRef Licensing = new(Format2021.T2, Format2021.Table2.Licensing, Format2021.Table2.Decisions);
    private static readonly string CellId = "#c-" + Licensing.ToString().Replace('/', '-');

    private BrowserPortal _portal = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private Uri _baseUrl = null!;
    private int _reportId;
    private decimal _before;

    public async Task InitializeAsync()
    {
        _portal = new BrowserPortal(pg.CreateDatabase());
        int bodyId, countyId;
        await using (var db = _portal.Db())
        {
            var world = TestWorld.Create(db);
            var report = TestWorld.Report(world.TownshipGov, 2024, seed: 41, RevisionStatus.Submitted);
            db.Reports.Add(report);
            await db.SaveChangesAsync();
            (_reportId, bodyId, countyId) = (report.Id, world.TownshipGov.Id, world.County.Id);
            _before = report.Current.ToData()[Licensing]!.Value;
        }
        _baseUrl = _portal.Start();
        await _portal.CreateClerkAsync(ClerkUser, "钱店填报员", bodyId);
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

    private async Task<IBrowserContext> ContextAsync(string? user, string home, int width = 1280, int height = 900)
    {
        var context = await Chromium.NewContextAsync(_browser, new()
        {
            BaseURL = _baseUrl.ToString(), Locale = "zh-CN", ViewportSize = new() { Width = width, Height = height },
        });
        if (user is null) return context;
        var page = await context.NewPageAsync();
        await LoginForm.SignInAsync(page, user, BrowserPortal.Password, home);
        await page.CloseAsync();
        return context;
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "review-" + name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task A_reviewer_reads_every_column_header_of_table_three_on_one_line_and_on_a_phone_body_names_in_the_queue_stay_words()
    {
        await using (var reviewer = await ContextAsync(ReviewerUser, "/review"))
        {
            var page = await reviewer.NewPageAsync();
            await page.GotoAsync($"/review/reports/{_reportId}");
            var wrapped = await page.Locator("table.figures").Filter(new() { Has = page.Locator("[data-cell^='t3/']") })
                .Locator("thead th[scope=col]").EvaluateAllAsync<string[]>("""
                    ths => ths.filter(th => th.textContent.trim().length <= 8) // the column names, not the corner's note
                              .filter(th => { const r = document.createRange(); r.selectNodeContents(th);
                                              return r.getClientRects().length > 1; }).map(th => th.textContent.trim())
                    """);
            Assert.True(wrapped.Length == 0, "headers broken over lines: " + string.Join("、", wrapped));
            await page.Locator("[data-cell^='t3/']").First.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "artifacts", "review-5-table-three.png") });
        }

        await using (var phone = await ContextAsync(ReviewerUser, "/review", width: 360, height: 740))
        {
            var page = await phone.NewPageAsync();
            await page.GotoAsync("/review?year=2024");
            var name = page.Locator("table.queue tbody td:first-child", new() { HasText = "钱店镇人民政府" });
            var lines = await name.EvaluateAsync<int>("td => { const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length; }");
            Assert.True(lines <= 2, $"「钱店镇人民政府」 takes {lines} lines in the queue on a phone");
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "artifacts", "review-6-phone-queue.png") });
        }
    }

    [Fact]
    public async Task A_reviewer_returns_with_a_cell_comment_the_clerk_fixes_that_cell_the_reviewer_publishes_and_the_public_reads_it()
    {
        const string comment = "行政许可决定数与政务服务平台统计不一致，请核对";
        var fixedValue = _before + 7;

        // The reviewer finds the report in the queue, clicks the cell, writes the comment there and returns it.
        await using (var reviewer = await ContextAsync(ReviewerUser, "/review"))
        {
            var page = await reviewer.NewPageAsync();
            await page.GotoAsync("/review?year=2024&status=Submitted");
            var row = page.Locator("table.queue tr", new() { HasText = "钱店镇人民政府" });
            await row.GetByRole(AriaRole.Link, new() { Name = "审核" }).ClickAsync();
            await page.WaitForURLAsync($"**/review/reports/{_reportId}");
            await page.ClickAsync($"td[data-anchor='cell:{Licensing}']");
            await page.Keyboard.TypeAsync(comment);
            await Expect(page.Locator("select[name='Comments[0].Anchor']")).ToHaveValueAsync($"cell:{Licensing}");
            await page.FillAsync("#Reason", "请按批注核对表二");
            await ScreenshotAsync(page, "1-comment-on-cell");
            await page.GetByRole(AriaRole.Button, new() { Name = "退回" }).ClickAsync();
            await Expect(page.Locator("[role=status]")).ToContainTextAsync("已退回");
            await Expect(page.Locator("#status")).ToHaveTextAsync("已退回");
        }

        // The clerk sees the comment at that very cell, fixes it and resubmits.
        await using (var clerk = await ContextAsync(ClerkUser, "/clerk"))
        {
            var page = await clerk.NewPageAsync();
            await page.GotoAsync("/clerk");
            await Expect(page.Locator("body")).ToContainTextAsync("请按批注核对表二");
            await page.GetByRole(AriaRole.Link, new() { Name = "继续填报" }).ClickAsync();
            var note = page.Locator(CellId + "-review");
            await Expect(note).ToHaveTextAsync("审核员批注：" + comment);
            // The note sits in the same table cell as the input it is about.
            Assert.Equal(1, await page.Locator($"td:has({CellId}):has({CellId}-review)").CountAsync());
            await Expect(page.Locator(CellId)).ToHaveAttributeAsync("aria-describedby", CellId[1..] + "-review");
            await ScreenshotAsync(page, "2-clerk-sees-comment");
            await page.FillAsync(CellId, fixedValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByRole(AriaRole.Button, new() { Name = "保存并提交审核" }).ClickAsync();
            await Expect(page.Locator("[role=status]")).ToContainTextAsync("报告已提交");
        }

        // The reviewer publishes.
        await using (var reviewer = await ContextAsync(ReviewerUser, "/review"))
        {
            var page = await reviewer.NewPageAsync();
            await page.GotoAsync($"/review/reports/{_reportId}");
            await Expect(page.Locator("#status")).ToHaveTextAsync("已提交");
            await page.GetByRole(AriaRole.Button, new() { Name = "批准并立即发布" }).ClickAsync();
            // Publication cannot be undone: a confirmation step names what is published, nothing is published yet.
            await Expect(page.Locator("#confirm-publish")).ToContainTextAsync(
                "确认发布 钱店镇人民政府 2024 年度报告（第 1 版）？发布后不可撤回，只能以更正版替换。");
            await Expect(page.Locator("#status")).ToHaveTextAsync("已提交");
            var confirm = page.GetByRole(AriaRole.Button, new() { Name = "确认发布" });
            // Styled as the consequential action it is: white on dark red, unlike every other button.
            await Expect(confirm).ToHaveCSSAsync("background-color", "rgb(155, 28, 28)");
            await ScreenshotAsync(page, "3-confirm-publication");
            await confirm.ClickAsync();
            await Expect(page.Locator("[role=status]")).ToContainTextAsync("已发布");
            await ScreenshotAsync(page, "3-published");
        }

        // An anonymous visitor reads it, with the clerk's fix.
        await using (var visitor = await ContextAsync(null, "/"))
        {
            var page = await visitor.NewPageAsync();
            var response = await page.GotoAsync("/reports/qiandian/2024");
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("h1")).ToContainTextAsync("钱店镇人民政府2024年政府信息公开工作年度报告");
            var licensingRow = page.Locator("table.figures tr", new() { HasText = "行政许可" });
            await Expect(licensingRow).ToContainTextAsync(fixedValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await ScreenshotAsync(page, "4-public");
        }

        await using var db = _portal.Db();
        var revision = await db.Revisions.SingleAsync(r => r.ReportId == _reportId);
        Assert.Equal(RevisionStatus.Published, revision.Status);
        Assert.Equal(fixedValue, revision.ToData()[Licensing]);
    }
}
