using System.Net;
using DisclosurePortal.Data;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using DisclosurePortal.Web.PublicSite;
using DisclosurePortal.Web.Publishing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using T2 = DisclosurePortal.Domain.Format.Format2019.Table2;
using T3 = DisclosurePortal.Domain.Format.Format2021.Table3;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// A 2020 report in the 2019 trial format stored, published and shown: its public page and its PDF are drawn from
/// the trial format's grid, and a 2021 year is compared with it cell by cell where both formats have the cell.
/// </summary>
[Collection(WebTests.Name)]
public sealed class TrialFormatReportTests : IDisposable
{
    private readonly PortalFactory _factory;
    private readonly WebApplicationFactory<Program> _app;

    public TrialFormatReportTests(PostgresFixture pg)
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

    /// <summary>The trial format's figures: all 0 but for a negative change, a purchase to the 分 and （六）其他处理.</summary>
    private static Dictionary<CellRef, decimal?> TrialFigures()
    {
        var format = Format2019.Definition;
        var figures = format.Cells.Where(c => !c.IsDerived).ToDictionary(c => c.Ref, _ => (decimal?)0m);
        figures[new(Format2021.T2, T2.Licensing, T2.ItemsChange)] = -12;
        figures[new(Format2021.T2, T2.Procurement, T2.Purchases)] = 135;
        figures[new(Format2021.T2, T2.Procurement, T2.PurchaseAmount)] = 7539.443252m;
        figures[new(Format2021.T3, T3.Received, T3.Natural)] = 9;
        figures[new(Format2021.T3, T3.Disclosed, T3.Natural)] = 4;
        figures[new(Format2021.T3, T3.OtherHandling, T3.Natural)] = 3;
        figures[new(Format2021.T3, T3.CarriedForward, T3.Natural)] = 2;
        return figures;
    }

    /// <summary>钱店镇: its 2020 report (trial format) and its 2021 report, both published through the real publisher.</summary>
    private async Task PublishBothYearsAsync()
    {
        var ids = new List<int>();
        using (var db = _factory.Db())
        {
            var world = TestWorld.Create(db);
            var body = world.TownshipGov;
            var trial = AnnualReport.Start(body, 2020, TestWorld.Clerk, TestWorld.Now);
            trial.Current.Save(TrialFigures(), Prose(Format2019.Definition, "二〇二〇"), FigureEntry.DeriveTotals, TestWorld.Clerk, TestWorld.Now);
            Assert.Empty(trial.Current.Submit(body.Kind, null, null, TestWorld.Clerk, TestWorld.Now.AddHours(1)));
            var current = TestWorld.Report(body, 2021, seed: 3, RevisionStatus.Submitted);
            db.Attach(body);
            db.Reports.AddRange(trial, current);
            db.SaveChanges();
            ids.AddRange([trial.Id, current.Id]);
        }
        foreach (var id in ids)
        {
            using var scope = _app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var report = await db.Reports.Include(r => r.Body).Include(r => r.Revisions).SingleAsync(r => r.Id == id);
            await scope.ServiceProvider.GetRequiredService<ReportPublisher>()
                .PublishAsync(report, report.Current, Publisher, TestWorld.Now.AddDays(1), default);
        }
    }

    private static Dictionary<string, string?> Prose(ReportFormat format, string tag) =>
        format.ProseParts.ToDictionary(p => p.Code, p => (string?)$"{tag}：{p.SubHead ?? p.SectionCode}的内容。");

