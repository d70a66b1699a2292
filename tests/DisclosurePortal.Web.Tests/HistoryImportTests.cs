using System.Net;
using DisclosurePortal.Data.Import;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Readers;
using DisclosurePortal.TestSupport;
using DisclosurePortal.Web.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// A report a body already published, taken in as its published history: shown as 「历史报告（导入）」 with its
/// own findings, its PDF the very file the body published, its source file downloadable, never merged.
/// </summary>
[Collection(WebTests.Name)]
public sealed class HistoryImportTests : IDisposable
{
    private static readonly Actor Reviewer = new("reviewer-1", "李审核", "127.0.0.1");
    private readonly PortalFactory _factory;

    public HistoryImportTests(PostgresFixture pg)
    {
        _factory = new PortalFactory(pg.CreateDatabase());
        using var db = _factory.Db();
        TestWorld.Create(db);
    }

    public void Dispose() => _factory.Dispose();

    private async Task<ImportOutcome> ImportAsync(string folder, string file, string bodyCode, DateOnly? publishedOn)
    {
        var bytes = await File.ReadAllBytesAsync(RealReports.PathOf(folder, file));
        var reading = ReportReader.Read(file, bytes);
        Assert.True(reading.Succeeded, reading.Refusal);
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.PortalDbContext>();
        var body = await db.Bodies.SingleAsync(b => b.Code == bodyCode);
        return await scope.ServiceProvider.GetRequiredService<HistoryImport>()
            .ImportAsync(body, reading.Document!, file, bytes, publishedOn, Reviewer, TestWorld.Now, default);
    }

    [Fact]
    public async Task An_imported_pdf_is_published_as_history_with_its_own_pdf_its_source_and_its_findings()
    {
        var outcome = await ImportAsync("02-hongze-qu-2023", "source.pdf", "jinyun-jyj", new DateOnly(2024, 1, 19));
        Assert.True(outcome.Succeeded, string.Join("；", outcome.Errors));
        var source = await File.ReadAllBytesAsync(RealReports.PathOf("02-hongze-qu-2023", "source.pdf"));
        var client = _factory.CreateClient();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/reports/jinyun-jyj/2023", UriKind.Relative)));
        Assert.Contains("历史报告（导入）", html, StringComparison.Ordinal);
        Assert.Contains("原发布日期 2024-01-19", html, StringComparison.Ordinal);
        Assert.Contains("PDF 即单位原发布的文件", html, StringComparison.Ordinal);
        // The report's own error (表四 10 + 1 printed as 总计 0) is shown, at its cell, and kept as printed.
        Assert.Matches(@"<li data-rule=""T4-TOTAL"">", html);
        Assert.Contains("id=\"at-t4-cases-review.total\"", html, StringComparison.Ordinal);

        Assert.Equal(source, await client.GetByteArrayAsync(new Uri("/reports/jinyun-jyj/2023/pdf", UriKind.Relative)));
        var download = await client.GetAsync(new Uri("/reports/jinyun-jyj/2023/revisions/1/source", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(source, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);

        using var db = _factory.Db();
        var revision = await db.Revisions.Include(v => v.History).SingleAsync(v => v.ReportId == outcome.ReportId);
        Assert.Equal(RevisionOrigin.Imported, revision.Origin);
        Assert.Equal(0m, revision.ToData().Get("t4", "cases", "review.total"));
        var line = Assert.Single(revision.History, e => e.Action == RevisionAction.ImportedAsHistory);
        Assert.Equal("李审核", line.ActorName);
        Assert.Contains("source.pdf（SHA-256 " + Data.Publishing.ReportSource.Sha256Of(source), line.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_report_for_the_same_body_and_year_is_refused_and_nothing_is_stored()
    {
        Assert.True((await ImportAsync("02-hongze-qu-2023", "source.pdf", "jinyun-jyj", null)).Succeeded);

        var again = await ImportAsync("22-pt-ziran-2023", "text.txt", "jinyun-jyj", null);

        Assert.False(again.Succeeded);
        Assert.Contains("不能重复导入，也不会合并", Assert.Single(again.Errors), StringComparison.Ordinal);
        using var db = _factory.Db();
        Assert.Equal(1, await db.Reports.CountAsync());
        Assert.Equal(1, await db.ReportSources.CountAsync());
    }

    [Fact]
    public async Task A_web_page_whose_pdf_cannot_be_made_is_refused_and_nothing_of_it_is_stored()
    {
        using (var db = _factory.Db())
        {
            // The PDF's title names the body; the font has no emoji, so the official copy cannot be made.
            db.Bodies.Add(new Domain.Regions.Body("emoji-body", "平安镇😀人民政府", Domain.Regions.BodyKind.TownshipGovernment,
                await db.Regions.SingleAsync(r => r.Code == "331122")));
            await db.SaveChangesAsync();
        }
        var outcome = await ImportAsync("14-pingtan-2024", "source.html", "emoji-body", null);

        Assert.False(outcome.Succeeded);
        Assert.Contains("无法生成 PDF", string.Join("；", outcome.Errors), StringComparison.Ordinal);
        using var check = _factory.Db();
        Assert.False(await check.Reports.AnyAsync(r => r.Body.Code == "emoji-body"));
        Assert.Equal(HttpStatusCode.NotFound,
            (await _factory.CreateClient().GetAsync(new Uri("/reports/emoji-body/2024/pdf", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_imported_web_page_gets_the_portals_pdf_and_an_unknown_date_says_so()
    {
        var outcome = await ImportAsync("14-pingtan-2024", "source.html", "qiandian", null);
        Assert.True(outcome.Succeeded, string.Join("；", outcome.Errors));
        var client = _factory.CreateClient();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/reports/qiandian/2024", UriKind.Relative)));
        Assert.Contains("原发布日期不详", html, StringComparison.Ordinal);
        Assert.Contains("PDF 最后一页印有校验码", html, StringComparison.Ordinal);
        var pdf = await client.GetByteArrayAsync(new Uri("/reports/qiandian/2024/pdf", UriKind.Relative));
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        var source = await client.GetAsync(new Uri("/reports/qiandian/2024/revisions/1/source", UriKind.Relative));
        Assert.Equal("text/html", source.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", source.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task A_report_entered_in_the_portal_has_no_source_file()
    {
        using (var db = _factory.Db())
        {
            var body = await db.Bodies.SingleAsync(b => b.Code == "qiandian");
            db.Reports.Add(TestWorld.Report(body, 2024, seed: 5));
            await db.SaveChangesAsync();
        }
        var client = _factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/reports/qiandian/2024", UriKind.Relative));
        Assert.DoesNotContain("历史报告（导入）", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound,
            (await client.GetAsync(new Uri("/reports/qiandian/2024/revisions/1/source", UriKind.Relative))).StatusCode);
    }
}
