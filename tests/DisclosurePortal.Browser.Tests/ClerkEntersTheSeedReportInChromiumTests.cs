using System.Globalization;
using System.Text.RegularExpressions;
using DisclosurePortal.Data.DemoData;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DisclosurePortal.Browser.Tests;

/// <summary>
/// A township clerk (钱店镇人民政府) enters the seed report (../shared/seed, embedded in the Data project) in real
/// Chromium: keyboard moves, a block pasted from a spreadsheet, live totals, the T3-BALANCE message at its cell,
/// a warning explained, submit. Full-page screenshots land in the test output's artifacts/ folder.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ClerkEntersTheSeedReportInChromiumTests(PostgresFixture pg) : IAsyncLifetime, IDisposable
{
    private const int Year = 2024;
    private static readonly ReportFormat Format = Format2021.Definition;
    private static readonly TableDef T3 = Format.Table(Format2021.T3);

    private BrowserPortal _portal = null!;
    private Uri _baseUrl = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private int _bodyId;
    private int _reportId;
    private ReportData _seed = null!;

    public async Task InitializeAsync()
    {
        var imported = TextReportImporter.Import(DemoSeeder.ReadSeed());
        _seed = imported.Data ?? throw new InvalidOperationException($"seed not importable: {imported.Refusal}");
        _portal = new BrowserPortal(pg.CreateDatabase());
        await using (var db = _portal.Db())
        {
            var world = TestWorld.Create(db);
            // A draft with the seed's prose and every figure blank: the clerk types the figures.
            var report = AnnualReport.Start(world.TownshipGov, Year, TestWorld.Clerk, TestWorld.Now);
            report.Current.Save(new Dictionary<CellRef, decimal?>(), _seed.Prose.ToDictionary(kv => kv.Key, kv => (string?)kv.Value),
                FigureEntry.DeriveTotals, TestWorld.Clerk, TestWorld.Now);
            db.Reports.Add(report);
            await db.SaveChangesAsync();
            _bodyId = world.TownshipGov.Id;
            _reportId = report.Id;
        }
        _baseUrl = _portal.Start();
        await _portal.CreateClerkAsync(ClerkUser, "钱店填报员", _bodyId);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    // The server goes last, after the browser that talks to it (xunit calls DisposeAsync, then Dispose).
    public void Dispose() => _portal.Dispose();

    private const string ClerkUser = "clerk-qd";

    /// <summary>A browser context in which the clerk has signed in through the login page.</summary>
    /// <param name="injectsScripts">Lets the accessibility scan inject axe-core past the portal's Content-Security-Policy.</param>
    private async Task<IBrowserContext> ClerkContextAsync(bool javaScript = true, bool injectsScripts = false, int width = 1280,
        int height = 900, string? timeZone = null)
    {
        var context = await Chromium.NewContextAsync(_browser, new()
        {
            BaseURL = _baseUrl.ToString(),
            JavaScriptEnabled = javaScript,
            Locale = "zh-CN",
            TimezoneId = timeZone,
            ViewportSize = new() { Width = width, Height = height },
            BypassCSP = injectsScripts,
        });
        var page = await context.NewPageAsync();
        await LoginForm.SignInAsync(page, ClerkUser, BrowserPortal.Password, "/clerk");
        await page.CloseAsync();
        return context;
    }

    private static string Id(CellRef cell) => "#c-" + cell.ToString().Replace('/', '-').Replace('.', '_');
    private static CellRef T3Cell(string row, string column) => new(Format2021.T3, row, column);

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// The block a clerk copies from a spreadsheet: the 6 applicant columns of every row the clerk fills (the
    /// （七）总计 row and the 总计 column are computed, so a sheet of entered figures has neither). The seed's own
    /// table 三 is all zeros, which would make the live sums prove nothing, so the block holds distinct figures
    /// that balance (一 + 二 = （七）总计 + 四 in every column).
    /// </summary>
    private static Dictionary<CellRef, decimal> PastedTable3()
    {
        var rows = T3.FigureRows.Where(r => !r.IsDerived).ToList();
        var results = T3.Row(Format2021.Table3.ResultsTotal).SumOf!;
        var figures = new Dictionary<CellRef, decimal>();
        for (var c = 0; c < Format2021.Table3.ApplicantColumns.Count; c++)
        {
            var column = Format2021.Table3.ApplicantColumns[c];
            decimal resultSum = 0;
            for (var i = 0; i < results.Count; i++)
            {
                var v = (i + c) % 4;
                figures[T3Cell(results[i], column)] = v;
                resultSum += v;
            }
            figures[T3Cell(Format2021.Table3.CarriedOver, column)] = c + 1;
            figures[T3Cell(Format2021.Table3.CarriedForward, column)] = 2;
            figures[T3Cell(Format2021.Table3.Received, column)] = resultSum + 2 - (c + 1);
        }
        Assert.Equal(rows.Count * 6, figures.Count);
        return figures;
    }

    private static string AsBlock(Dictionary<CellRef, decimal> figures) => string.Join("\r\n",
        T3.FigureRows.Where(r => !r.IsDerived).Select(r => string.Join('\t',
            Format2021.Table3.ApplicantColumns.Select(c => figures[T3Cell(r.Code, c)].ToString(CultureInfo.InvariantCulture))))) + "\r\n";

    private static string Text(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_township_clerk_types_and_pastes_the_report_sees_live_totals_fixes_a_balance_error_explains_a_warning_and_submits()
    {
        await using var context = await ClerkContextAsync();
        var page = await context.NewPageAsync();

        // The clerk's home lists the 2024 draft; the link opens the entry form.
        await page.GotoAsync("/clerk");
        // The header takes a clerk to their work from any page.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "我的填报" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "0-clerk-home");
        await page.GetByRole(AriaRole.Link, new() { Name = "继续填报" }).ClickAsync();
        await page.WaitForURLAsync($"**/clerk/reports/{_reportId}");

        // Nothing typed yet: the blank cells are one calm count, not a red message under each of them.
        await Expect(page.Locator("#blank-note")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".cell-msg").CountAsync());
        await ScreenshotAsync(page, "0-new-draft-calm-blanks");

        // 表二 and 表四 from the seed by keyboard alone, Tab from cell to cell. The one change: 1 规章 issued,
        // which a township cannot make (BODY-NO-RULES, a warning to explain before submitting).
        var rulesIssued = new CellRef(Format2021.T2, Format2021.Table2.Rules, Format2021.Table2.Issued);
        var typed = new Dictionary<CellRef, decimal>();
        foreach (var table in new[] { Format2021.T2, Format2021.T4 })
        {
            var cells = Format.Table(table).Cells.Where(c => !c.IsDerived).ToList();
            await page.Locator(Id(cells[0].Ref)).FocusAsync();
            foreach (var cell in cells)
            {
                var value = cell.Ref == rulesIssued ? 1m : _seed[cell.Ref] ?? throw new InvalidOperationException($"seed lacks {cell.Ref}");
                typed[cell.Ref] = value;
                await Expect(page.Locator(Id(cell.Ref))).ToBeFocusedAsync();
                await page.Keyboard.TypeAsync(Text(value));
                await page.Keyboard.PressAsync("Tab");
            }
        }

        // 表三's first cell, then the spreadsheet keys entry.js promises.
        var received = T3Cell(Format2021.Table3.Received, Format2021.Table3.Natural);
        var carried = T3Cell(Format2021.Table3.CarriedOver, Format2021.Table3.Natural);
        await page.Locator(Id(received)).ClickAsync();
        await page.Keyboard.TypeAsync("7");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(Id(carried))).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("3");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator(Id(T3Cell(Format2021.Table3.CarriedOver, Format2021.Table3.Commercial)))).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator(Id(T3Cell(Format2021.Table3.Disclosed, Format2021.Table3.Commercial)))).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Enter");
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(page.Locator(Id(T3Cell(Format2021.Table3.Received, Format2021.Table3.Commercial)))).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(page.Locator(Id(received))).ToBeFocusedAsync();
        // Live: the row's 总计 follows what was typed (7 in 自然人, nothing else yet in the row).
        await Expect(page.Locator(Id(T3Cell(Format2021.Table3.Received, Format2021.Table3.Total)))).ToHaveTextAsync("7");

        // The whole of 表三 pasted as a block from the focused first cell, as Excel or WPS put it on the clipboard.
        var pasted = PastedTable3();
        await page.EvaluateAsync("""
            ([id, text]) => {
              const el = document.getElementById(id);
              el.focus();
              const data = new DataTransfer();
              data.setData("text/plain", text);
              el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """, new[] { Id(received)[1..], AsBlock(pasted) });
        foreach (var (cell, value) in pasted)
            await Expect(page.Locator(Id(cell))).ToHaveValueAsync(Text(value));
        // The totals the browser computed before anything was saved: each row's 总计 and the （七）总计 row.
        foreach (var row in T3.FigureRows.Where(r => !r.IsDerived))
            await Expect(page.Locator(Id(T3Cell(row.Code, Format2021.Table3.Total))))
                .ToHaveTextAsync(Text(Format2021.Table3.ApplicantColumns.Sum(c => pasted[T3Cell(row.Code, c)])));
        var resultRows = T3.Row(Format2021.Table3.ResultsTotal).SumOf!;
        foreach (var column in Format2021.Table3.AllColumns)
        {
            var columns = column == Format2021.Table3.Total ? Format2021.Table3.ApplicantColumns : [column];
            var expected = resultRows.Sum(r => columns.Sum(c => pasted[T3Cell(r, c)]));
            await Expect(page.Locator(Id(T3Cell(Format2021.Table3.ResultsTotal, column)))).ToHaveTextAsync(Text(expected));
        }
        await ScreenshotAsync(page, "1-after-paste");

        // Unsaved changes: leaving asks first (beforeunload); dismissing the prompt keeps the clerk on the form.
        var prompted = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDialog(object? sender, IDialog dialog)
        {
            prompted.TrySetResult(dialog.Type);
            _ = dialog.DismissAsync();
        }
        page.Dialog += OnDialog;
        await page.EvaluateAsync("() => { location.href = '/clerk'; }");
        Assert.Equal(DialogType.BeforeUnload, await prompted.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        page.Dialog -= OnDialog;
        Assert.EndsWith($"/clerk/reports/{_reportId}", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator(Id(received))).ToHaveValueAsync(Text(pasted[received]));

        // One wrong number: 二、上年结转 of 自然人 one too many, so 一 + 二 ≠ （七）总计 + 四 in that column.
        await page.Locator(Id(carried)).FillAsync(Text(pasted[carried] + 1));
        // The draft is saved in place (entry.js): the page is not replaced, so a mark left on it survives the save.
        await page.EvaluateAsync("() => { window.__beforeSave = true; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        var balanceCell = T3Cell(Format2021.Table3.ResultsTotal, Format2021.Table3.Natural);
        var balanceMessage = page.Locator(Id(balanceCell) + "-msg");
        await Expect(balanceMessage).ToContainTextAsync("T3-BALANCE");
        await Expect(page.Locator(".callout.ok")).ToContainTextAsync("已保存草稿");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__beforeSave === true"), "the save reloaded the page");
        await Expect(page.Locator(Id(balanceCell))).ToHaveAttributeAsync("aria-describedby", new Regex("-msg"));
        await Expect(page.Locator("#save-live")).ToContainTextAsync("已保存草稿");
        var summaryLink = page.Locator($".summary a[href='{Id(balanceCell)}']");
        await Expect(summaryLink).ToContainTextAsync("T3-BALANCE");
        // Every other entry is still on screen after the server's answer.
        await Expect(page.Locator(Id(carried))).ToHaveValueAsync(Text(pasted[carried] + 1));
        await Expect(page.Locator(Id(rulesIssued))).ToHaveValueAsync("1");
        await ScreenshotAsync(page, "2-balance-message");

        // The summary's link takes the clerk to the cell.
        await summaryLink.ClickAsync();
        Assert.EndsWith(Id(balanceCell), page.Url, StringComparison.Ordinal);

        // Fixed and saved again in place: the message leaves the cell, and the page's version follows the saves,
        // so neither this save nor the submission below is taken for someone else's change.
        await page.Locator(Id(carried)).FillAsync(Text(pasted[carried]));
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Expect(balanceMessage).ToHaveCountAsync(0);
        await Expect(page.Locator(".summary")).Not.ToContainTextAsync("T3-BALANCE");
        await Expect(page.Locator("#conflict")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__beforeSave === true"), "the save reloaded the page");

        // The warning explained in the summary, submitted.
        var warning = page.Locator(".summary li").Filter(new() { HasText = "BODY-NO-RULES" });
        await Expect(warning).ToHaveCountAsync(1);
        await warning.Locator("textarea").FillAsync("经核对，本年确有 1 件，系镇政府转发的上级规章，已与县司法局确认。");
        // Any other warning the figures raise is explained too, so that only the blocking rules decide.
        foreach (var other in await page.Locator(".summary textarea").AllAsync())
            if ((await other.InputValueAsync()).Length == 0) await other.FillAsync("数据经核对无误。");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并提交审核" }).ClickAsync();
        await Expect(page.Locator(".status-note strong")).ToHaveTextAsync("已提交");
        await Expect(page.Locator(".callout.ok")).ToContainTextAsync("报告已提交");
        await ScreenshotAsync(page, "3-submitted");

        await using var db = _portal.Db();
        var revision = await db.Revisions.Include(r => r.Report).SingleAsync(r => r.ReportId == _reportId);
        Assert.Equal(RevisionStatus.Submitted, revision.Status);
        var stored = revision.ToData();
        foreach (var (cell, value) in typed.Concat(pasted)) Assert.Equal(value, stored[cell]);
        foreach (var row in T3.FigureRows.Where(r => !r.IsDerived))
            Assert.Equal(Format2021.Table3.ApplicantColumns.Sum(c => pasted[T3Cell(row.Code, c)]), stored[T3Cell(row.Code, Format2021.Table3.Total)]);
        foreach (var part in Format.ProseParts) Assert.Equal(_seed.ProseOf(part.Code), stored.ProseOf(part.Code));
        Assert.Contains(revision.Explanations, e => e.Key.Contains("BODY-NO-RULES", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_block_copied_from_a_sheet_laid_out_like_the_form_with_its_total_row_and_column_lands_on_the_same_cells()
    {
        await using var context = await ClerkContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/clerk/reports/{_reportId}");

        // 25 lines of 7 values: the sheet's own （七）总计 row and 总计 column come along (deliberately wrong, 999),
        // and the form's computed cells neither take them nor shift the figures after them.
        var pasted = PastedTable3();
        var block = string.Join("\n", T3.FigureRows.Select(r => string.Join('\t', Format2021.Table3.AllColumns.Select(c =>
            r.IsDerived || c == Format2021.Table3.Total ? "999" : Text(pasted[T3Cell(r.Code, c)]))))) + "\n";
        var first = T3Cell(Format2021.Table3.Received, Format2021.Table3.Natural);
        await page.EvaluateAsync("""
            ([id, text]) => {
              const data = new DataTransfer();
              data.setData("text/plain", text);
              document.getElementById(id).dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """, new[] { Id(first)[1..], block });

        foreach (var (cell, value) in pasted)
            await Expect(page.Locator(Id(cell))).ToHaveValueAsync(Text(value));
        var carriedForwardTotal = Format2021.Table3.ApplicantColumns.Sum(c => pasted[T3Cell(Format2021.Table3.CarriedForward, c)]);
        await Expect(page.Locator(Id(T3Cell(Format2021.Table3.CarriedForward, Format2021.Table3.Total)))).ToHaveTextAsync(Text(carriedForwardTotal));
    }

    [Fact]
    public async Task Without_javascript_a_save_with_a_bad_cell_shows_the_message_at_the_cell_and_keeps_the_entries()
    {
        await using var context = await ClerkContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/clerk/reports/{_reportId}");

        var received = T3Cell(Format2021.Table3.Received, Format2021.Table3.Natural);
        var commercial = T3Cell(Format2021.Table3.Received, Format2021.Table3.Commercial);
        await page.Locator(Id(received)).FillAsync("十二");
        await page.Locator(Id(commercial)).FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();

        await Expect(page.Locator(Id(received) + "-msg")).ToContainTextAsync("请输入数字");
        await Expect(page.Locator(Id(received))).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator(Id(received))).ToHaveValueAsync("十二");
        await Expect(page.Locator(Id(commercial))).ToHaveValueAsync("5");
        await Expect(page.Locator(".summary a[href='" + Id(received) + "']").Filter(new() { HasText = "请输入数字" })).ToHaveCountAsync(1);
        // The blank cells of the new draft are one line of the summary, not a list of 200 links.
        await Expect(page.Locator(".summary")).ToContainTextAsync("个单元格未填写");
        await ScreenshotAsync(page, "4-no-javascript-bad-cell");
    }

    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(360, 740, "phone")]
    [InlineData(640, 450, "zoom-200")] // 200 % zoom of a 1280 × 900 window is a 640 × 450 CSS viewport
    public async Task The_sticky_save_bar_stays_on_top_of_the_sticky_row_labels_while_tables_two_and_three_scroll_under_it(
        int width, int height, string name)
    {
        await using var context = await ClerkContextAsync(width: width, height: height);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/clerk/reports/{_reportId}");
        var bar = page.Locator(".actions");
        foreach (var label in new[] { "table[data-table=t2] tbody th", "table[data-table=t3] tbody th" })
        {
            foreach (var th in (await page.Locator(label).AllAsync()).Take(4))
            {
                // The row label scrolled to the foot of the window, where the save bar sticks.
                await th.EvaluateAsync("e => e.scrollIntoView({ block: 'end' })");
                var covered = await bar.EvaluateAsync<int>("""
                    b => { const r = b.getBoundingClientRect(); let n = 0;
                           for (let x = r.left + 4; x < r.right - 4; x += 8)
                             for (const y of [r.top + 4, r.top + r.height / 2, r.bottom - 4])
                               if (!b.contains(document.elementFromPoint(x, y))) n++;
                           return n; }
                    """);
                Assert.True(covered == 0, $"{name}: {covered} points of the save bar are covered by a row label");
            }
        }
        await page.Locator("table[data-table=t3] tbody th").Nth(3).EvaluateAsync("e => e.scrollIntoView({ block: 'end' })");
        var dir = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, $"7-save-bar-{name}.png") });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_entry_form_with_messages_from_a_save_in_place_has_no_serious_or_critical_accessibility_violations()
    {
        // The clerk's page is used for an afternoon each January, by clerks of every age (适老化 / WCAG 2.1 AA):
        // scanned as the clerk sees it after a save put messages at cells, in the summary and in the live region.
        await using var context = await ClerkContextAsync(injectsScripts: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/clerk/reports/{_reportId}");
        await page.Locator(Id(T3Cell(Format2021.Table3.Received, Format2021.Table3.Natural))).FillAsync("十二");
        await page.Locator(Id(T3Cell(Format2021.Table3.CarriedOver, Format2021.Table3.Natural))).FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Expect(page.Locator(Id(T3Cell(Format2021.Table3.Received, Format2021.Table3.Natural)) + "-msg")).ToContainTextAsync("请输入数字");

        var violations = await AxeScan.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations.Select(v => $"{v.Impact} {v.Id} ({v.Nodes}×): {v.Help} — {v.Target}")));
    }

    [Fact]
    public async Task Two_clerks_saving_in_place_the_second_sees_the_conflict_at_once_and_keeps_what_they_typed()
    {
        await using var context = await ClerkContextAsync();
        var first = await context.NewPageAsync();
        var second = await context.NewPageAsync();
        await first.GotoAsync($"/clerk/reports/{_reportId}");
        await second.GotoAsync($"/clerk/reports/{_reportId}");
        var received = T3Cell(Format2021.Table3.Received, Format2021.Table3.Natural);

        await first.Locator(Id(received)).FillAsync("11");
        await first.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Expect(first.Locator(".callout.ok")).ToContainTextAsync("已保存草稿");

        await second.Locator(Id(received)).FillAsync("22");
        await second.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Expect(second.Locator("#conflict")).ToContainTextAsync("对方保存的是「11」，您填写的是「22」");
        await Expect(second.Locator(Id(received))).ToHaveValueAsync("22");
        await ScreenshotAsync(second, "6-conflict-in-place");
        await using (var db = _portal.Db())
            Assert.Equal(11m, (await db.Revisions.SingleAsync(r => r.ReportId == _reportId)).ToData()[received]);

        // Having seen the difference, a deliberate second save wins (the conflict answer carried the new version).
        await second.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Expect(second.Locator(".callout.ok")).ToContainTextAsync("已保存草稿");
        await Expect(second.Locator("#conflict")).ToHaveCountAsync(0);
        await using (var db = _portal.Db())
            Assert.Equal(22m, (await db.Revisions.SingleAsync(r => r.ReportId == _reportId)).ToData()[received]);
    }

    [Fact]
    public async Task Typing_survives_a_session_that_expires_before_the_save_and_is_offered_back_after_signing_in()
    {
        // A clerk whose computer keeps another time zone still reads the copy's time in Beijing time.
        await using var context = await ClerkContextAsync(timeZone: "America/New_York");
        var page = await context.NewPageAsync();
        var typed = DateTimeOffset.UtcNow;
        await page.GotoAsync($"/clerk/reports/{_reportId}");
        var received = T3Cell(Format2021.Table3.Received, Format2021.Table3.Natural);
        await page.FillAsync(Id(received), "4321");
        await page.FillAsync("#p-s5", "超时前写下的改进情况");
        await page.WaitForTimeoutAsync(600); // the browser's copy is written 300 ms after the last keystroke

        await context.ClearCookiesAsync(); // the session expires while the clerk types
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await page.WaitForURLAsync("**/Account/Login**");
        await LoginForm.SubmitAsync(page, ClerkUser, BrowserPortal.Password);
        await LoginForm.ArriveAsync(page, $"/clerk/reports/{_reportId}");

        await page.WaitForSelectorAsync("#restore-banner");
        var shown = await page.Locator("#restore-banner strong").TextContentAsync();
        var minutes = Enumerable.Range(0, (int)(DateTimeOffset.UtcNow - typed).TotalMinutes + 2)
            .Select(m => BeijingTime.Format(typed.AddMinutes(m)));
        Assert.Contains(shown, minutes);
        await ScreenshotAsync(page, "5-restore-after-sign-in");
        await page.ClickAsync("#restore-yes");
        Assert.Equal("4321", await page.InputValueAsync(Id(received)));
        Assert.Equal("超时前写下的改进情况", await page.InputValueAsync("#p-s5"));
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await page.WaitForSelectorAsync(".callout.ok");

        await using var db = _portal.Db();
        var data = (await db.Revisions.SingleAsync(r => r.ReportId == _reportId)).ToData();
        Assert.Equal(4321m, data[received]);
        Assert.Equal("超时前写下的改进情况", data.ProseOf(Format2021.ProseProblems));
        // Saved: a reload offers nothing back.
        await page.ReloadAsync();
        Assert.Equal(0, await page.Locator("#restore-banner").CountAsync());
    }
}