    private async Task<string> GetAsync(string url)
    {
        var response = await _app.CreateClient().GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_trial_format_report_is_stored_and_its_public_page_shows_the_trial_tables()
    {
        await PublishBothYearsAsync();
        using (var db = _factory.Db())
        {
            var stored = db.Revisions.Single(r => r.Report.Year == 2020);
            Assert.Equal(Format2019.Version, stored.FormatVersion);
            Assert.Equal(-12m, stored.ToData().Get(Format2021.T2, T2.Licensing, T2.ItemsChange));
        }

        var html = await GetAsync("/reports/qiandian/2020");

        foreach (var label in new[] { "第二十条第（九）项", "政府集中采购", "采购总金额（单位：万元）", "本年增/减", "其他对外管理服务事项",
                     "规范性文件", "（六）其他处理", ">-12<", ">7539.443252<" })
            Assert.Contains(label, html, StringComparison.Ordinal);
        Assert.DoesNotContain("本年制发件数", html, StringComparison.Ordinal);
        Assert.DoesNotContain("申请人逾期未按收费通知要求缴纳费用", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trial_format_reports_pdf_reads_back_with_the_trial_labels_and_figures()
    {
        await PublishBothYearsAsync();

        var bytes = await _app.CreateClient().GetByteArrayAsync(new Uri("/reports/qiandian/2020/pdf", UriKind.Relative));

        using var pdf = PdfDocument.Open(bytes);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        foreach (var expected in new[] { "钱店镇人民政府2020年政府信息公开工作年度报告", "第二十条第（九）项", "政府集中采购",
                     "本年增/减", "其他对外管理服务事项", "-12", "7539.443252", "（六）其他处理" })
            Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("本年制发件数", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_2021_year_is_compared_with_the_trial_year_and_rows_of_one_format_only_say_so()
    {
        await PublishBothYearsAsync();

        var compare = await GetAsync("/compare?body=qiandian");
        var page = await GetAsync("/reports/qiandian/2021");

        foreach (var html in new[] { compare, page })
        {
            Assert.Contains(ComparisonView.NotInFormat, html, StringComparison.Ordinal);
            // 表三 四 of 2020 and 二 of 2021 sit on lines of their own codes, in both years' columns.
            Assert.Contains("表三 四 总计", html, StringComparison.Ordinal);
            Assert.Contains("表二 政府集中采购 采购项目数量", html, StringComparison.Ordinal);
            Assert.Contains("表二 行政规范性文件 本年制发件数", html, StringComparison.Ordinal);
        }
        // The trial format's （六） has no items; the 2021 items are lines of their own, never the old row's figure.
        Assert.Matches(@"<th scope=""row"">表三 （六） 总计</th>\s*<td class=""num"">3</td>\s*<td class=""not-in-format"">（该年度格式无此项）</td>", compare);
        Assert.Matches(@"<th scope=""row"">表三 （六）1 总计</th>\s*<td class=""not-in-format"">（该年度格式无此项）</td>\s*<td class=""num", compare);
        // 2020's 结转下年度 (2) and 2021's 上年结转 are compared on the one 表三 code both formats share.
        Assert.Matches(@"<th scope=""row"">表三 四 总计</th>\s*<td class=""num"">2</td>", compare);
    }

    [Fact]
    public async Task A_real_2019_web_page_is_read_and_stored_in_the_trial_format_with_every_figure()
    {
        var reading = Readers.ReportReader.Read("source.html",
            await File.ReadAllBytesAsync(RealReports.PathOf("04-sh-bangongting-2019", "source.html")));
        Assert.True(reading.Succeeded, reading.Refusal);
        int id;
        using (var db = _factory.Db())
        {
            var world = TestWorld.Create(db);
            var outcome = await Data.Import.ReportImport.ImportAsync(db, reading.Document!, world.CountyDept.Code, TestWorld.Clerk, TestWorld.Now);
            Assert.True(outcome.Succeeded, string.Join("；", outcome.Errors));
            id = outcome.ReportId!.Value;
        }
        using (var db = _factory.Db())
        {
            var stored = db.Revisions.Single(r => r.ReportId == id);
            Assert.Equal(Format2019.Version, stored.FormatVersion);
            var data = stored.ToData();
            Assert.Equal(reading.Document!.Data.Figures.Count, data.Figures.Count);
            foreach (var (cell, value) in reading.Document.Data.Figures) Assert.Equal(value, data[cell]);
            // 表三 一、本年新收 总计 as the page prints it.
            Assert.Equal(859m, data.Get(Format2021.T3, T3.Received, T3.Total));
        }
    }
}
