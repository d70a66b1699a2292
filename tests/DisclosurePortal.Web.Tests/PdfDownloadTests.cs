using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using DisclosurePortal.Data;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using DisclosurePortal.Web.Publishing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UglyToad.PdfPig;

namespace DisclosurePortal.Web.Tests;

/// <summary>The official PDF made once at publication, stored with its hash, served by name.</summary>
[Collection(WebTests.Name)]
public sealed class PdfDownloadTests : IDisposable
{
    private readonly PortalFactory _factory;
    private readonly WebApplicationFactory<Program> _app;

    public PdfDownloadTests(PostgresFixture pg)
    {
        _factory = new PortalFactory(pg.CreateDatabase());
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(TestAuthHandler.Register));
    }

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
    }

    private static readonly Actor Publisher = new("reviewer-2", "王发布", "127.0.0.1");

    /// <summary>A submitted report of 钱店镇 (or another body), published through the real publisher.</summary>
    private async Task<(int reportId, int revisionId)> PublishAsync(Func<TestWorld, Body> body, int seed = 1)
    {
        int reportId;
        using (var db = _factory.Db())
        {
            var world = TestWorld.Create(db);
            var report = TestWorld.Report(body(world), 2024, seed, RevisionStatus.Submitted);
            db.Attach(report.Body);
            db.Reports.Add(report);
            db.SaveChanges();
            reportId = report.Id;
        }
        return (reportId, await PublishCurrentAsync(reportId));
    }

    private async Task<int> PublishCurrentAsync(int reportId)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var report = await db.Reports.Include(r => r.Body).Include(r => r.Revisions).SingleAsync(r => r.Id == reportId);
        await scope.ServiceProvider.GetRequiredService<ReportPublisher>()
            .PublishAsync(report, report.Current, Publisher, TestWorld.Now.AddDays(1), default);
        return report.Current.Id;
    }

    [Fact]
    public async Task Publication_stores_the_pdf_with_its_sha256_and_the_download_is_exactly_those_bytes()
    {
        var (_, revisionId) = await PublishAsync(w => w.TownshipGov);
        using var db = _factory.Db();
        var stored = await db.PublishedPdfs.SingleAsync(p => p.RevisionId == revisionId);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stored.Content)), stored.Sha256);

        var response = await _app.CreateClient().GetAsync(new Uri("/reports/qiandian/2024/pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{stored.Sha256}\"", response.Headers.ETag?.Tag);
        Assert.Equal(stored.Content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_download_is_named_after_the_body_and_year_in_rfc_5987_form()
    {
        await PublishAsync(w => w.TownshipGov);
        var response = await _app.CreateClient().GetAsync(new Uri("/reports/qiandian/2024/pdf", UriKind.Relative));
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("钱店镇人民政府2024年政府信息公开工作年度报告.pdf", Uri.UnescapeDataString(disposition.FileNameStar!));
        var raw = string.Join(";", response.Content.Headers.GetValues("Content-Disposition"));
        Assert.Contains("filename*=UTF-8''" + Uri.EscapeDataString("钱店镇人民政府2024年政府信息公开工作年度报告.pdf"), raw,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_reads_back_with_the_title_and_the_verification_code_the_public_page_shows()
    {
        var (reportId, revisionId) = await PublishAsync(w => w.TownshipGov);
        string code;
        using (var db = _factory.Db())
        {
            var report = await db.Reports.Include(r => r.Body).Include(r => r.Revisions).SingleAsync(r => r.Id == reportId);
            code = OfficialPdf.VerificationCodeOf(report, report.Revisions.Single(v => v.Id == revisionId));
        }
        var bytes = await _app.CreateClient().GetByteArrayAsync(new Uri("/reports/qiandian/2024/pdf", UriKind.Relative));
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Contains("钱店镇人民政府2024年政府信息公开工作年度报告", text, StringComparison.Ordinal);
        Assert.Contains(code, text, StringComparison.Ordinal);
        Assert.DoesNotContain("草稿", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_matching_if_none_match_gets_304_without_a_body()
    {
        await PublishAsync(w => w.TownshipGov);
        var client = _app.CreateClient();
        var first = await client.GetAsync(new Uri("/reports/qiandian/2024/pdf", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/reports/qiandian/2024/pdf");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_body_name_with_quotes_and_semicolons_cannot_add_a_parameter_to_the_download_header()
    {
        // Line breaks never reach a name (the domain refuses control characters); quotes and semicolons can.
        await PublishAsync(w => new Body("evil", "钱店镇\"; filename=evil.exe; x=\"镇", BodyKind.TownshipGovernment, w.Township));
        var response = await _app.CreateClient().GetAsync(new Uri("/reports/evil/2024/pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.DoesNotContain(disposition.Parameters, p => p.Name == "x");
        Assert.DoesNotContain("evil.exe\"", disposition.FileName ?? "", StringComparison.Ordinal);
        Assert.EndsWith(".pdf", disposition.FileNameStar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correction_becomes_the_public_pdf_and_the_first_revision_stays_downloadable()
    {
        var (reportId, firstId) = await PublishAsync(w => w.TownshipGov);
        using (var db = _factory.Db())
        {
            var report = await db.Reports.Include(r => r.Body).Include(r => r.Revisions).SingleAsync(r => r.Id == reportId);
            var correction = report.StartCorrection("表三第一行数字有误，予以更正", TestWorld.Clerk, TestWorld.Now.AddDays(2));
            correction.Submit(report.Body.Kind, null, null, TestWorld.Clerk, TestWorld.Now.AddDays(2));
            await db.SaveChangesAsync();
        }
        var secondId = await PublishCurrentAsync(reportId);
        var client = _app.CreateClient();

        var current = await client.GetAsync(new Uri("/reports/qiandian/2024/pdf", UriKind.Relative));
        var first = await client.GetAsync(new Uri("/reports/qiandian/2024/revisions/1/pdf", UriKind.Relative));
        using var db2 = _factory.Db();
        Assert.Equal((await db2.PublishedPdfs.SingleAsync(p => p.RevisionId == secondId)).Content,
            await current.Content.ReadAsByteArrayAsync());
        Assert.Equal((await db2.PublishedPdfs.SingleAsync(p => p.RevisionId == firstId)).Content,
            await first.Content.ReadAsByteArrayAsync());
        Assert.Contains("immutable", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("第2版", Uri.UnescapeDataString(
            (await client.GetAsync(new Uri("/reports/qiandian/2024/revisions/2/pdf", UriKind.Relative)))
            .Content.Headers.ContentDisposition!.FileNameStar!), StringComparison.Ordinal);
    }

    /// <summary>A submitted report whose text holds U+10FFFD (private use), which no font has: no PDF can show it.</summary>
    private static AnnualReport SubmittedWithoutAPossiblePdf(PortalDbContext db)
    {
        var world = TestWorld.Create(db);
        var report = TestWorld.Report(world.TownshipGov, 2024, 1, RevisionStatus.Draft);
        report.Current.Save(new Dictionary<Domain.Format.CellRef, decimal?>(),
            new Dictionary<string, string?> { [Domain.Format.Format2021.ProseActive] = "主动公开\U0010FFFD" },
            FigureEntry.AsGiven, TestWorld.Clerk, TestWorld.Now);
        report.Current.Submit(report.Body.Kind, null, null, TestWorld.Clerk, TestWorld.Now);
        return report;
    }

    [Fact]
    public async Task A_publication_that_cannot_render_stores_nothing_and_leaves_the_report_submitted()
    {
        int reportId;
        using (var db = _factory.Db())
        {
            var report = SubmittedWithoutAPossiblePdf(db);
            db.Reports.Add(report);
            db.SaveChanges();
            reportId = report.Id;
        }
        var error = await Assert.ThrowsAsync<DomainException>(() => PublishCurrentAsync(reportId));
        Assert.Contains("无法生成 PDF", error.Message, StringComparison.Ordinal);
        using var check = _factory.Db();
        Assert.Empty(check.PublishedPdfs);
        Assert.Equal(RevisionStatus.Submitted, check.Revisions.Single().Status);
    }

    [Fact]
    public async Task A_scheduled_publication_that_cannot_render_goes_back_to_the_reviewers_with_the_reason()
    {
        int revisionId;
        DateTimeOffset due;
        using (var db = _factory.Db())
        {
            // Approved for later, before anything rendered it.
            var report = SubmittedWithoutAPossiblePdf(db);
            // Tomorrow by the real clock, so the portal's own scheduler leaves it to this test.
            due = DateTimeOffset.UtcNow.AddDays(1);
            report.Current.Schedule(due, TestWorld.Reviewer, TestWorld.Now);
            db.Reports.Add(report);
            db.SaveChanges();
            revisionId = report.Current.Id;
        }
        var scopes = _app.Services.GetRequiredService<IServiceScopeFactory>();

        Assert.Equal(0, await ScheduledPublication.PublishDueAsync(scopes, due, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, default));

        using var check = _factory.Db();
        var revision = check.Revisions.Include(v => v.History).Single(v => v.Id == revisionId);
        Assert.Equal(RevisionStatus.Submitted, revision.Status);
        Assert.Null(revision.ScheduledFor);
        var cancelled = revision.History.Single(e => e.Action == RevisionAction.ScheduleCancelled);
        Assert.StartsWith("定时发布未能执行，已退回待审核：无法生成 PDF", cancelled.Note, StringComparison.Ordinal);
        Assert.Empty(check.PublishedPdfs);
        // The next round has nothing left to try.
        Assert.Equal(0, await ScheduledPublication.PublishDueAsync(scopes, due.AddMinutes(1), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, default));
    }

    [Fact]
    public async Task Drafts_have_no_public_pdf()
    {
        using (var db = _factory.Db())
        {
            var world = TestWorld.Create(db);
            db.Reports.Add(TestWorld.Report(world.TownshipGov, 2024, 1, RevisionStatus.Submitted));
            db.SaveChanges();
        }
        var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/reports/qiandian/2024/pdf", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/reports/qiandian/2024/revisions/1/pdf", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_clerk_of_the_body_gets_a_watermarked_draft_preview_and_nobody_else_does()
    {
        int revisionId, bodyId, otherBodyId;
        using (var db = _factory.Db())
        {
            var world = TestWorld.Create(db);
            var report = TestWorld.Report(world.TownshipGov, 2024, 1, RevisionStatus.Draft);
            db.Reports.Add(report);
            db.SaveChanges();
            (revisionId, bodyId, otherBodyId) = (report.Current.Id, world.TownshipGov.Id, world.CountyDept.Id);
        }
        var url = new Uri($"/preview/{revisionId}/pdf", UriKind.Relative);

        var anonymous = await _app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var otherClerk = _app.CreateClient();
        otherClerk.DefaultRequestHeaders.Add(TestAuthHandler.Header, TestAuthHandler.Clerk("c-other", otherBodyId));
        Assert.Equal(HttpStatusCode.NotFound, (await otherClerk.GetAsync(url)).StatusCode);

        var clerk = _app.CreateClient();
        clerk.DefaultRequestHeaders.Add(TestAuthHandler.Header, TestAuthHandler.Clerk("c-own", bodyId));
        var response = await clerk.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        Assert.All(pdf.GetPages(), page => Assert.Contains("草稿", page.Text, StringComparison.Ordinal));
        using var check = _factory.Db();
        Assert.Empty(check.PublishedPdfs);
    }
}

[Collection(WebTests.Name)]
public sealed class DemoPdfTests(PostgresFixture pg)
{
    [Fact]
    public async Task Seeding_the_demo_gives_every_published_revision_its_official_pdf()
    {
        using var factory = new PortalFactory(pg.CreateDatabase());
        using (var scope = factory.Services.CreateScope())
            await CommandLine.SeedDemoAsync(scope.ServiceProvider,
                scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("test"));
        using var db = factory.Db();
        var published = await db.Revisions.Where(v => v.Status == RevisionStatus.Published).Select(v => v.Id).ToListAsync();
        Assert.NotEmpty(published);
        Assert.Equal(published.Order(), await db.PublishedPdfs.Select(p => p.RevisionId).OrderBy(id => id).ToListAsync());
    }
}
