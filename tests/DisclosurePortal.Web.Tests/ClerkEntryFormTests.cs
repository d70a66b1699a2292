using System.Net;
using System.Text.RegularExpressions;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using DisclosurePortal.Web.Pages.Clerk;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Tests;

[Collection(WebTests.Name)]
public sealed partial class ClerkEntryFormTests : IDisposable
{
    private readonly PortalFactory _factory;
    private readonly WebApplicationFactory<Program> _app;
    private readonly int _reportId;
    private readonly int _bodyId;
    private readonly int _countyId;
    private readonly int _otherBodyId;
    private readonly int _othersReportId;

    public ClerkEntryFormTests(PostgresFixture pg)
    {
        _factory = new PortalFactory(pg.CreateDatabase());
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            TestAuthHandler.Register(s)));
        using var db = _factory.Db();
        var world = TestWorld.Create(db);
        var report = TestWorld.Report(world.TownshipGov, 2024, seed: 11, RevisionStatus.Draft);
        var othersReport = TestWorld.Report(world.CountyDept, 2024, seed: 12, RevisionStatus.Draft);
        db.Reports.AddRange(report, othersReport);
        db.SaveChanges();
        _othersReportId = othersReport.Id;
        _reportId = report.Id;
        _bodyId = world.TownshipGov.Id;
        _countyId = world.County.Id;
        _otherBodyId = world.CountyDept.Id;
    }

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
    }

    private HttpClient Client(string? user)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (user is not null) client.DefaultRequestHeaders.Add(TestAuthHandler.Header, user);
        return client;
    }

    private string Url => $"/clerk/reports/{_reportId}";
    private static readonly CellRef Received = new(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Natural);

    /// <summary>The form as the browser would post it: every field with its current value, then the changes.</summary>
    private static List<KeyValuePair<string, string>> FormOf(string page, IDictionary<string, string>? changes = null) =>
        EntryForm.Fields(page).With(changes ?? new Dictionary<string, string>());

    private async Task<(HttpResponseMessage response, string html)> PostAsync(HttpClient client, string handler,
        IDictionary<string, string> changes, string? fromHtml = null)
    {
        fromHtml ??= await client.GetStringAsync(Url);
        var response = await client.PostAsync($"{Url}?handler={handler}", new FormUrlEncodedContent(FormOf(fromHtml, changes)));
        return (response, await response.Content.ReadAsStringAsync());
    }

    private ReportData Stored()
    {
        using var db = _factory.Db();
        return db.Revisions.Single(r => r.ReportId == _reportId).ToData();
    }

    [Fact]
    public async Task An_imported_total_that_disagrees_with_its_parts_is_kept_until_the_clerk_accepts_the_computed_one()
    {
        var total = new CellRef(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Total);
        decimal computed;
        using (var db = _factory.Db())
        {
            // As an import keeps a published report's own arithmetic: the total is 1 more than its parts.
            var revision = db.Revisions.Single(r => r.ReportId == _reportId);
            computed = revision.ToData()[total]!.Value;
            revision.Save(new Dictionary<CellRef, decimal?> { [total] = computed + 1 }, new Dictionary<string, string?>(),
                FigureEntry.AsGiven, TestWorld.Clerk, TestWorld.Now);
            db.SaveChanges();
        }
        var client = Client(TestAuthHandler.Clerk("c1", _bodyId));

        var page = await client.GetStringAsync(Url);
        Assert.Contains("本报告有 1 个合计数与其分项之和不一致", page, StringComparison.Ordinal);
        Assert.Contains($"计算值 {computed}", page, StringComparison.Ordinal);
        Assert.Matches($"<output id=\"{EditModel.CellId(total.ToString())}\"[^>]*data-kept=\"true\"[^>]*>{computed + 1}</output>", page);

        // A save that changes something else keeps the stored total, and the rule still says so.
        var (saved, _) = await PostAsync(client, "Save", new Dictionary<string, string> { [$"f:{Received}"] = "7" }, page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(computed + 1, Stored()[total]);

        // Accepted explicitly: the total becomes the sum of its parts, and the history line says it was the clerk's choice.
        var (accepted, _) = await PostAsync(client, "Save", new Dictionary<string, string> { [EditModel.AcceptTotalsField] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var stored = Stored();
        Assert.Empty(stored.DisagreeingTotals());
        using (var db = _factory.Db())
        {
            var note = db.Revisions.Where(r => r.ReportId == _reportId).SelectMany(r => r.History).OrderByDescending(e => e.Id).First().Note;
            Assert.Equal("采用自动计算的合计：1 个与分项之和不一致的合计数改为分项之和", note);
        }
        Assert.DoesNotContain("个合计数与其分项之和不一致", await client.GetStringAsync(Url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_draft_shows_its_blank_cells_as_one_calm_count_until_the_clerk_saves_a_figure()
    {
        int newReport;
        using (var db = _factory.Db())
        {
            var body = db.Bodies.Single(b => b.Id == _bodyId);
            var report = AnnualReport.Start(body, 2025, TestWorld.Clerk, DateTimeOffset.UtcNow);
            db.Reports.Add(report);
            db.SaveChanges();
            newReport = report.Id;
        }
        var client = Client(TestAuthHandler.Clerk("c1", _bodyId));
        var url = $"/clerk/reports/{newReport}";
        var blankCells = Format2021.Definition.Cells.Count(c => !c.IsDerived);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(url));

        Assert.DoesNotContain("[CELL-REQUIRED]", html, StringComparison.Ordinal);
        Assert.Contains("id=\"blank-note\"", html, StringComparison.Ordinal);
        Assert.Matches(@"尚有 \d+ 个单元格未填写", html);

        var response = await client.PostAsync($"{url}?handler=Save",
            new FormUrlEncodedContent(FormOf(html, new Dictionary<string, string> { [$"f:{Received}"] = "5" })));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var afterSave = WebUtility.HtmlDecode(await client.GetStringAsync(url));
        Assert.DoesNotContain("id=\"blank-note\"", afterSave, StringComparison.Ordinal);
        Assert.True(Regex.Count(afterSave, @"class=""cell-msg""[^>]*>\[CELL-REQUIRED\]") >= blankCells - 10);
    }

    [Fact]
    public async Task A_save_refused_for_a_badly_typed_cell_shows_only_that_cells_format_error_not_the_rules_about_what_is_stored()
    {
        var fee = new CellRef(Format2021.T2, Format2021.Table2.AdminFees, Format2021.Table2.FeeAmount);
        var client = Client(TestAuthHandler.Clerk("c1", _bodyId));
        var (saved, _) = await PostAsync(client, "Save", new Dictionary<string, string> { [$"f:{fee}"] = "50000000" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("FEE-MAGNITUDE", WebUtility.HtmlDecode(await client.GetStringAsync(Url)), StringComparison.Ordinal);

        var (_, html) = await PostAsync(client, "Save", new Dictionary<string, string> { [$"f:{fee}"] = "12.3456789" });

        var message = Regex.Match(WebUtility.HtmlDecode(html), @"id=""c-t2-admin_fees-fee_amount-msg"">([^<]*)<").Groups[1].Value;
        Assert.Contains("金额最多保留6位小数（单位：万元，精确到分）", message, StringComparison.Ordinal);
        Assert.DoesNotContain("FEE-MAGNITUDE", message, StringComparison.Ordinal);
        Assert.DoesNotContain("50000000", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fee_typed_to_the_fen_is_stored_and_shown_with_its_six_decimals()
    {
        var fee = new CellRef(Format2021.T2, Format2021.Table2.AdminFees, Format2021.Table2.FeeAmount);
        var client = Client(TestAuthHandler.Clerk("c1", _bodyId));

        var (saved, _) = await PostAsync(client, "Save", new Dictionary<string, string> { [$"f:{fee}"] = "24,252.311082" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(24252.311082m, Stored()[fee]);
        Assert.Contains("value=\"24252.311082\"", await client.GetStringAsync(Url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_2020_draft_is_entered_in_the_trial_format_and_takes_a_negative_change_but_no_negative_count()
    {
        int id;
        using (var db = _factory.Db())
        {
            var body = db.Bodies.Single(b => b.Id == _bodyId);
            var report = AnnualReport.Start(body, 2020, TestWorld.Clerk, TestWorld.Now);
            db.Reports.Add(report);
            db.SaveChanges();
            id = report.Id;
        }
        var client = Client(TestAuthHandler.Clerk("c1", _bodyId));
        var url = $"/clerk/reports/{id}";
        var form = await client.GetStringAsync(url);
        Assert.Contains("第二十条第（九）项", form, StringComparison.Ordinal);
        Assert.Contains("name=\"f:t2/licensing/items_change\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("f:t2/licensing/decisions\"", form, StringComparison.Ordinal);

        var response = await client.PostAsync($"{url}?handler=Save", new FormUrlEncodedContent(FormOf(form,
            new Dictionary<string, string> { ["f:t2/licensing/items_change"] = "-3", ["f:t2/licensing/items_last_year"] = "-1" })));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        var message = Regex.Match(html, @"id=""c-t2-licensing-items_last_year-msg"">([^<]*)<").Groups[1].Value;
        Assert.Contains("不能为负数", message, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"id=""c-t2-licensing-items_change-msg""", html);

        var saved = await client.PostAsync($"{url}?handler=Save", new FormUrlEncodedContent(FormOf(form,
            new Dictionary<string, string> { ["f:t2/licensing/items_change"] = "-3" })));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var check = _factory.Db();
        Assert.Equal(-3m, check.Revisions.Single(r => r.ReportId == id).ToData().Get("t2", "licensing", "items_change"));
    }

    [Fact]
    public async Task The_clerk_of_the_body_sees_the_form_with_every_cell_of_the_format()
    {
        var html = await Client(TestAuthHandler.Clerk("c1", _bodyId)).GetStringAsync(Url);
        foreach (var cell in Format2021.Definition.Cells.Where(c => !c.IsDerived))
            Assert.Contains($"name=\"f:{cell.Ref}\"", html, StringComparison.Ordinal);
        foreach (var part in Format2021.Definition.ProseParts)
            Assert.Contains($"name=\"p:{part.Code}\"", html, StringComparison.Ordinal);
        Assert.Contains("inputmode=\"numeric\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clerk_of_another_body_and_an_anonymous_visitor_are_refused_on_get_and_post()
    {
        var other = Client(TestAuthHandler.Clerk("c2", _otherBodyId));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri(Url, UriKind.Relative))).StatusCode);
        // Ids the route's int constraint lets through but no report has: not found, not an error.
        foreach (var id in new[] { "-1", "0", "+7", "2147483647" })
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/clerk/reports/{id}", UriKind.Relative))).StatusCode);
        var anonymous = Client(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(Url, UriKind.Relative))).StatusCode);

        // The other clerk takes a valid antiforgery token from their own report's page and posts to this report
        // (a tampered id in the URL): not found, and nothing changes.
        var before = Stored();
        var theirPage = await other.GetStringAsync($"/clerk/reports/{_othersReportId}");
        var response = await other.PostAsync($"{Url}?handler=Save",
            new FormUrlEncodedContent(FormOf(theirPage, new Dictionary<string, string> { [$"f:{Received}"] = "999" })));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before[Received], Stored()[Received]);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await anonymous.PostAsync($"{Url}?handler=Save", new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task A_post_without_a_valid_antiforgery_token_is_refused()
    {
        var client = Client(TestAuthHandler.Clerk("c1", _bodyId));
        var before = Stored()[Received];
        var response = await client.PostAsync($"{Url}?handler=Save",
            new FormUrlEncodedContent([new("__RequestVerificationToken", "forged"), new($"f:{Received}", "999")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, Stored()[Received]);
    }

    [Fact]
    public async Task Letters_in_a_count_are_refused_at_that_cell_and_every_other_entry_stays_on_screen()
    {
        var client = Client(TestAuthHandler.Clerk("c1", _bodyId));
        var before = Stored();
        var commercial = new CellRef(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Commercial);
        var (response, html) = await PostAsync(client, "Save", new Dictionary<string, string>
        {
            [$"f:{Received}"] = "十二",
            [$"f:{commercial}"] = "77",
            [$"p:{Format2021.ProseActive}"] = "新写的一段文字<script>alert(1)</script>",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("id=\"c-t3-1-natural-msg\">表三 一 自然人：请输入数字", html);
        Assert.Contains("value=\"十二\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"77\"", html, StringComparison.Ordinal);
        Assert.Contains("新写的一段文字&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        var after = Stored();
        Assert.Equal(before[commercial], after[commercial]);
        Assert.Equal(before.ProseOf(Format2021.ProseActive), after.ProseOf(Format2021.ProseActive));
    }

    [Theory]
    [InlineData("-3", "不能为负数")]
    [InlineData("1.5", "件数必须是整数")]
    [InlineData("1e20", "请输入数字")]
    [InlineData("99999999999", "超出允许范围")]
    [InlineData("/", "没有的填 0")]
    public async Task Bad_counts_get_a_chinese_message_at_the_cell(string typed, string message)
    {
        var (_, html) = await PostAsync(Client(TestAuthHandler.Clerk("c1", _bodyId)), "Save",
            new Dictionary<string, string> { [$"f:{Received}"] = typed });
        Assert.Matches($"id=\"c-t3-1-natural-msg\">[^<]*{Regex.Escape(message)}", html);
    }

    [Fact]
    public async Task Full_width_digits_and_thousands_separators_are_accepted_and_totals_are_derived()
    {
        var client = Client(TestAuthHandler.Clerk("c1", _bodyId, "王小明"));
        var before = Stored();
        var (response, _) = await PostAsync(client, "Save", new Dictionary<string, string>
        {
            [$"f:{Received}"] = "１,２３４",
            [$"f:{new CellRef(Format2021.T2, Format2021.Table2.AdminFees, Format2021.Table2.FeeAmount)}"] = "12.3456",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var stored = Stored();
        Assert.Equal(1234m, stored[Received]);
        Assert.Equal(12.3456m, stored.Get(Format2021.T2, Format2021.Table2.AdminFees, Format2021.Table2.FeeAmount));
        var rowTotal = Format2021.Table3.ApplicantColumns.Sum(c => stored.Get(Format2021.T3, Format2021.Table3.Received, c) ?? 0m);
        Assert.Equal(rowTotal, stored.Get(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Total));

        using var db = _factory.Db();
        var revision = db.Revisions.Include(r => r.History).Single(r => r.ReportId == _reportId);
        var last = revision.History.OrderBy(e => e.Id).Last();
        Assert.Equal((RevisionAction.Saved, "c1", "王小明"), (last.Action, last.ActorId, last.ActorName));
        Assert.Contains($"表三 一 自然人：{FigureValues.Display(ValueKind.Count, before[Received]!.Value)} → 1234", last.ChangeLines);
        Assert.Contains(last.ChangeLines, l => l.StartsWith("表二 行政事业性收费 本年收费金额（单位：万元）：", StringComparison.Ordinal)
                                              && l.EndsWith("→ 12.3456", StringComparison.Ordinal));

        // The clerk reads the history: who, when in Beijing time, and what changed.
        var history = WebUtility.HtmlDecode(await client.GetStringAsync($"{Url}/history"));
        Assert.Contains("王小明", history, StringComparison.Ordinal);
        Assert.Contains($"{last.At.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}", history, StringComparison.Ordinal);
        Assert.Contains("表三 一 自然人：", history, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound,
            (await Client(TestAuthHandler.Clerk("c2", _otherBodyId)).GetAsync(new Uri($"{Url}/history", UriKind.Relative))).StatusCode);

        // The county's reviewer reads the same trail on the review page.
        var review = WebUtility.HtmlDecode(await Client(TestAuthHandler.Reviewer("r1", _countyId, "李审核")).GetStringAsync($"/review/reports/{_reportId}"));
        Assert.Contains("审计记录", review, StringComparison.Ordinal);
        Assert.Contains($"{last.At.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}", review, StringComparison.Ordinal);
        Assert.Contains("表三 一 自然人：", review, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_save_from_a_stale_page_is_refused_with_who_saved_and_what_differs_and_nothing_is_overwritten()
    {
        var alice = Client(TestAuthHandler.Clerk("alice", _bodyId, "张三"));
        var bob = Client(TestAuthHandler.Clerk("bob", _bodyId, "李四"));
        var bobsPage = await bob.GetStringAsync(Url);
        var (aliceResponse, _) = await PostAsync(alice, "Save", new Dictionary<string, string> { [$"f:{Received}"] = "500" });
        Assert.Equal(HttpStatusCode.Redirect, aliceResponse.StatusCode);

        var (response, html) = await PostAsync(bob, "Save", new Dictionary<string, string> { [$"f:{Received}"] = "600" }, bobsPage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("「张三」于", text, StringComparison.Ordinal);
        Assert.Contains("表三 一 自然人：对方保存的是「500」，您填写的是「600」", text, StringComparison.Ordinal);
        Assert.Contains("value=\"600\"", html, StringComparison.Ordinal);
        Assert.Equal(500m, Stored()[Received]);
    }

    [Fact]
    public async Task Submit_is_refused_with_the_balance_message_at_the_total_cell_and_the_draft_is_kept()
    {
        var client = Client(TestAuthHandler.Clerk("c1", _bodyId));
        var carried = new CellRef(Format2021.T3, Format2021.Table3.CarriedOver, Format2021.Table3.Natural);
        var typed = (Stored()[carried] ?? 0) + 1;
        var (response, html) = await PostAsync(client, "Submit", new Dictionary<string, string>
        {
            [$"f:{carried}"] = typed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("id=\"c-t3-3_7-natural-msg\">[^<]*T3-BALANCE", html);
        Assert.Contains("不能提交", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        using var db = _factory.Db();
        var revision = db.Revisions.Single(r => r.ReportId == _reportId);
        Assert.Equal(RevisionStatus.Draft, revision.Status);
        Assert.Equal(typed, revision.ToData()[carried]);
    }

    [Fact]
    public async Task A_consistent_report_is_submitted()
    {
        var (response, _) = await PostAsync(Client(TestAuthHandler.Clerk("c1", _bodyId)), "Submit", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var db = _factory.Db();
        Assert.Equal(RevisionStatus.Submitted, db.Revisions.Single(r => r.ReportId == _reportId).Status);
    }

    [Theory]
    [InlineData("１２３", 123)]
    [InlineData("1,234", 1234)]
    [InlineData("1，234", 1234)]
    [InlineData("１，２３４", 1234)]
    [InlineData(" 12 ", 12)]
    public async Task Figures_typed_as_office_software_writes_them_are_accepted_and_stored_as_numbers(string typed, int stored)
    {
        var (response, _) = await PostAsync(Client(TestAuthHandler.Clerk("c1", _bodyId)), "Save",
            new Dictionary<string, string> { [$"f:{Received}"] = typed });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(stored, Stored()[Received]);
    }

    [Fact]
    public async Task An_emptied_cell_is_kept_blank_in_the_draft_and_blocks_submit_with_a_message_at_the_cell()
    {
        var client = Client(TestAuthHandler.Clerk("c1", _bodyId));
        var (saved, _) = await PostAsync(client, "Save", new Dictionary<string, string> { [$"f:{Received}"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Null(Stored()[Received]);
        // The form says so at the cell on the next load, in Chinese.
        Assert.Matches("id=\"c-t3-1-natural-msg\">[^<]*未填写（没有数据请填 0）", await client.GetStringAsync(Url));

        var (submit, html) = await PostAsync(client, "Submit", new Dictionary<string, string> { [$"f:{Received}"] = "" });
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.Matches("id=\"c-t3-1-natural-msg\">[^<]*CELL-REQUIRED", html);
        using var db = _factory.Db();
        Assert.Equal(RevisionStatus.Draft, db.Revisions.Single(r => r.ReportId == _reportId).Status);
    }

    [Fact]
    public async Task An_explanation_posted_for_no_warning_is_dropped_and_the_clerks_entries_are_saved()
    {
        var client = Client(TestAuthHandler.Clerk("c1", _bodyId));
        var (response, _) = await PostAsync(client, "Save", new Dictionary<string, string>
        {
            [$"p:{Format2021.ProseActive}"] = "本年度主动公开政府信息 12 条",
            ["e:NO-SUCH-RULE@t3/2/natural"] = "伪造的说明",
            ["e:T3-BALANCE@t3/2/natural"] = "阻断性规则不需要说明",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("本年度主动公开政府信息 12 条", Stored().ProseOf(Format2021.ProseActive));
        using var db = _factory.Db();
        Assert.Empty(db.Revisions.Single(r => r.ReportId == _reportId).Explanations);
    }

    [Fact]
    public async Task Script_tags_and_html_in_prose_are_stored_as_typed_and_shown_encoded()
    {
        var client = Client(TestAuthHandler.Clerk("c1", _bodyId));
        const string typed = "本年度<script>alert('x')</script>公开<b>重点</b>信息 & \"其他\"";
        var (response, _) = await PostAsync(client, "Save", new Dictionary<string, string> { [$"p:{Format2021.ProseActive}"] = typed });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(typed, Stored().ProseOf(Format2021.ProseActive));
        foreach (var page in new[] { Url, $"{Url}/preview" })
        {
            var html = await client.GetStringAsync(page);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>重点</b>", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
            Assert.Contains("&lt;b&gt;重点&lt;/b&gt;", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Prose_over_the_size_limit_is_refused_at_its_field_and_every_entry_stays_on_screen()
    {
        var client = Client(TestAuthHandler.Clerk("c1", _bodyId));
        var before = Stored();
        var tooLong = "依申请公开工作情况。" + new string('长', ProseValues.MaxLength);
        var (response, html) = await PostAsync(client, "Save", new Dictionary<string, string>
        {
            [$"p:{Format2021.ProseActive}"] = tooLong,
            [$"f:{Received}"] = "4321",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var field = "p-" + Format2021.ProseActive.Replace('.', '_');
        Assert.Matches($"id=\"{Regex.Escape(field)}-msg\">[^<]*不能超过 20000 字（现有 {tooLong.Length} 字）", html);
        // Nothing lost: the whole text and the other entries are back in the form …
        Assert.Contains(tooLong, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("value=\"4321\"", html, StringComparison.Ordinal);
        // … and nothing stored.
        var after = Stored();
        Assert.Equal(before.ProseOf(Format2021.ProseActive), after.ProseOf(Format2021.ProseActive));
        Assert.Equal(before[Received], after[Received]);
    }

    [Fact]
    public async Task A_stale_page_cannot_change_a_report_submitted_since_it_was_opened()
    {
        var alice = Client(TestAuthHandler.Clerk("alice", _bodyId, "张三"));
        var stalePage = await alice.GetStringAsync(Url);
        var (submitted, _) = await PostAsync(Client(TestAuthHandler.Clerk("bob", _bodyId, "李四")), "Submit", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var before = Stored();

        var (response, html) = await PostAsync(alice, "Save", new Dictionary<string, string> { [$"f:{Received}"] = "4321" }, stalePage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("报告当前状态为「已提交」，不能修改。", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("value=\"4321\"", html, StringComparison.Ordinal);
        using var db = _factory.Db();
        var revision = db.Revisions.Include(r => r.History).Single(r => r.ReportId == _reportId);
        Assert.Equal(RevisionStatus.Submitted, revision.Status);
        Assert.Equal(before[Received], revision.ToData()[Received]);
        Assert.DoesNotContain(revision.History, e => e.ActorId == "alice");
    }

    /// <summary>A save as entry.js sends it: the same fields, marked to be answered in place.</summary>
    private async Task<(HttpResponseMessage response, string html)> PostInlineAsync(HttpClient client, string page,
        IDictionary<string, string> changes, string? version = null)
    {
        var fields = FormOf(page, changes);
        if (version is not null) fields = fields.With(new Dictionary<string, string> { ["version"] = version });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Url}?handler=Save") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("X-Entry-Save", "inline");
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static string Attribute(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"{name}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value
            : throw new Xunit.Sdk.XunitException($"no {name} in the answer"));

    [Fact]
    public async Task A_save_by_the_script_is_answered_with_the_status_block_and_each_cells_message_not_the_whole_form()
    {
        var client = Client(TestAuthHandler.Clerk("c1", _bodyId, "王小明"));
        var page = await client.GetStringAsync(Url);
        var carried = new CellRef(Format2021.T3, Format2021.Table3.CarriedOver, Format2021.Table3.Natural);
        var typed = (Stored()[carried] ?? 0) + 1;

        var (response, html) = await PostInlineAsync(client, page,
            new Dictionary<string, string> { [$"f:{carried}"] = typed.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("inline", Assert.Single(response.Headers.GetValues("X-Entry-Save")));
        Assert.StartsWith("<div id=\"entry-status\"", html.TrimStart(), StringComparison.Ordinal);
        // Not the form again: no figure field, no layout around it.
        Assert.DoesNotContain("name=\"f:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);
        Assert.Contains("已保存草稿", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(typed, Stored()[carried]);
        // The balance message for the cell it is about (（七）总计 自然人), as the whole page would show it there.
        var messages = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(Attribute(html, "data-messages"))!;
        Assert.Contains("T3-BALANCE", messages["c-t3-3_7-natural"], StringComparison.Ordinal);
        Assert.Contains("data-announce=\"已保存草稿。必须修正 ", html, StringComparison.Ordinal);
        Assert.Contains("王小明", Attribute(html, "data-saved"), StringComparison.Ordinal);

        // The answer's version is the page's new version: the clerk's next save is not taken for a conflict…
        var version = Attribute(html, "data-version");
        var (second, secondHtml) = await PostInlineAsync(client, page, new Dictionary<string, string> { [$"f:{Received}"] = "321" }, version);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("已保存草稿", WebUtility.HtmlDecode(secondHtml), StringComparison.Ordinal);
        Assert.Equal(321m, Stored()[Received]);
        // …and the page's first version, now stale, is: refused with who saved, nothing overwritten.
        var (stale, staleHtml) = await PostInlineAsync(client, page, new Dictionary<string, string> { [$"f:{Received}"] = "999" });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("保存冲突", WebUtility.HtmlDecode(staleHtml), StringComparison.Ordinal);
        Assert.Contains("对方保存的是「321」，您填写的是「999」", WebUtility.HtmlDecode(staleHtml), StringComparison.Ordinal);
        Assert.Equal(321m, Stored()[Received]);
    }

    [Fact]
    public async Task A_bad_cell_saved_by_the_script_gets_its_message_at_the_cell_and_nothing_is_stored()
    {
        var client = Client(TestAuthHandler.Clerk("c1", _bodyId));
        var before = Stored();
        var commercial = new CellRef(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Commercial);
        var (response, html) = await PostInlineAsync(client, await client.GetStringAsync(Url),
            new Dictionary<string, string> { [$"f:{Received}"] = "十二", [$"f:{commercial}"] = "77" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(Attribute(html, "data-messages"))!;
        Assert.StartsWith("表三 一 自然人：请输入数字", messages["c-t3-1-natural"], StringComparison.Ordinal);
        Assert.Contains("本次未保存", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain("已保存草稿", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(before[commercial], Stored()[commercial]);
    }

    [Fact]
    public async Task A_save_by_the_script_is_refused_as_any_other_for_another_bodys_clerk_or_a_forged_token()
    {
        var before = Stored();
        var other = Client(TestAuthHandler.Clerk("c2", _otherBodyId));
        var (response, _) = await PostInlineAsync(other, await other.GetStringAsync($"/clerk/reports/{_othersReportId}"),
            new Dictionary<string, string> { [$"f:{Received}"] = "999" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Entry-Save"));

        var clerk = Client(TestAuthHandler.Clerk("c1", _bodyId));
        var (forged, _) = await PostInlineAsync(clerk, await clerk.GetStringAsync(Url),
            new Dictionary<string, string> { ["__RequestVerificationToken"] = "forged", [$"f:{Received}"] = "999" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(before[Received], Stored()[Received]);
    }

    [Fact]
    public async Task The_entry_page_loads_every_stylesheet_script_and_image_from_its_own_origin()
    {
        // Government intranets often have no internet: an asset from another host would leave the form unstyled
        // or without its keyboard and totals.
        var client = Client(TestAuthHandler.Clerk("c1", _bodyId));
        var html = await client.GetStringAsync(Url);
        var assets = AssetReference().Matches(html).Select(m => (Tag: m.Groups[1].Value, Url: WebUtility.HtmlDecode(m.Groups[3].Value))).ToList();

        Assert.Contains(assets, a => a.Tag == "script");
        Assert.Contains(assets, a => a.Tag == "link");
        var origin = client.BaseAddress!;
        foreach (var (tag, url) in assets)
        {
            var resolved = new Uri(origin, url);
            Assert.True(resolved.Scheme == origin.Scheme && resolved.Authority == origin.Authority, $"<{tag}> loads {url} from another host");
            var asset = await client.GetAsync(resolved);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            // A stylesheet may pull in more: fonts and images by url(…), other sheets by @import.
            if (tag == "link" && url.Contains(".css", StringComparison.Ordinal))
                foreach (Match m in CssReference().Matches(await asset.Content.ReadAsStringAsync()))
                {
                    var target = new Uri(resolved, m.Groups[1].Value.Trim('"', '\''));
                    Assert.True(target.Scheme == "data" || target.Authority == origin.Authority, $"{url} loads {m.Groups[1].Value} from another host");
                }
        }
    }

    [GeneratedRegex("<(link|script|img|iframe|source|embed|object)\\b[^>]*?\\s(href|src|data)=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex AssetReference();

    [GeneratedRegex(@"(?:url\(|@import\s+)([^);\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CssReference();
}
