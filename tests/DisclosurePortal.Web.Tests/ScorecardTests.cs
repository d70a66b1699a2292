using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Samples;
using DisclosurePortal.TestSupport;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// The public quality scorecard of a county and year over HTTP on PostgreSQL: on time, late and missing against
/// the deadlines, the rules' findings on published reports, a 雷同 pair named, imported history without a date,
/// sorting by query string, the CSV, and a draft that is never counted or shown.
/// </summary>
[Collection(WebTests.Name)]
public sealed partial class ScorecardTests : IDisposable
{
    private const string Url = "/regions/331122/scorecard/2024";
    private static readonly DateTimeOffset April10 = new(2025, 4, 10, 2, 0, 0, TimeSpan.Zero);
    private readonly PortalFactory _factory;

    public ScorecardTests(PostgresFixture pg)
    {
        _factory = new PortalFactory(pg.CreateDatabase());
        using var db = _factory.Db();
        var world = TestWorld.Create(db);
        var health = new Body("jinyun-wjj", "缙云县卫生健康局", BodyKind.CountyDepartment, world.County);
        var finance = new Body("jinyun-czj", "缙云县财政局", BodyKind.CountyDepartment, world.County);
        var government = new Body("jinyun-xian", "缙云县人民政府", BodyKind.CountyGovernment, world.County);
        db.Bodies.AddRange(health, finance, government);

        // On time: the education bureau on 2025-01-20; the township on the same day (its deadline is 3月31日).
        var education = TestWorld.Report(world.CountyDept, 2024, seed: 22);
        db.Reports.Add(education);
        db.Reports.Add(TestWorld.Report(world.TownshipGov, 2024, seed: 5));
        // Late, and 雷同: the health bureau published the education bureau's report as its own.
        var late = AnnualReport.Start(health, 2024, TestWorld.Clerk, TestWorld.Now);
        var copied = education.Current.ToData();
        late.Current.Save(copied.Figures.ToDictionary(kv => kv.Key, kv => (decimal?)kv.Value),
            copied.Prose.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), FigureEntry.AsGiven, TestWorld.Clerk, TestWorld.Now);
        late.Current.Submit(health.Kind, null, null, TestWorld.Clerk, TestWorld.Now.AddHours(1));
        late.Current.Publish(TestWorld.Reviewer, April10);
        db.Reports.Add(late);
        // A draft is not a publication, and its content is never shown.
        var draft = TestWorld.Report(finance, 2024, seed: 9, RevisionStatus.Draft);
        draft.Current.Save(new Dictionary<CellRef, decimal?>(), new Dictionary<string, string?> { [Format2021.ProseActive] = "草稿中的秘密内容" },
            FigureEntry.AsGiven, TestWorld.Clerk, TestWorld.Now);
        db.Reports.Add(draft);
        // Imported history without its original date, as printed: 表三's total one more than its parts (blocking).
        var printed = SampleReports.Generate(Format2021.Definition, government.Kind, 2024, government.Name, 31);
        var received = new CellRef(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Total);
        var figures = printed.Figures.ToDictionary(kv => kv.Key, kv => kv.Value);
        figures[received] += 1;
        db.Reports.Add(AnnualReport.ImportPublished(government, 2024, new ReportData(Format2021.Definition, figures, printed.Prose),
            null, "缙云县2024年报.pdf", TestWorld.Reviewer, TestWorld.Now));
        // Another county's body is not on this county's card.
        db.Reports.Add(TestWorld.Report(world.OtherCountyDept, 2024, seed: 40));
        db.SaveChanges();
    }

    public void Dispose() => _factory.Dispose();

    private async Task<string> PageAsync(string url)
    {
        var response = await _factory.CreateClient().GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("""<table class="list sticky-first" id="scorecard">.*?<tbody>(.*?)</tbody>""", RegexOptions.Singleline)]
    private static partial Regex ScorecardBody();

    [GeneratedRegex("""<tr[^>]*>\s*<th scope="row">\s*(?:<a [^>]*>)?([^<]+?)(?:</a>)?\s*<span""")]
    private static partial Regex RowName();

    /// <summary>The rows of the bodies table: the body's name and the row's text.</summary>
    private static List<(string Name, string Text)> Rows(string html)
    {
        var body = ScorecardBody().Match(html).Groups[1].Value;
        return [.. body.Split("</tr>", StringSplitOptions.RemoveEmptyEntries).Where(r => r.Contains("<th", StringComparison.Ordinal))
            .Select(r => (RowName().Match(r).Groups[1].Value.Trim(), Regex.Replace(r, "<[^>]+>", " ")))];
    }

    private static string RowOf(string html, string name) => Rows(html).Single(r => r.Name == name).Text;

    [Fact]
    public async Task Each_body_is_on_time_late_by_its_days_or_missing_against_its_deadline()
    {
        var html = await PageAsync(Url);

        Assert.Equal(["缙云县人民政府", "缙云县卫生健康局", "缙云县教育局", "缙云县财政局", "钱店镇人民政府"],
            Rows(html).Select(r => r.Name).ToList());
        Assert.Contains("按时", RowOf(html, "缙云县教育局"), StringComparison.Ordinal);
        Assert.Contains("按时", RowOf(html, "钱店镇人民政府"), StringComparison.Ordinal);
        var daysLate = new DateOnly(2025, 4, 10).DayNumber - new DateOnly(2025, 1, 31).DayNumber;
        Assert.Contains($"逾期 {daysLate} 天", RowOf(html, "缙云县卫生健康局"), StringComparison.Ordinal);
        var overdue = BeijingTime.Day(DateTimeOffset.UtcNow).DayNumber - new DateOnly(2025, 1, 31).DayNumber;
        Assert.Contains($"未发布（已逾期 {overdue} 天）", RowOf(html, "缙云县财政局"), StringComparison.Ordinal);
        Assert.Contains("原发布日期不详", RowOf(html, "缙云县人民政府"), StringComparison.Ordinal);
        Assert.Contains("历史报告（导入）", RowOf(html, "缙云县人民政府"), StringComparison.Ordinal);
        Assert.DoesNotContain("遂昌县教育局", html, StringComparison.Ordinal);
        Assert.DoesNotContain("草稿中的秘密内容", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findings_of_the_published_report_are_counted_and_a_copy_names_the_report_it_resembles()
    {
        var html = await PageAsync(Url);

        // The imported report's 表三 total does not add up: a blocking finding, shown as printed.
        var government = RowOf(html, "缙云县人民政府");
        Assert.Matches(@"原发布日期不详\s+[1-9]\d*\s", government);
        Assert.Contains("缙云县教育局 2024 年报告的相似度为", RowOf(html, "缙云县卫生健康局"), StringComparison.Ordinal);
        Assert.Contains("缙云县卫生健康局 2024 年报告的相似度为", RowOf(html, "缙云县教育局"), StringComparison.Ordinal);
        Assert.Contains("未发现", RowOf(html, "钱店镇人民政府"), StringComparison.Ordinal);
        Assert.Contains("政府信息公开工作年度报告格式（2021）", RowOf(html, "缙云县教育局"), StringComparison.Ordinal);

        // The county's shares: 5 bodies, 2 on time, 1 late, 1 without a date, 1 not published; 1 blocking; 2 copies.
        var shares = Regex.Match(html, """<table class="list chart-data" id="shares">.*?</table>""", RegexOptions.Singleline).Value;
        var county = Regex.Replace(shares.Split("</tr>")[1], "<[^>]+>", " ");
        Assert.Matches(@"缙云县（合计）\s+5\s+40%\s+20%\s+20%\s+20%\s+20%\s+40%", county);
        Assert.Contains("钱店镇", shares, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_table_sorts_by_a_column_and_reverses_it()
    {
        var byTimeliness = Rows(await PageAsync(Url + "?sort=timeliness")).Select(r => r.Name).ToList();
        Assert.Equal(["缙云县教育局", "钱店镇人民政府", "缙云县卫生健康局", "缙云县人民政府", "缙云县财政局"], byTimeliness);

        var mostBlockingFirst = Rows(await PageAsync(Url + "?sort=blocking&desc=1")).Select(r => r.Name).ToList();
        Assert.Equal("缙云县人民政府", mostBlockingFirst[0]);

        // An unknown column falls back to the bodies' order rather than failing.
        Assert.Equal("缙云县人民政府", Rows(await PageAsync(Url + "?sort=nonsense")).First().Name);
    }

    [Fact]
    public async Task The_csv_has_a_bom_chinese_headers_and_one_line_per_body()
    {
        var response = await _factory.CreateClient().GetAsync(new Uri("/open-data/331122/2024/scorecard.csv?sort=timeliness", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("区划,单位,单位类型,发布期限,是否按时,逾期天数,历史报告（导入）,阻断性问题,提示性问题,雷同,报告格式,是否使用本年度格式", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("缙云县,缙云县教育局,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",2025-01-31,未发布（已逾期 ", lines[5], StringComparison.Ordinal);
        Assert.StartsWith("缙云县,缙云县财政局,", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_by_year_table_marks_each_year_of_each_body()
    {
        var html = await PageAsync(Url);
        var table = Regex.Match(html, """<table class="list sticky-first" id="by-year">.*?</table>""", RegexOptions.Singleline).Value;

        Assert.Contains("<th scope=\"col\">2020 年度</th>", table, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">2024 年度</th>", table, StringComparison.Ordinal);
        var education = Regex.Replace(table.Split("</tr>").Single(r => r.Contains("缙云县教育局", StringComparison.Ordinal)), "<[^>]+>", " ");
        Assert.Matches(@"(未发布（已逾期 \d+ 天）\s+){4}✓", education);
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateClient().GetAsync(new Uri("/regions/999999/scorecard/2024", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateClient().GetAsync(new Uri("/regions/331122/scorecard/1900", UriKind.Relative))).StatusCode);
    }
}
