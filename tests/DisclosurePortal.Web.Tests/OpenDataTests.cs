using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Tests;

/// <summary>Downloads, bulk exports and the read API, against the real app on PostgreSQL.</summary>
[Collection(WebTests.Name)]
public sealed class OpenDataTests : IDisposable
{
    private readonly PortalFactory _factory;
    private readonly HttpClient _client;
    private readonly AnnualReport _countyDept;       // 缙云县教育局 2024, published, then a correction in progress
    private readonly AnnualReport _township;         // 钱店镇 2024, published (a sub-region of 缙云县)
    private readonly AnnualReport _otherCounty;      // 遂昌县教育局 2024, published (another county of 丽水市)
    private readonly ReportData _countyDeptPublished;

    public OpenDataTests(PostgresFixture pg)
    {
        _factory = new PortalFactory(pg.CreateDatabase());
        _client = _factory.CreateClient();
        using var db = _factory.Db();
        var world = TestWorld.Create(db);
        _countyDept = TestWorld.Report(world.CountyDept, 2024, seed: 1);
        _township = TestWorld.Report(world.TownshipGov, 2024, seed: 2);
        _otherCounty = TestWorld.Report(world.OtherCountyDept, 2024, seed: 3);
        var draft = TestWorld.Report(world.CountyDept, 2023, seed: 4, RevisionStatus.Submitted);
        db.Reports.AddRange(_countyDept, _township, _otherCounty, draft);
        db.SaveChanges();
        _countyDeptPublished = _countyDept.Current.ToData();

        // A correction that is still a draft: its figures must never be public.
        var correction = _countyDept.StartCorrection("表三数字有误", TestWorld.Clerk, TestWorld.Now.AddDays(1));
        correction.Save(new Dictionary<CellRef, decimal?> { [new CellRef(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Natural)] = 999_999 },
            new Dictionary<string, string?> { [Format2021.ProseActive] = "草稿秘密正文" }, FigureEntry.AsGiven,
            TestWorld.Clerk, TestWorld.Now.AddDays(1));
        db.SaveChanges();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private static readonly CellRef Received = new(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Natural);
    private static readonly CellRef Fee = new(Format2021.T2, Format2021.Table2.AdminFees, Format2021.Table2.FeeAmount);

    private async Task<JsonElement> GetJson(string url)
    {
        var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Json_download_is_the_published_revision_and_hashes_to_its_verification_code()
    {
        var response = await _client.GetAsync(new Uri("/reports/jinyun-jyj/2024.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using var db = _factory.Db();
        var report = db.Reports.Include(r => r.Body).Include(r => r.Revisions).Single(r => r.Id == _countyDept.Id);
        var published = report.Revisions.Single(v => v.Number == 1);
        var expectedCode = VerificationCode.For(ReportDocument.From(report, published));
        var hex = Convert.ToHexString(SHA256.HashData(bytes), 0, 4);
        Assert.Equal(expectedCode, $"{hex[..4]}-{hex[4..]}");

        // Round trip: the download reads back to the published figures and writes back to the same bytes.
        var parsed = ReportJson.Parse(Encoding.UTF8.GetString(bytes));
        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Errors));
        Assert.Equal(1, parsed.Document!.Revision!.Number);
        Assert.Equal(RevisionStatus.Published, parsed.Document.Revision.Status);
        Assert.Equal(_countyDeptPublished.Figures.OrderBy(kv => kv.Key.ToString()), parsed.Data!.Figures.OrderBy(kv => kv.Key.ToString()));
        Assert.Equal(bytes, Encoding.UTF8.GetBytes(ReportJson.Serialize(parsed.Document)));
        Assert.DoesNotContain("草稿秘密正文", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

        // The API serves the very same bytes.
        Assert.Equal(bytes, await _client.GetByteArrayAsync(new Uri("/api/v1/bodies/jinyun-jyj/reports/2024", UriKind.Relative)));
    }

    [Fact]
    public async Task Csv_download_has_a_bom_and_one_line_per_cell_with_the_format_labels()
    {
        var response = await _client.GetAsync(new Uri("/reports/jinyun-jyj/2024.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        var format = Format2021.Definition;
        Assert.Equal("表格,行,列,代码,数值", lines[0]);
        Assert.Equal(format.Cells.Count, lines.Length - 1);
        var byCode = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[3]);
        var received = byCode[Received.ToString()];
        Assert.Equal(["表三", "一、本年新收政府信息公开申请数量", "自然人"], received[..3]);
        Assert.Equal(_countyDeptPublished[Received]!.Value.ToString("0", CultureInfo.InvariantCulture), received[4]);
        var withheld = byCode["t3/3.3.1/natural"];
        Assert.Equal("三、本年度办理结果 （三）不予公开 1.属于国家秘密", withheld[1]);
        var review = byCode["t4/cases/suit_after_review.upheld"];
        Assert.Equal("行政诉讼（复议后起诉）结果维持", review[2]);
        Assert.Equal(FigureValues.Display(ValueKind.Money, _countyDeptPublished[Fee]!.Value), byCode[Fee.ToString()][4]);
        Assert.DoesNotContain("999999", string.Join("\n", lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_csv_has_codes_then_labels_and_one_row_per_published_body_of_the_region_tree()
    {
        var response = await _client.GetAsync(new Uri("/open-data/331122/2024.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var codes = lines[0].Split(',');
        var labels = lines[1].Split(',');
        Assert.Equal(10 + Format2021.Definition.Cells.Count, codes.Length);
        Assert.Equal(codes.Length, labels.Length);
        Assert.Equal(["body_code", "body_name", "body_kind", "body_kind_code", "region_code", "region_name", "year",
            "revision", "published_at", "published_at_iso"], codes[..10]);
        Assert.Equal("单位代码", labels[0]);
        Assert.Equal("发布时间（北京时间）", labels[8]);
        var col = Array.IndexOf(codes, Received.ToString());
        Assert.Equal("表三 一、本年新收政府信息公开申请数量 自然人", labels[col]);

        // 缙云县 covers its own department and 钱店镇 below it, not 遂昌县; the 2023 report is not published.
        var rows = lines.Skip(2).Select(l => l.Split(',')).ToDictionary(f => f[0]);
        Assert.Equal(["jinyun-jyj", "qiandian"], rows.Keys.Order());
        Assert.Equal("1", rows["jinyun-jyj"][7]);
        // People read the kind in Chinese and the time in Beijing; programs get the kind's code and an explicit offset.
        Assert.Equal(["乡镇人民政府", "TownshipGovernment"], rows["qiandian"][2..4]);
        Assert.Equal(["县级政府部门", "CountyDepartment"], rows["jinyun-jyj"][2..4]);
        Assert.Equal(["2025-01-20 12:00", "2025-01-20T12:00:00+08:00"], rows["jinyun-jyj"][8..10]);
        Assert.Equal(TestWorld.Now.AddHours(2), DateTimeOffset.Parse(rows["jinyun-jyj"][9], CultureInfo.InvariantCulture));
        Assert.Equal(_countyDeptPublished[Received]!.Value.ToString("0", CultureInfo.InvariantCulture), rows["jinyun-jyj"][col]);
        Assert.Equal(_township.Published!.ToData()[Received]!.Value.ToString("0", CultureInfo.InvariantCulture), rows["qiandian"][col]);

        var city = await _client.GetStringAsync(new Uri("/open-data/3311/2024.csv", UriKind.Relative));
        Assert.Contains("suichang-jyj", city, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_xlsx_opens_as_a_workbook_with_the_published_values()
    {
        var response = await _client.GetAsync(new Uri("/open-data/3311/2024.xlsx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        XDocument Part(string name)
        {
            using var s = zip.GetEntry(name)!.Open();
            return XDocument.Load(s);
        }
        Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        Assert.Equal(["数据", "字段说明"], Part("xl/workbook.xml").Descendants(main + "sheet").Select(s => (string)s.Attribute("name")!));

        static string Text(XElement c) => (string?)c.Attribute("t") == "inlineStr" ? c.Descendants().Last().Value : c.Element(c.Name.Namespace + "v")!.Value;
        var sheet = Part("xl/worksheets/sheet1.xml").Descendants(main + "row")
            .Select(r => r.Elements(main + "c").ToDictionary(c => new string(((string)c.Attribute("r")!).TakeWhile(char.IsLetter).ToArray()), Text))
            .ToList();
        var codes = sheet[0];
        var receivedColumn = codes.Single(kv => kv.Value == Received.ToString()).Key;
        var feeColumn = codes.Single(kv => kv.Value == Fee.ToString()).Key;
        Assert.Equal("表二 行政事业性收费 本年收费金额（单位：万元）", sheet[1][feeColumn]);

        var data = sheet.Skip(2).ToDictionary(r => r["A"]);
        Assert.Equal(["jinyun-jyj", "qiandian", "suichang-jyj"], data.Keys.Order());
        foreach (var (code, report) in new[] { ("jinyun-jyj", _countyDept), ("qiandian", _township), ("suichang-jyj", _otherCounty) })
        {
            var expected = report.Published!.ToData();
            Assert.Equal(expected[Received]!.Value, decimal.Parse(data[code][receivedColumn], CultureInfo.InvariantCulture));
            Assert.Equal(expected[Fee]!.Value, decimal.Parse(data[code][feeColumn], CultureInfo.InvariantCulture));
        }
        Assert.Equal("缙云县教育局", data["jinyun-jyj"]["B"]);
        Assert.Equal(["乡镇人民政府", "TownshipGovernment"], new[] { data["qiandian"]["C"], data["qiandian"]["D"] });
        Assert.Equal(["发布时间（北京时间）", "2025-01-20 12:00", "2025-01-20T12:00:00+08:00"],
            new[] { sheet[1]["I"], data["qiandian"]["I"], data["qiandian"]["J"] });

        var fields = Part("xl/worksheets/sheet2.xml").Descendants(main + "row").ToList();
        Assert.Equal(1 + 10 + Format2021.Definition.Cells.Count, fields.Count);
    }

    [Fact]
    public async Task Bulk_json_holds_every_published_report_with_the_figures_of_its_own_json()
    {
        var response = await _client.GetAsync(new Uri("/open-data/331122/2024.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var bulk = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("331122", bulk.GetProperty("region").GetProperty("code").GetString());
        Assert.Equal(2024, bulk.GetProperty("year").GetInt32());

        var reports = bulk.GetProperty("reports").EnumerateArray().ToList();
        Assert.Equal(["jinyun-jyj", "qiandian"], reports.Select(r => r.GetProperty("body").GetProperty("code").GetString()));
        foreach (var report in reports)
        {
            var own = await GetJson(report.GetProperty("links").GetProperty("json").GetString()!);
            // The figures are the very JSON of the report's own download, cell for cell, blanks included.
            Assert.Equal(JsonSerializer.Serialize(own.GetProperty("figures")), JsonSerializer.Serialize(report.GetProperty("figures")));
            Assert.Equal(own.GetProperty("revision").GetProperty("number").GetInt32(), report.GetProperty("revision").GetInt32());
            Assert.Equal(own.GetProperty("revision").GetProperty("publishedAt").GetString(), report.GetProperty("publishedAt").GetString());
            Assert.Equal(own.GetProperty("body").GetProperty("kind").GetString(), report.GetProperty("body").GetProperty("kind").GetString());
        }
        var township = reports.Single(r => r.GetProperty("body").GetProperty("code").GetString() == "qiandian");
        Assert.Equal("乡镇人民政府", township.GetProperty("body").GetProperty("kindLabel").GetString());
        Assert.Equal(_township.Published!.ToData()[Received]!.Value,
            township.GetProperty("figures").GetProperty(Received.Table).GetProperty(Received.Row).GetProperty(Received.Column).GetDecimal());
        // The county department's correction is a draft: its 999,999 is not there.
        var countyDept = reports.Single(r => r.GetProperty("body").GetProperty("code").GetString() == "jinyun-jyj");
        Assert.Equal(_countyDeptPublished[Received]!.Value,
            countyDept.GetProperty("figures").GetProperty(Received.Table).GetProperty(Received.Row).GetProperty(Received.Column).GetDecimal());
    }

    [Fact]
    public async Task Api_finds_bodies_by_part_of_their_name_and_lists_only_published_years()
    {
        var found = await GetJson("/api/v1/bodies?q=%E6%95%99%E8%82%B2"); // 教育
        Assert.Equal(["jinyun-jyj", "suichang-jyj"], found.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("code").GetString()).Order());
        Assert.Equal(JsonValueKind.Null, found.GetProperty("next").ValueKind);
        async Task<string[]> Codes(string q) => [.. (await GetJson("/api/v1/bodies?q=" + Uri.EscapeDataString(q)))
            .GetProperty("items").EnumerateArray().Select(b => b.GetProperty("code").GetString()!)];
        Assert.Equal(["jinyun-jyj"], await Codes("缙云县教育局"));   // the whole name
        Assert.Equal(["jinyun-jyj", "suichang-jyj"], await Codes("局")); // one character
        Assert.Equal(["qiandian"], await Codes("镇人民"));           // the middle of a name
        Assert.Empty(await Codes("育教"));                            // both characters, wrong order
        Assert.Equal(["suichang-jyj"], await Codes("suichang-jyj")); // a code, whole
        Assert.Empty(await Codes("suichang"));
        // The home page's search: every word must match, a region's name finds its bodies and its townships'.
        Assert.Equal(["jinyun-jyj"], await Codes("缙云 教育"));
        Assert.Equal(["jinyun-jyj"], await Codes("  缙云县　教育局 "));
        Assert.Empty(await Codes("遂昌 钱店"));
        // LIKE wildcards typed by a person are plain characters.
        Assert.Empty((await GetJson("/api/v1/bodies?q=%25")).GetProperty("items").EnumerateArray());
        Assert.Empty((await GetJson("/api/v1/bodies?q=%27%3B%20DROP%20TABLE%20bodies%3B--")).GetProperty("items").EnumerateArray());

        var firstPage = await GetJson("/api/v1/bodies?pageSize=2");
        Assert.Equal(2, firstPage.GetProperty("items").GetArrayLength());
        var next = firstPage.GetProperty("next").GetString()!;
        Assert.Single((await GetJson(next)).GetProperty("items").EnumerateArray());

        var body = await GetJson("/api/v1/bodies/jinyun-jyj");
        Assert.Equal("缙云县教育局", body.GetProperty("name").GetString());
        Assert.Equal("331122", body.GetProperty("region").GetProperty("code").GetString());
        var report = Assert.Single(body.GetProperty("reports").EnumerateArray()); // 2023 is only submitted
        Assert.Equal(2024, report.GetProperty("year").GetInt32());
        Assert.Equal(1, report.GetProperty("revision").GetInt32());
        Assert.Equal("/reports/jinyun-jyj/2024.json", report.GetProperty("links").GetProperty("json").GetString());
    }

    [Fact]
    public async Task Api_region_listing_and_aggregate_cover_exactly_the_published_reports_of_the_tree()
    {
        var region = await GetJson("/api/v1/regions/331122");
        Assert.Equal("3311", region.GetProperty("parent").GetProperty("code").GetString());
        Assert.Equal(["331122101"], region.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("code").GetString()));

        var list = await GetJson("/api/v1/regions/3311/reports/2024");
        Assert.Equal(["jinyun-jyj", "qiandian", "suichang-jyj"],
            list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("body").GetProperty("code").GetString()));

        var aggregate = await GetJson("/api/v1/regions/331122/aggregates/2024");
        Assert.Equal(2, aggregate.GetProperty("reportCount").GetInt32());
        var reports = new[] { _countyDeptPublished, _township.Published!.ToData() };
        foreach (var cell in Format2021.Definition.Cells)
        {
            var sum = reports.Sum(r => r[cell.Ref] ?? 0m);
            var value = aggregate.GetProperty("figures").GetProperty(cell.Ref.Table).GetProperty(cell.Ref.Row).GetProperty(cell.Ref.Column);
            Assert.Equal(sum, value.GetDecimal());
        }
        Assert.Equal(0, (await GetJson("/api/v1/regions/3311/aggregates/2023")).GetProperty("reportCount").GetInt32());
    }

    [Theory]
    [InlineData("/reports/jinyun-jyj/2023.json")]          // submitted, not published
    [InlineData("/reports/jinyun-jyj/2023.csv")]
    [InlineData("/reports/no-such-body/2024.json")]
    [InlineData("/reports/jinyun-jyj/2099.csv")]           // far in the future
    [InlineData("/reports/jinyun-jyj/2024.xml")]           // unsupported format
    [InlineData("/reports/jinyun-jyj/abc.json")]
    [InlineData("/open-data/331122/2024.xml")]
    [InlineData("/open-data/no-such-region/2024.csv")]
    [InlineData("/open-data/331122/1999.xlsx")]
    [InlineData("/open-data/no-such-region/2024.json")]
    [InlineData("/api/v1/bodies/jinyun-jyj/reports/2023")]
    [InlineData("/api/v1/bodies/jinyun-jyj/reports/2024/revisions/2")] // the correction is a draft
    [InlineData("/api/v1/bodies/no-such-body")]
    [InlineData("/api/v1/bodies/jinyun-jyj/reports/99999999999")]
    [InlineData("/api/v1/regions/no-such-region/aggregates/2024")]
    [InlineData("/api/v1/regions/331122/reports/2099")]
    [InlineData("/api/v1/no-such-thing")]
    public async Task Unpublished_unknown_and_unsupported_are_not_found(string url)
    {
        var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("草稿秘密正文", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/reports/jinyun-jyj/abc.json", "「abc」不是年度：请写四位数字的年度，如 2024")]
    [InlineData("/open-data/331122/99999999999.csv", "「99999999999」不是年度：请写四位数字的年度，如 2024")]
    [InlineData("/open-data/331122/2024.xml", "不支持「.xml」格式的批量下载：可下载 .csv、.xlsx、.json")]
    [InlineData("/reports/jinyun-jyj/2024.xml", "不支持「.xml」格式的下载：每份已发布的报告可下载 .json、.csv，以及正式 PDF（地址以 /pdf 结尾）")]
    public async Task A_download_address_that_serves_nothing_says_what_is_wrong_with_it(string url, string detail)
    {
        var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(detail, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/v1/bodies?page=abc")]
    [InlineData("/api/v1/bodies?page=0")]
    [InlineData("/api/v1/bodies?page=-1")]
    [InlineData("/api/v1/bodies?page=99999999999999999999")]
    [InlineData("/api/v1/bodies?pageSize=100000")]
    [InlineData("/api/v1/regions/3311/reports/2024?page=10001")]
    public async Task Bad_paging_is_a_400_problem_in_chinese(string url)
    {
        var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("整数", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/bodies?q=%00")]
    [InlineData("/api/v1/bodies?q=%E6%95%99%00%E8%82%B2")]
    public async Task A_control_character_in_the_search_is_a_400_problem_in_chinese(string url)
    {
        var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("控制字符", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_allowed_page_far_past_the_data_is_empty()
    {
        var page = await GetJson("/api/v1/regions/3311/reports/2024?page=10000&pageSize=200");
        Assert.Empty(page.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task A_person_asking_for_an_unsupported_format_gets_a_chinese_page()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/reports/jinyun-jyj/2024.xml", UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/html");
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("不支持「.xml」格式的下载", html, StringComparison.Ordinal);
        Assert.Contains(".json", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_origin_may_read_but_not_write()
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/bodies/jinyun-jyj", UriKind.Relative));
        get.Headers.Add("Origin", "https://example.org");
        var response = await _client.SendAsync(get);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var download = new HttpRequestMessage(HttpMethod.Get, new Uri("/reports/jinyun-jyj/2024.csv", UriKind.Relative));
        download.Headers.Add("Origin", "https://example.org");
        Assert.Equal("*", (await _client.SendAsync(download)).Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri("/api/v1/bodies/jinyun-jyj", UriKind.Relative));
        preflight.Headers.Add("Origin", "https://example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "DELETE");
        var refused = await _client.SendAsync(preflight);
        Assert.False(refused.Headers.TryGetValues("Access-Control-Allow-Methods", out var methods) && methods.Any(m => m.Contains("DELETE", StringComparison.Ordinal)));

        // Pages that are not open data get no CORS header.
        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        page.Headers.Add("Origin", "https://example.org");
        Assert.False((await _client.SendAsync(page)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_openapi_document_lists_every_open_data_endpoint_and_nothing_private()
    {
        var doc = await GetJson("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var expected in new[]
                 {
                     "/api/v1/bodies", "/api/v1/bodies/{code}", "/api/v1/bodies/{code}/reports/{year}",
                     "/api/v1/bodies/{code}/reports/{year}/revisions/{number}", "/api/v1/regions", "/api/v1/regions/{code}",
                     "/api/v1/regions/{code}/reports/{year}", "/api/v1/regions/{code}/aggregates/{year}",
                     "/reports/{body}/{year}.json", "/reports/{body}/{year}.csv",
                     "/open-data/{region}/{year}.csv", "/open-data/{region}/{year}.xlsx", "/open-data/{region}/{year}.json",
                 })
            Assert.Contains(expected, paths);
        Assert.DoesNotContain(paths, p => p.Contains("Admin", StringComparison.OrdinalIgnoreCase) || p.Contains("clerk", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_open_data_page_lists_the_downloads_and_the_api()
    {
        var html = WebUtility.HtmlDecode(await _client.GetStringAsync(new Uri("/open-data", UriKind.Relative)));
        Assert.Contains("开放数据", html, StringComparison.Ordinal);
        Assert.Contains("/open-data/3311/2024.xlsx", html, StringComparison.Ordinal);
        Assert.Contains("/open-data/331122/2024.csv", html, StringComparison.Ordinal);
        Assert.Contains("/open-data/331122/2024.json", html, StringComparison.Ordinal);
        Assert.Contains("/reports/jinyun-jyj/2024.json", html, StringComparison.Ordinal);
        Assert.Contains("/openapi/v1.json", html, StringComparison.Ordinal);
        Assert.DoesNotContain("2023 年度", html, StringComparison.Ordinal); // no published report for 2023
    }
}
