using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using DisclosurePortal.Web.Publishing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DisclosurePortal.Web.Tests;

/// <summary>The public side: search, region pages and their aggregates, report pages, compare, bad input.</summary>
[Collection(WebTests.Name)]
public sealed partial class PublicSiteTests : IDisposable
{
    private readonly PortalFactory _factory;
    private readonly PublicWorld _w;

    public PublicSiteTests(PostgresFixture pg)
    {
        _factory = new PortalFactory(pg.CreateDatabase());
        using var db = _factory.Db();
        _w = PublicWorld.Create(db);
    }

    public void Dispose() => _factory.Dispose();

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string url, HttpClient? client = null)
    {
        // As a browser asks: the download routes answer a program with problem+json and a person with a page.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        var response = await (client ?? _factory.CreateClient()).SendAsync(request);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    // ---- search ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("教育局", new[] { "缙云县教育局", "遂昌县教育局" })]
    [InlineData("缙云", new[] { "缙云县教育局", "钱店镇人民政府", "新建镇人民政府" })]   // a region name finds its bodies and its townships'
    [InlineData("钱店镇", new[] { "钱店镇人民政府", "新建镇人民政府" })]
    [InlineData("suichang-jyj", new[] { "遂昌县教育局" })]
    [InlineData("缙云 教育", new[] { "缙云县教育局" })]                                   // every word must match
    [InlineData("钱店镇 人民政府", new[] { "钱店镇人民政府", "新建镇人民政府" })]
    public async Task Search_finds_bodies_by_partial_name_region_name_or_code(string q, string[] expected)
    {
        var (status, html) = await GetAsync($"/?q={Uri.EscapeDataString(q)}");
        Assert.Equal(HttpStatusCode.OK, status);
        var found = HitNames().Matches(html).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), found);
    }

    [Fact]
    public async Task A_search_hit_links_only_the_published_years_of_a_body()
    {
        var (_, html) = await GetAsync("/?q=" + Uri.EscapeDataString("新建镇人民政府"));
        Assert.Contains("暂无已发布的年度报告", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/reports/xinjian/", html, StringComparison.Ordinal);
        (_, html) = await GetAsync("/?q=" + Uri.EscapeDataString("缙云县教育局"));
        Assert.Contains("/reports/jinyun-jyj/2024", html, StringComparison.Ordinal);
        Assert.Contains("/reports/jinyun-jyj/2023", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("' OR 1=1 --")]
    [InlineData("'; DROP TABLE bodies; --")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    [InlineData("\0")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Injection_in_the_search_box_finds_nothing_and_breaks_nothing(string q)
    {
        var response = await _factory.CreateClient().GetAsync(new Uri("/?q=" + Uri.EscapeDataString(q), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", raw, StringComparison.Ordinal);
        Assert.Empty(HitNames().Matches(WebUtility.HtmlDecode(raw)));
        await using var db = _factory.Db();
        Assert.Equal(4, await db.Bodies.CountAsync());
    }

    [Fact]
    public async Task Search_results_are_paged_and_a_page_past_the_end_is_not_found()
    {
        await using (var db = _factory.Db())
        {
            var county = await db.Regions.SingleAsync(r => r.Code == "331122");
            for (var i = 0; i < 25; i++)
                db.Bodies.Add(new Domain.Regions.Body($"extra-{i:00}", $"缙云县第{i:00}测试局", Domain.Regions.BodyKind.CountyDepartment, county));
            await db.SaveChangesAsync();
        }
        var (status1, page1) = await GetAsync("/?q=" + Uri.EscapeDataString("测试局"));
        var (status2, page2) = await GetAsync("/?q=" + Uri.EscapeDataString("测试局") + "&page=2");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (status1, status2));
        Assert.Equal(20, HitNames().Count(page1));
        Assert.Equal(5, HitNames().Count(page2));
        Assert.Contains("第 2 / 2 页", page2, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/?q=" + Uri.EscapeDataString("测试局") + "&page=3")).Status);
    }

    [GeneratedRegex("<span class=\"hit-name\">([^<]+)</span>")]
    private static partial Regex HitNames();

    // ---- bad input: 404 or 400 with a Chinese page, never a 500 ----------------------------------------

    [Theory]
    [InlineData("/reports/no-such-body/2024", 404)]
    [InlineData("/reports/jinyun-jyj/1999", 404)]
    [InlineData("/reports/jinyun-jyj/9999", 404)]                  // a year far in the future
    [InlineData("/reports/jinyun-jyj/2147483647", 404)]
    [InlineData("/reports/jinyun-jyj/99999999999999999999", 404)]  // not even an int
    [InlineData("/reports/jinyun-jyj/abcd", 404)]
    [InlineData("/reports/jinyun-jyj/2024/revisions/9", 404)]
    [InlineData("/reports/jinyun-jyj/2024/revisions/0", 404)]
    [InlineData("/reports/jinyun-jyj/2024/revisions/-1", 404)]
    [InlineData("/reports/jinyun-jyj/2024.xml", 404)]             // an export format that does not exist
    [InlineData("/reports/jinyun-jyj/2024/docx", 404)]
    [InlineData("/regions/no-such-region", 404)]
    [InlineData("/regions/331122?year=9999", 404)]
    [InlineData("/regions/331122?year=2147483648", 400)]
    [InlineData("/regions/331122?year=abc", 400)]
    [InlineData("/?page=0", 400)]
    [InlineData("/?page=-3", 400)]
    [InlineData("/?page=abc", 400)]
    [InlineData("/?q=x&page=99999999999999999999", 400)]
    [InlineData("/?q=%E6%95%99%E8%82%B2&page=2147483647", 404)]
    [InlineData("/?page=5", 404)]
    [InlineData("/compare?a=jinyun-jyj&b=suichang-jyj&year=abc", 400)]
    [InlineData("/compare?a=jinyun-jyj&year=2024", 400)]
    [InlineData("/compare?a=jinyun-jyj&b=nobody&year=2024", 404)]
    [InlineData("/compare?a=jinyun-jyj&b=suichang-jyj&year=9999", 404)]
    [InlineData("/compare?a=jinyun-jyj&b=suichang-jyj&year=99999999999999", 400)]
    [InlineData("/compare?body=nobody", 404)]
    [InlineData("/compare?body=xinjian", 404)]                     // only a draft
    [InlineData("/no/such/page", 404)]
    public async Task Bad_input_gets_a_clear_404_or_400_page_never_a_500(string url, int expected)
    {
        var (status, html) = await GetAsync(url);
        Assert.Equal(expected, (int)status);
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Matches(expected == 404 ? "没有找到|没有已发布|还没有已发布|不支持" : "无效|有误|应为|请填写", html);
    }

    [Fact]
    public async Task Too_long_a_search_is_refused_with_a_message()
    {
        var (status, html) = await GetAsync("/?q=" + new string('局', 51));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("搜索词最多 50 个字", html, StringComparison.Ordinal);
    }

    // ---- drafts are never public -------------------------------------------------------------------------

    [Fact]
    public async Task Drafts_are_unreachable_by_every_public_url()
    {
        string[] urls =
        [
            "/", "/?q=" + Uri.EscapeDataString("新建"), "/?q=" + Uri.EscapeDataString("教育局"),
            "/regions/3311", "/regions/331122", "/regions/331122101", "/regions/331122?year=2024", "/regions/3311?year=2023",
            "/reports/jinyun-jyj/2024", "/reports/jinyun-jyj/2024/revisions/1", "/reports/jinyun-jyj/2024/revisions/2",
            "/reports/xinjian/2024", "/reports/xinjian/2024/revisions/1",
            "/reports/qiandian/2024", "/reports/qiandian/2024/revisions/1",
            "/compare?body=jinyun-jyj", "/compare?a=jinyun-jyj&b=xinjian&year=2024", "/compare?a=jinyun-jyj&b=qiandian&year=2024",
        ];
        var draftFigure = FigureValues.Display(ValueKind.Count, PublicWorld.DraftFigure);
        foreach (var url in urls)
        {
            var (status, html) = await GetAsync(url);
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url}: {status}");
            Assert.DoesNotContain(PublicWorld.DraftMarker, html, StringComparison.Ordinal);
            Assert.DoesNotContain("草稿更正说明", html, StringComparison.Ordinal);
            Assert.DoesNotContain(draftFigure, html, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/reports/jinyun-jyj/2024/revisions/2")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/reports/xinjian/2024")).Status);
    }

    // ---- region aggregates ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("331122", 2024)]    // 缙云县: its own department and 钱店镇 (corrected), not 新建镇's draft
    [InlineData("3311", 2024)]      // 丽水市: both counties
    [InlineData("331122101", 2024)] // 钱店镇 alone, its correction counted
    [InlineData("331122", 2023)]
    public async Task A_region_aggregate_equals_the_sum_of_the_published_reports_it_covers(string region, int year)
    {
        var w = _w.World;
        var bodies = region switch
        {
            "3311" => new[] { w.CountyDept, w.TownshipGov, w.OtherCountyDept },
            "331122" => [w.CountyDept, w.TownshipGov],
            _ => [w.TownshipGov],
        };
        var reports = _w.PublicReports(year, bodies).ToList();
        Assert.NotEmpty(reports);

        var (status, html) = await GetAsync($"/regions/{region}?year={year}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<strong>{reports.Count}</strong> 份已发布的 {year} 年度报告", html, StringComparison.Ordinal);
        var shown = AggregateCells().Matches(html).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        foreach (var cell in Format2021.Definition.Cells)
        {
            var values = reports.Select(r => r[cell.Ref]).OfType<decimal>().ToList();
            var expected = values.Count == 0 ? "" : FigureValues.Display(cell.Kind, values.Sum());
            Assert.True(shown.TryGetValue(cell.Ref.ToString(), out var actual), $"{cell.Ref} missing");
            Assert.True(expected == actual, $"{cell.DisplayName}: expected {expected}, shown {actual}");
        }
    }

    [GeneratedRegex("<td class=\"num\" data-cell=\"([^\"]+)\" headers=\"[^\"]*agg-[^\"]*\">([^<]*)</td>")]
    private static partial Regex AggregateCells();

    [Fact]
    public async Task A_region_page_charts_the_years_with_the_data_beside_each_chart()
    {
        var (_, html) = await GetAsync("/regions/331122");
        Assert.Equal(3, Regex.Count(html, "<svg class=\"chart\" role=\"img\""));
        Assert.Contains("<caption>本年新收政府信息公开申请数量</caption>", html, StringComparison.Ordinal);
        Assert.Contains("<caption>行政复议、行政诉讼案件数量</caption>", html, StringComparison.Ordinal);
        var received = new CellRef(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Total);
        foreach (var year in new[] { 2023, 2024 })
        {
            var sum = _w.PublicReports(year, _w.World.CountyDept, _w.World.TownshipGov).Sum(r => r[received] ?? 0);
            Assert.Contains($"<tr><th scope=\"row\">{year}</th><td class=\"num\">{sum.ToString("0", CultureInfo.InvariantCulture)}</td>", html, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_region_chart_shows_how_many_reports_each_year_covers_and_warns_when_coverage_differs()
    {
        // 缙云县: 2023 has one published report (教育局), 2024 two (教育局, 钱店镇); three bodies in all.
        var (_, html) = await GetAsync("/regions/331122");
        Assert.Contains("<tr><th scope=\"row\">2023</th>", html, StringComparison.Ordinal);
        Assert.Matches("<tr><th scope=\"row\">2023</th><td class=\"num\">[0-9]+</td><td class=\"num\">1 份 / 共 3 个单位</td></tr>", html);
        Assert.Matches("<tr><th scope=\"row\">2024</th><td class=\"num\">[0-9]+</td><td class=\"num\">2 份 / 共 3 个单位</td></tr>", html);
        // Under each year of both year charts.
        Assert.Equal(2, Regex.Count(html, ">覆盖 1 份报告</text>"));
        Assert.Equal(2, Regex.Count(html, ">覆盖 2 份报告</text>"));
        Assert.Contains("各年度已发布报告数不同，合计数不可直接比较", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_region_whose_years_cover_as_many_reports_each_has_no_coverage_warning()
    {
        var (_, html) = await GetAsync("/regions/331122101");
        Assert.Contains("覆盖 1 份报告", html, StringComparison.Ordinal);
        Assert.DoesNotContain("合计数不可直接比较", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_shows_this_years_progress_per_region()
    {
        // TestWorld's clock is 2026 in the app's real clock; reports due this year are on last year.
        var year = Deadlines.CurrentReportYear(DateTimeOffset.UtcNow);
        await using (var db = _factory.Db())
        {
            var body = await db.Bodies.SingleAsync(b => b.Code == "suichang-jyj");
            var report = TestWorld.Report(body, year, seed: 9);
            db.Reports.Add(report);
            await db.SaveChangesAsync();
        }
        var (_, html) = await GetAsync("/");
        Assert.Contains($"{year} 年度报告发布进度", html, StringComparison.Ordinal);
        Assert.Matches("丽水市</a>\\s*<span class=\"progress\">已发布 1 / 应发布 4</span>", html);
        Assert.Matches("遂昌县</a>\\s*<span class=\"progress\">已发布 1 / 应发布 1</span>", html);
        Assert.Matches("缙云县</a>\\s*<span class=\"progress\">已发布 0 / 应发布 3</span>", html);
    }

    // ---- report page -----------------------------------------------------------------------------------------

    [Fact]
    public async Task A_corrected_report_says_so_with_its_date_note_and_changes_and_keeps_the_first_version_readable()
    {
        var (_, html) = await GetAsync("/reports/qiandian/2024");
        Assert.Contains("已更正", html, StringComparison.Ordinal);
        Assert.Contains(PublicWorld.CorrectionNote, html, StringComparison.Ordinal);
        Assert.Contains("2025-01-21 12:00（北京时间）", html, StringComparison.Ordinal); // published 04:00 UTC
        var first = _w.Township2024.Revisions.Single(v => v.Number == 1).ToData()[PublicWorld.CorrectedCell]!.Value;
        Assert.Contains($"表四 行政复议结果维持：{first:0} → {first + 3:0}", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/reports/qiandian/2024/revisions/1\"", html, StringComparison.Ordinal);
        // The words of the correction, not only that the text changed.
        var oldProse = _w.Township2024.Revisions.Single(v => v.Number == 1).ToData().ProseOf(Format2021.ProseOther).Split('\n')[0];
        Assert.Contains($"<span class=\"change-label\">原文：</span><del>{oldProse}</del>", html, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"change-label\">更正为：</span><ins>{PublicWorld.CorrectedProse}</ins>", html, StringComparison.Ordinal);

        var (status, old) = await GetAsync("/reports/qiandian/2024/revisions/1");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("已被更正", old, StringComparison.Ordinal);
        Assert.Contains($"data-cell=\"{PublicWorld.CorrectedCell}\" headers=", old, StringComparison.Ordinal);
        Assert.Matches($"data-cell=\"{Regex.Escape(PublicWorld.CorrectedCell.ToString())}\" headers=\"[^\"]+\">{first:0}</td>", old);
    }

    [Fact]
    public async Task The_report_page_links_the_downloads_and_shows_the_pdf_verification_code()
    {
        var (_, html) = await GetAsync("/reports/jinyun-jyj/2024");
        foreach (var href in new[] { "/reports/jinyun-jyj/2024/pdf", "/reports/jinyun-jyj/2024.json", "/reports/jinyun-jyj/2024.csv" })
            Assert.Contains($"href=\"{href}\"", html, StringComparison.Ordinal);
        var report = _w.CountyDept2024;
        var code = VerificationCode.For(ReportDocument.From(report, report.Published!));
        Assert.Contains($"校验码 <strong class=\"code\">{code}</strong>", html, StringComparison.Ordinal);

        var (_, old) = await GetAsync("/reports/qiandian/2024/revisions/1");
        Assert.Contains("href=\"/reports/qiandian/2024/revisions/1/pdf\"", old, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_page_compares_each_row_with_the_previous_year()
    {
        var (_, html) = await GetAsync("/reports/jinyun-jyj/2024");
        Assert.Contains("与上年度（2023 年）比较", html, StringComparison.Ordinal);
        var received = new CellRef(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Total);
        var (a, b) = (_w.CountyDept2023.Published!.ToData()[received]!.Value, _w.CountyDept2024.Published!.ToData()[received]!.Value);
        var change = b - a > 0 ? $"+{b - a:0}" : b - a < 0 ? $"−{a - b:0}" : "0";
        Assert.Matches($"<th scope=\"row\">表三 一 总计</th>\\s*<td class=\"num( diff)?\">{a:0}</td>\\s*<td class=\"num( diff)?\">{b:0}(<span[^>]*>[^<]*</span>)?</td>\\s*<td class=\"num\">{Regex.Escape(change)}</td>", html);
        // No previous year, no comparison section.
        Assert.DoesNotContain("与上年度", (await GetAsync("/reports/jinyun-jyj/2023")).Html, StringComparison.Ordinal);

        // A later rename never changes a published page: the caption keeps the name it was published under.
        using (var db = _factory.Db())
        {
            var body = db.Bodies.Include(x => x.Region).Single(x => x.Code == "jinyun-jyj");
            body.Change("缙云县教育体育局", body.Kind, body.Region);
            db.SaveChanges();
        }
        await _factory.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(PublicCache.AllPublic, default);
        (_, html) = await GetAsync("/reports/jinyun-jyj/2024");
        Assert.Contains("<caption>缙云县教育局：2023 年与 2024 年", html, StringComparison.Ordinal);
        Assert.DoesNotContain("缙云县教育体育局", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_three_cells_name_all_their_header_cells()
    {
        var (_, html) = await GetAsync("/reports/jinyun-jyj/2024");
        var ids = Regex.Matches(html, "<th id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet();
        var cell = Regex.Match(html, "data-cell=\"t3/3.3.1/commercial\" headers=\"([^\"]+)\"");
        Assert.True(cell.Success);
        var headers = cell.Groups[1].Value.Split(' ');
        Assert.All(headers, h => Assert.Contains(h, ids));
        // 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密, and 申请人情况 › 法人或其他组织 › 商业企业.
        string Label(string id) => Regex.Match(html, $"<th id=\"{Regex.Escape(id)}\"[^>]*>([^<]+)</th>").Groups[1].Value;
        Assert.Equal(["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "申请人情况", "法人或其他组织", "商业企业"], headers.Select(Label));
    }

    // ---- compare ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Compare_shows_two_bodies_side_by_side_with_differences_highlighted()
    {
        var (status, html) = await GetAsync("/compare?a=jinyun-jyj&b=" + Uri.EscapeDataString("遂昌县教育局") + "&year=2024");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("2024 年度：缙云县教育局 与 遂昌县教育局", html, StringComparison.Ordinal);
        var a = _w.CountyDept2024.Published!.ToData();
        var b = _w.OtherCounty2024.Published!.ToData();
        var differing = ComparisonRowsDiffering(a, b);
        Assert.Equal(differing, Regex.Count(html, "<td class=\"num diff\">"));
        Assert.True(differing > 0);
    }

    [Fact]
    public async Task Compare_shows_one_body_across_its_published_years()
    {
        var (status, html) = await GetAsync("/compare?body=jinyun-jyj");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<th scope=\"col\">2023 年</th>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">2024 年</th>", html, StringComparison.Ordinal);
        Assert.Equal(ComparisonRowsDiffering(_w.CountyDept2023.Published!.ToData(), _w.CountyDept2024.Published!.ToData()),
            Regex.Count(html, "<td class=\"num diff\">"));
    }

    [Fact]
    public async Task Compare_takes_a_partial_name_that_matches_one_body()
    {
        var (status, html) = await GetAsync("/compare?body=" + Uri.EscapeDataString("缙云县教育"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("缙云县教育局 历年年度报告", html, StringComparison.Ordinal);

        // What the search box accepts: several words, a region's name.
        (status, html) = await GetAsync("/compare?a=" + Uri.EscapeDataString("缙云 教育") + "&b=" + Uri.EscapeDataString("遂昌") + "&year=2024");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("2024 年度：缙云县教育局 与 遂昌县教育局", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_lists_the_bodies_a_partial_name_matches_to_choose_from()
    {
        var (status, html) = await GetAsync("/compare?a=" + Uri.EscapeDataString("教育局") + "&b=qiandian&year=2024");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("「教育局」对应 2 个单位，请选择要比较的单位：", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/compare?a=jinyun-jyj&b=qiandian&year=2024\">缙云县教育局</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/compare?a=suichang-jyj&b=qiandian&year=2024\">遂昌县教育局</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"result-head\"", html, StringComparison.Ordinal);

        (_, html) = await GetAsync("/compare?body=" + Uri.EscapeDataString("教育局"));
        Assert.Contains("<a href=\"/compare?body=jinyun-jyj\">缙云县教育局</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/compare?body=suichang-jyj\">遂昌县教育局</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_offers_a_choice_when_two_bodies_share_the_exact_name()
    {
        using (var db = _factory.Db())
        {
            // Names are not unique: a body of the same name in another county.
            db.Bodies.Add(new Domain.Regions.Body("suichang-jinyun-jyj", "缙云县教育局", Domain.Regions.BodyKind.CountyDepartment,
                db.Regions.Single(r => r.Id == _w.World.OtherCountyDept.RegionId)));
            db.SaveChanges();
        }
        var (status, html) = await GetAsync("/compare?a=" + Uri.EscapeDataString("缙云县教育局") + "&b=qiandian&year=2024");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("「缙云县教育局」对应 2 个单位，请选择要比较的单位：", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/compare?a=jinyun-jyj&b=qiandian&year=2024\">缙云县教育局（缙云县）</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/compare?a=suichang-jinyun-jyj&b=qiandian&year=2024\">缙云县教育局（遂昌县）</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"result-head\"", html, StringComparison.Ordinal);
        // A code stays exact.
        (_, html) = await GetAsync("/compare?body=jinyun-jyj");
        Assert.Contains("缙云县教育局 历年年度报告", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_says_in_chinese_when_a_name_matches_no_body()
    {
        var (status, html) = await GetAsync("/compare?body=" + Uri.EscapeDataString("水利局"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("没有找到单位「水利局」", html, StringComparison.Ordinal);
    }

    private static int ComparisonRowsDiffering(ReportData a, ReportData b) =>
        PublicSite.ComparisonView.RowsOf(Format2021.Definition).Count(r => a[r.Cell.Ref] != b[r.Cell.Ref]);

    // ---- output cache --------------------------------------------------------------------------------------

    [Fact]
    public async Task Public_pages_are_served_from_the_cache_until_the_reports_tag_is_evicted()
    {
        var (_, before) = await GetAsync("/reports/jinyun-jyj/2024");
        await using (var db = _factory.Db())
        {
            // Behind the app's back: a cached page does not see it until publication evicts the tag.
            await db.Database.ExecuteSqlRawAsync("""UPDATE report_revisions SET prose = jsonb_set(prose, '{{s6}}', '"changed behind the cache"') WHERE id = {0}""",
                _w.CountyDept2024.Published!.Id);
        }
        Assert.Equal(before, (await GetAsync("/reports/jinyun-jyj/2024")).Html);
        var store = _factory.Services.GetRequiredService<IOutputCacheStore>();
        await store.EvictByTagAsync(PublicCache.ReportTag("jinyun-jyj", 2024), default);
        Assert.Contains("changed behind the cache", (await GetAsync("/reports/jinyun-jyj/2024")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_a_correction_through_the_publisher_refreshes_the_cached_report_and_home_pages()
    {
        const string note = "第六部分表述更正（缓存测试）";
        // Fill the cache with the pages as they are before the correction.
        Assert.DoesNotContain(note, (await GetAsync("/reports/jinyun-jyj/2023")).Html, StringComparison.Ordinal);
        Assert.DoesNotContain("2023 年（已更正）", (await GetAsync("/")).Html, StringComparison.Ordinal);

        using (var scope = _factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.PortalDbContext>();
            var report = await db.Reports.Include(r => r.Body).Include(r => r.Revisions)
                .SingleAsync(r => r.Body.Code == "jinyun-jyj" && r.Year == 2023);
            var at = TestWorld.Now.AddDays(3);
            var revision = report.StartCorrection(note, TestWorld.Clerk, at);
            revision.Save(new Dictionary<CellRef, decimal?>(), new Dictionary<string, string?> { [Format2021.ProseOther] = "更正后的第六部分。" },
                FigureEntry.AsGiven, TestWorld.Clerk, at);
            var warnings = Domain.Rules.ReportRules.Evaluate(new Domain.Rules.RuleInput(revision.ToData(), report.Body.Kind, null, null, report.Body.Name))
                .Where(v => v.Level == Domain.Rules.RuleLevel.Warning).ToDictionary(v => v.Key, _ => (string?)"已核实");
            revision.Save(new Dictionary<CellRef, decimal?>(), new Dictionary<string, string?>(), FigureEntry.AsGiven, TestWorld.Clerk, at, warnings);
            revision.Submit(report.Body.Kind, null, null, TestWorld.Clerk, at);
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<ReportPublisher>()
                .PublishAsync(report, revision, TestWorld.Reviewer, at.AddHours(1), default);
        }

        var reportPage = (await GetAsync("/reports/jinyun-jyj/2023")).Html;
        Assert.Contains(note, reportPage, StringComparison.Ordinal);
        Assert.Contains("更正后的第六部分。", reportPage, StringComparison.Ordinal);
        Assert.Contains("2023 年（已更正）", (await GetAsync("/")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_users_page_is_never_served_to_others_and_theirs_never_to_them()
    {
        await _factory.CreateUserAsync("clerk-cache", PortalAuth.Clerk, bodyId: _w.World.CountyDept.Id);
        var anonymousFirst = (await GetAsync("/reports/jinyun-jyj/2024")).Html;
        Assert.Contains("href=\"/Account/Login\"", anonymousFirst, StringComparison.Ordinal);

        var signedIn = _factory.Browser();
        await signedIn.SignInAsync("clerk-cache");
        foreach (var url in new[] { "/reports/jinyun-jyj/2024", "/", "/regions/331122" })
        {
            var mine = (await GetAsync(url, signedIn)).Html;
            Assert.Contains("测试clerk-cache", mine, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"/Account/Login\"", mine, StringComparison.Ordinal);
            var theirs = (await GetAsync(url)).Html;
            Assert.DoesNotContain("测试clerk-cache", theirs, StringComparison.Ordinal);
            Assert.DoesNotContain("退出登录", theirs, StringComparison.Ordinal);
        }
    }
}
