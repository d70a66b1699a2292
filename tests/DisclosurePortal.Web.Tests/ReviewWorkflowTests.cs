using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Samples;
using DisclosurePortal.TestSupport;
using DisclosurePortal.Web.Publishing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// Over HTTP against the real PostgreSQL: the reviewer's queue and decisions, the illegal moves refused
/// (publish a draft, edit a published revision, approve one's own submission, act on another region), stale and
/// repeated decisions, scheduled publication, corrections with their diff, the deadline CSV and the bulk zip.
/// </summary>
[Collection(WebTests.Name)]
public sealed partial class ReviewWorkflowTests : IDisposable
{
    private readonly PortalFactory _factory;
    private readonly WebApplicationFactory<Program> _app;
    private readonly TestWorld _world;
    private readonly int _submittedId;   // 钱店镇人民政府 2024, submitted by TestWorld.Clerk (county 缙云县)
    private readonly int _draftId;       // 缙云县教育局 2024, draft (county 缙云县)
    private readonly int _otherRegionId; // 遂昌县教育局 2024, submitted (another county)

    public ReviewWorkflowTests(PostgresFixture pg)
    {
        _factory = new PortalFactory(pg.CreateDatabase(), new Dictionary<string, string>
        {
            ["Pdf:FontDirectory"] = TestFonts.Directory(),
            // What a published page shows is read fresh, never from a copy cached before the change under test.
            ["PublicCache:Lifetime"] = "00:00:00",
        });
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(TestAuthHandler.Register));
        using var db = _factory.Db();
        _world = TestWorld.Create(db);
        var submitted = TestWorld.Report(_world.TownshipGov, 2024, seed: 21, RevisionStatus.Submitted);
        var draft = TestWorld.Report(_world.CountyDept, 2024, seed: 22, RevisionStatus.Draft);
        var other = TestWorld.Report(_world.OtherCountyDept, 2024, seed: 23, RevisionStatus.Submitted);
        db.Reports.AddRange(submitted, draft, other);
        db.SaveChanges();
        (_submittedId, _draftId, _otherRegionId) = (submitted.Id, draft.Id, other.Id);
    }

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
    }

    private static readonly CellRef Received = new(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Natural);

    private HttpClient Client(string user)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, user);
        return client;
    }

    private string Reviewer(string id = "reviewer-1") => TestAuthHandler.Reviewer(id, _world.County.Id, "李审核");
    private string OtherCountyReviewer => TestAuthHandler.Reviewer("reviewer-9", _world.OtherCounty.Id, "赵审核");
    private static string Clerk(int bodyId) => TestAuthHandler.Clerk(TestWorld.Clerk.Id, bodyId, "张填报");

    /// <summary>Posts a decision from the review page as a browser would: its antiforgery token and version.</summary>
    private static async Task<(HttpResponseMessage Response, string Html)> DecideAsync(HttpClient client, int reportId,
        string handler, Dictionary<string, string>? fields = null, string? fromHtml = null)
    {
        var page = fromHtml ?? await client.GetStringAsync(new Uri($"/review/reports/{reportId}", UriKind.Relative));
        var body = new Dictionary<string, string>(fields ?? [])
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value),
        };
        if (!body.ContainsKey("Version")) body["Version"] = VersionField().Match(page).Groups[1].Value;
        using var content = new FormUrlEncodedContent(body);
        var response = await client.PostAsync(new Uri($"/review/reports/{reportId}?handler={handler}", UriKind.Relative), content);
        return (response, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private ReportRevision Current(int reportId)
    {
        using var db = _factory.Db();
        return db.Reports.Include(r => r.Revisions).Single(r => r.Id == reportId).Current;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();

    [Fact]
    public async Task The_queue_lists_the_region_and_its_sub_regions_only_and_filters_by_status()
    {
        var client = Client(Reviewer());
        var all = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/review?year=2024", UriKind.Relative)));
        Assert.Contains("钱店镇人民政府", all, StringComparison.Ordinal);
        Assert.Contains("缙云县教育局", all, StringComparison.Ordinal);
        Assert.DoesNotContain("遂昌县教育局", all, StringComparison.Ordinal);

        var submitted = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/review?year=2024&status=Submitted", UriKind.Relative)));
        Assert.Contains("钱店镇人民政府", submitted, StringComparison.Ordinal);
        Assert.DoesNotContain("缙云县教育局", submitted, StringComparison.Ordinal);

        // 2024's deadlines (2025-01-31 and 2025-03-31) are long past: every unpublished report is late.
        var late = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/review?year=2024&status=late", UriKind.Relative)));
        Assert.Contains("缙云县教育局", late, StringComparison.Ordinal);
        var sub = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/review?year=2024&sub={_world.Township.Id}", UriKind.Relative)));
        Assert.Contains("钱店镇人民政府", sub, StringComparison.Ordinal);
        Assert.DoesNotContain("缙云县教育局", sub, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clerk_and_an_anonymous_visitor_cannot_open_the_queue()
    {
        var clerk = await Client(Clerk(_world.TownshipGov.Id)).GetAsync(new Uri("/review", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, clerk.StatusCode);
        var anonymous = await _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .GetAsync(new Uri("/review", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_reviewer_of_another_region_can_neither_see_nor_decide_on_the_report()
    {
        var client = Client(OtherCountyReviewer);
        var get = await client.GetAsync(new Uri($"/review/reports/{_submittedId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        // A post with a valid token from the reviewer's own report, aimed at the other region's report.
        var own = await client.GetStringAsync(new Uri($"/review/reports/{_otherRegionId}", UriKind.Relative));
        var (post, _) = await DecideAsync(client, _submittedId, "Publish", new() { ["Confirm"] = "true", ["Version"] = Current(_submittedId).Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, own);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(RevisionStatus.Submitted, Current(_submittedId).Status);
        var preview = await client.GetAsync(new Uri($"/preview/{Current(_submittedId).Id}/pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, preview.StatusCode);
    }

    [Fact]
    public async Task The_reviewer_of_the_region_previews_the_unpublished_pdf()
    {
        var response = await Client(Reviewer()).GetAsync(new Uri($"/preview/{Current(_submittedId).Id}/pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Publishing_a_draft_over_http_is_refused_with_a_message()
    {
        // The page offers no publish button for a draft: the post is crafted, with the draft's current version.
        var (response, html) = await DecideAsync(Client(Reviewer()), _draftId, "Publish",
            new() { ["Version"] = Current(_draftId).Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("只有已提交的报告可以发布（当前状态：草稿）", html, StringComparison.Ordinal);
        Assert.Equal(RevisionStatus.Draft, Current(_draftId).Status);
    }

    [Fact]
    public async Task The_account_that_submitted_cannot_publish_it()
    {
        var self = TestAuthHandler.Reviewer(TestWorld.Clerk.Id, _world.County.Id, "张填报");
        var (_, html) = await DecideAsync(Client(self), _submittedId, "Publish", Confirmed);
        Assert.Contains("提交人不能批准或发布自己提交的报告", html, StringComparison.Ordinal);
        Assert.Equal(RevisionStatus.Submitted, Current(_submittedId).Status);
        using var db = _factory.Db();
        Assert.Empty(db.PublishedPdfs);
    }

    [Fact]
    public async Task A_return_without_a_reason_is_refused_and_changes_nothing()
    {
        var (_, html) = await DecideAsync(Client(Reviewer()), _submittedId, "Return", new()
        {
            ["Reason"] = " ",
            ["Comments[0].Anchor"] = $"cell:{Received}",
            ["Comments[0].Text"] = "请核对",
        });
        Assert.Contains("退回时必须填写退回理由", html, StringComparison.Ordinal);
        // The typed comment stays on screen.
        Assert.Contains("请核对", html, StringComparison.Ordinal);
        var current = Current(_submittedId);
        Assert.Equal(RevisionStatus.Submitted, current.Status);
        Assert.Empty(current.ReviewComments);
    }

    [Theory]
    [InlineData("表三有误\u0001", "请核对", "退回意见含有不可见的控制字符（U+0001），请删除后再保存")]
    [InlineData("表三有误", "请\u0008核对", "批注含有不可见的控制字符（U+0008），请删除后再保存")]
    public async Task A_return_whose_text_holds_a_control_character_is_refused_with_a_message_and_changes_nothing(
        string reason, string comment, string message)
    {
        // Invisible on screen and in the PDF, as the entry form refuses them in prose (ProseValues).
        var (response, html) = await DecideAsync(Client(Reviewer()), _submittedId, "Return", new()
        {
            ["Reason"] = reason,
            ["Comments[0].Anchor"] = $"cell:{Received}",
            ["Comments[0].Text"] = comment,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Equal(RevisionStatus.Submitted, Current(_submittedId).Status);
    }

    [Fact]
    public async Task A_comment_on_a_cell_is_shown_to_the_clerk_at_that_cell()
    {
        var (response, _) = await DecideAsync(Client(Reviewer()), _submittedId, "Return", new()
        {
            ["Reason"] = "表三有误，请核对",
            ["Comments[0].Anchor"] = $"cell:{Received}",
            ["Comments[0].Text"] = "自然人申请数与登记簿不符",
            ["Comments[1].Anchor"] = $"prose:{Format2021.ProseActive}",
            ["Comments[1].Text"] = "请写明公开的文件数",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(RevisionStatus.Returned, Current(_submittedId).Status);

        var form = WebUtility.HtmlDecode(await Client(Clerk(_world.TownshipGov.Id)).GetStringAsync(new Uri($"/clerk/reports/{_submittedId}", UriKind.Relative)));
        var cellId = "c-" + Received.ToString().Replace('/', '-');
        var cell = Regex.Match(form, $"<td[^>]*>\\s*<input id=\"{cellId}\".*?</td>", RegexOptions.Singleline).Value;
        Assert.Contains($"id=\"{cellId}-review\">审核员批注：自然人申请数与登记簿不符", cell, StringComparison.Ordinal);
        Assert.Contains($"aria-describedby=\"{cellId}-review\"", cell, StringComparison.Ordinal);
        Assert.Contains("审核员批注：请写明公开的文件数", form, StringComparison.Ordinal);
        Assert.Contains("表三有误，请核对", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_on_a_stale_page_is_refused_and_the_state_stays_as_it_was()
    {
        var first = Client(Reviewer());
        var stalePage = await first.GetStringAsync(new Uri($"/review/reports/{_submittedId}", UriKind.Relative));
        // Meanwhile a second reviewer returns the report.
        await DecideAsync(Client(Reviewer("reviewer-2")), _submittedId, "Return", new() { ["Reason"] = "请补充说明" });

        var (_, html) = await DecideAsync(first, _submittedId, "Publish", Confirmed, fromHtml: stalePage);

        Assert.Contains("您打开页面后这份报告已有变化", html, StringComparison.Ordinal);
        Assert.Contains("退回", html, StringComparison.Ordinal);
        var current = Current(_submittedId);
        Assert.Equal(RevisionStatus.Returned, current.Status);
        Assert.Equal("请补充说明", current.ReturnReason);
    }

    [Fact]
    public async Task A_double_clicked_publish_publishes_once_and_says_so()
    {
        var client = Client(Reviewer());
        var page = await client.GetStringAsync(new Uri($"/review/reports/{_submittedId}", UriKind.Relative));
        var (first, _) = await DecideAsync(client, _submittedId, "Publish", Confirmed, fromHtml: page);
        var (second, html) = await DecideAsync(client, _submittedId, "Publish", Confirmed, fromHtml: page);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("无需重复发布", html, StringComparison.Ordinal);
        using var db = _factory.Db();
        Assert.Single(db.PublishedPdfs);
        var events = db.RevisionEvents.Where(e => e.Action == RevisionAction.Published).ToList();
        var published = Assert.Single(events);
        Assert.Equal("reviewer-1", published.ActorId);
        // The public can read it now.
        var anonymous = await _factory.CreateClient().GetAsync(new Uri("/reports/qiandian/2024", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_published_revision_cannot_be_edited_over_http()
    {
        await PublishConfirmedAsync();
        var before = Current(_submittedId).ToData()[Received];
        var clerk = Client(Clerk(_world.TownshipGov.Id));
        var page = await clerk.GetStringAsync(new Uri($"/clerk/reports/{_submittedId}", UriKind.Relative));
        var body = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value),
            ["version"] = Current(_submittedId).Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"f:{Received}"] = "999",
        };
        using var content = new FormUrlEncodedContent(body);
        var response = await clerk.PostAsync(new Uri($"/clerk/reports/{_submittedId}?handler=Save", UriKind.Relative), content);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("报告当前状态为「已发布」，不能修改", html, StringComparison.Ordinal);
        Assert.Equal(before, Current(_submittedId).ToData()[Received]);
    }

    [Fact]
    public async Task A_scheduled_date_in_the_past_is_refused_and_a_future_one_is_published_when_due()
    {
        var client = Client(Reviewer());
        var (_, past) = await DecideAsync(client, _submittedId, "Schedule", new() { ["PublishAt"] = "2020-01-01T09:00" });
        Assert.Contains("定时发布的时间必须晚于当前时间", past, StringComparison.Ordinal);
        Assert.Equal(RevisionStatus.Submitted, Current(_submittedId).Status);

        var (_, empty) = await DecideAsync(client, _submittedId, "Schedule", new() { ["PublishAt"] = "" });
        Assert.Contains("请填写定时发布的日期和时间", empty, StringComparison.Ordinal);

        var at = DateTimeOffset.UtcNow.AddDays(3).ToOffset(DisclosurePortal.Domain.BeijingTime.Offset);
        var (ok, _) = await DecideAsync(client, _submittedId, "Schedule", new() { ["PublishAt"] = at.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var scheduled = Current(_submittedId);
        Assert.Equal(RevisionStatus.Scheduled, scheduled.Status);
        Assert.NotNull(scheduled.ScheduledFor);
        Assert.Equal(404, (int)(await _factory.CreateClient().GetAsync(new Uri("/reports/qiandian/2024", UriKind.Relative))).StatusCode);

        var scopes = _app.Services.GetRequiredService<IServiceScopeFactory>();
        Assert.Equal(0, await ScheduledPublication.PublishDueAsync(scopes, scheduled.ScheduledFor!.Value.AddSeconds(-1), NullLogger.Instance, default));
        Assert.Equal(1, await ScheduledPublication.PublishDueAsync(scopes, scheduled.ScheduledFor!.Value, NullLogger.Instance, default));

        var published = Current(_submittedId);
        Assert.Equal(RevisionStatus.Published, published.Status);
        Assert.Equal("reviewer-1", published.PublishedById);
        using var db = _factory.Db();
        Assert.True(db.PublishedPdfs.Any(p => p.RevisionId == published.Id));
    }

    [Fact]
    public async Task Approving_for_later_a_report_whose_pdf_cannot_be_made_is_refused_now()
    {
        using (var db = _factory.Db())
        {
            // The clerk's text holds a character no font has; publication would fail when it fell due.
            var revision = db.Revisions.Single(v => v.ReportId == _submittedId);
            db.Entry(revision).Property<Dictionary<string, string>>("_prose").CurrentValue =
                new Dictionary<string, string> { [Format2021.ProseActive] = "主动公开\U0010FFFD" };
            db.SaveChanges();
        }
        var at = DateTimeOffset.UtcNow.AddDays(3).ToOffset(DisclosurePortal.Domain.BeijingTime.Offset);
        var (response, html) = await DecideAsync(Client(Reviewer()), _submittedId, "Schedule",
            new() { ["PublishAt"] = at.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("无法生成 PDF", html, StringComparison.Ordinal);
        Assert.Equal(RevisionStatus.Submitted, Current(_submittedId).Status);
    }

    [Fact]
    public async Task A_correction_needs_a_note_then_is_reviewed_and_its_diff_shown_while_the_first_stays_downloadable()
    {
        await PublishConfirmedAsync();
        var clerk = Client(Clerk(_world.TownshipGov.Id));

        var refused = await clerk.PostFormAsync("/clerk", new() { ["correctionNote"] = "" }, $"/clerk?handler=Correct&reportId={_submittedId}");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var home = WebUtility.HtmlDecode(await clerk.GetStringAsync(new Uri("/clerk", UriKind.Relative)));
        Assert.Contains("发起更正必须填写更正说明", home, StringComparison.Ordinal);
        using (var db = _factory.Db()) Assert.Single(db.Revisions.Where(r => r.ReportId == _submittedId));
        await clerk.PostFormAsync("/clerk", new() { ["correctionNote"] = "表三\u0007有误" }, $"/clerk?handler=Correct&reportId={_submittedId}");
        home = WebUtility.HtmlDecode(await clerk.GetStringAsync(new Uri("/clerk", UriKind.Relative)));
        Assert.Contains("更正说明含有不可见的控制字符（U+0007），请删除后再保存", home, StringComparison.Ordinal);
        using (var db = _factory.Db()) Assert.Single(db.Revisions.Where(r => r.ReportId == _submittedId));

        var started = await clerk.PostFormAsync("/clerk", new() { ["correctionNote"] = "表三自然人申请数录入有误" }, $"/clerk?handler=Correct&reportId={_submittedId}");
        Assert.Equal($"/clerk/reports/{_submittedId}", started.Headers.Location?.OriginalString);
        int oldValue;
        using (var db = _factory.Db())
        {
            var report = db.Reports.Include(r => r.Body).Include(r => r.Revisions).Single(r => r.Id == _submittedId);
            var correction = report.Current;
            Assert.Equal(2, correction.Number);
            oldValue = (int)correction.ToData()[Received]!.Value;
            // The clerk's edit and submission, as the entry form does them.
            correction.Save(new Dictionary<CellRef, decimal?> { [Received] = oldValue + 1 },
                new Dictionary<string, string?>(), FigureEntry.AsGiven, TestWorld.Clerk, DateTimeOffset.UtcNow);
            db.SaveChanges();
        }

        var review = WebUtility.HtmlDecode(await Client(Reviewer()).GetStringAsync(new Uri($"/review/reports/{_submittedId}", UriKind.Relative)));
        Assert.Contains("更正说明：</strong>表三自然人申请数录入有误", review, StringComparison.Ordinal);
        Assert.Contains("与第 1 版", review, StringComparison.Ordinal);
        var name = Format2021.Definition.Cell(Received).DisplayName;
        Assert.Matches($"<td>{Regex.Escape(name)}</td><td>{oldValue}</td><td>{oldValue + 1}</td>", review);

        // Until the correction is published, the first revision is the public one; afterwards both stay downloadable.
        var anonymous = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/reports/qiandian/2024/revisions/1/pdf", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/reports/qiandian/2024/revisions/2/pdf", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_zip_holds_exactly_the_published_pdfs_of_the_region_named_by_body_and_year()
    {
        using (var db = _factory.Db())
        {
            // Published below the web layer (as the demo data is): their PDFs are made by the queue's POST.
            var county = db.Bodies.Single(b => b.Id == _world.CountyDept.Id);
            var other = db.Bodies.Single(b => b.Id == _world.OtherCountyDept.Id);
            db.Reports.AddRange(TestWorld.Report(county, 2023, seed: 31), TestWorld.Report(other, 2023, seed: 32));
            var township = db.Bodies.Single(b => b.Id == _world.TownshipGov.Id);
            db.Reports.Add(TestWorld.Report(township, 2023, seed: 33, RevisionStatus.Submitted));
            db.SaveChanges();
        }
        var client = Client(Reviewer());
        var made = await client.PostFormAsync("/review?year=2023", new(), "/review/pdfs?year=2023");
        Assert.Equal("/review?year=2023", made.Headers.Location?.OriginalString);

        var response = await client.GetAsync(new Uri("/review/pdfs?year=2023", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);

        var entry = Assert.Single(zip.Entries);
        Assert.Equal("缙云县教育局2023年政府信息公开工作年度报告.pdf", entry.FullName);
        using (var db = _factory.Db())
        {
            var published = (await db.CurrentPublishedRevisions().SingleAsync(v => v.Report.BodyId == _world.CountyDept.Id && v.Report.Year == 2023)).PublishedAt!.Value;
            // The file's time in the zip is the publication's, as a reader in China reads clocks.
            var b = published.ToOffset(TimeSpan.FromHours(8)).DateTime; // zip times count whole seconds, even ones
            Assert.Equal(new DateTime(b.Year, b.Month, b.Day, b.Hour, b.Minute, b.Second - b.Second % 2), entry.LastWriteTime.DateTime);
        }
        await using var pdf = entry.Open();
        var head = new byte[5];
        await pdf.ReadExactlyAsync(head);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(head));
        using var db2 = _factory.Db();
        Assert.Contains(db2.AuditLog, a => a.Action == "pdfs.download");
    }

    [Fact]
    public async Task Downloading_the_zip_makes_no_pdf_and_the_queues_post_makes_the_missing_ones()
    {
        using (var db = _factory.Db())
        {
            var county = db.Bodies.Single(b => b.Id == _world.CountyDept.Id);
            db.Reports.Add(TestWorld.Report(county, 2023, seed: 34));
            db.SaveChanges();
        }
        int StoredPdfs() { using var db = _factory.Db(); return db.PublishedPdfs.Count(); }
        var client = Client(Reviewer());
        var before = StoredPdfs();
        var queue = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/review?year=2023", UriKind.Relative)));
        Assert.Contains("1 份已发布报告尚无 PDF", queue, StringComparison.Ordinal);

        var download = await client.GetAsync(new Uri("/review/pdfs?year=2023", UriKind.Relative));
        await using (var stream = await download.Content.ReadAsStreamAsync())
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Read)) Assert.Empty(zip.Entries);
        Assert.Equal(before, StoredPdfs());

        // Without the antiforgery token the POST is refused and makes nothing.
        using (var bare = new FormUrlEncodedContent(new Dictionary<string, string>()))
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(new Uri("/review/pdfs?year=2023", UriKind.Relative), bare)).StatusCode);
        Assert.Equal(before, StoredPdfs());

        var made = await client.PostFormAsync("/review?year=2023", new(), "/review/pdfs?year=2023");
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        Assert.Equal(before + 1, StoredPdfs());
        var after = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/review?year=2023", UriKind.Relative)));
        Assert.Contains("已生成 1 份缺少的 PDF。", after, StringComparison.Ordinal);
        Assert.DoesNotContain("尚无 PDF", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_deadline_dashboard_counts_and_exports_csv_with_a_byte_order_mark_and_a_region_setting_moves_the_date()
    {
        var client = Client(Reviewer());
        var response = await client.PostFormAsync("/review/deadlines?year=2024", new()
        {
            ["year"] = "2024",
            ["regionId"] = _world.County.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Dates[Townships]"] = "2025-02-15",
        }, "/review/deadlines");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var csv = await client.GetByteArrayAsync(new Uri("/review/deadlines?handler=Csv&year=2024", UriKind.Relative));
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        var text = Encoding.UTF8.GetString(csv[3..]);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("区划,单位,单位类型,发布期限,状态,首次发布日期,是否逾期", lines[0]);
        Assert.Equal(3, lines.Length); // 钱店镇人民政府 and 缙云县教育局; not the other county's
        Assert.Contains(lines, l => l.StartsWith("钱店镇,钱店镇人民政府,乡镇人民政府,2025-02-15,已提交,,逾期未发布", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("缙云县,缙云县教育局,县级政府部门,2025-01-31,草稿,,逾期未发布", StringComparison.Ordinal));

        var bad = await client.PostFormAsync("/review/deadlines?year=2024", new()
        {
            ["year"] = "2024", ["Dates[Townships]"] = "2024-06-01",
        }, "/review/deadlines");
        Assert.Contains("发布期限须在 2025 年内", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var db = _factory.Db();
        Assert.Equal(new DateOnly(2025, 2, 15), db.RegionDeadlines.Single().Due);
        Assert.Contains(db.AuditLog, a => a.Action == "deadline.set");
    }

    [Fact]
    public async Task The_deadline_csv_dates_an_imported_report_by_its_bodys_publication_not_by_its_import()
    {
        using (var db = _factory.Db())
        {
            // Published by the bodies on 2024-03-05 (after the 2024-01-31 deadline) and on an unknown day; imported
            // at TestWorld.Now, in 2025.
            foreach (var (body, on) in new[] { (_world.CountyDept, (DateOnly?)new DateOnly(2024, 3, 5)), (_world.TownshipGov, null) })
            {
                var data = SampleReports.Generate(Format2021.Definition, body.Kind, 2023, body.Name, 31, null);
                db.Attach(body);
                db.Reports.Add(AnnualReport.ImportPublished(body, 2023, data, on, "source.pdf", TestWorld.Reviewer, TestWorld.Now));
            }
            await db.SaveChangesAsync();
        }
        var csv = await Client(Reviewer()).GetByteArrayAsync(new Uri("/review/deadlines?handler=Csv&year=2023", UriKind.Relative));
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("缙云县,缙云县教育局,县级政府部门,2024-01-31,已发布,2024-03-05,逾期发布", lines);
        Assert.Contains(lines, l => l.StartsWith("钱店镇,钱店镇人民政府,乡镇人民政府,", StringComparison.Ordinal)
                                    && l.EndsWith(",已发布,,原发布日期不详", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_double_submitted_deadline_is_set_once_and_never_an_error_page()
    {
        var client = Client(Reviewer());
        var page = await client.GetStringAsync(new Uri("/review/deadlines?year=2024", UriKind.Relative));
        var body = new Dictionary<string, string>
        {
            ["year"] = "2024",
            ["regionId"] = _world.County.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Dates[Townships]"] = "2025-02-15",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value),
        };
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsync(
            new Uri("/review/deadlines?year=2024", UriKind.Relative), new FormUrlEncodedContent(body))));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Redirect }));
        using var db = _factory.Db();
        Assert.Equal(new DateOnly(2025, 2, 15), db.RegionDeadlines.Single().Due);
    }

    [Fact]
    public async Task A_deadline_post_for_a_region_outside_the_reviewers_is_refused_and_nothing_is_set()
    {
        var client = Client(Reviewer());
        var response = await client.PostFormAsync("/review/deadlines?year=2024", new()
        {
            ["year"] = "2024",
            ["regionId"] = _world.OtherCounty.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Dates[Townships]"] = "2025-02-15",
        }, "/review/deadlines");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var db = _factory.Db();
        Assert.Empty(db.RegionDeadlines);
    }
}
