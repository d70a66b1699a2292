using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Tests;

/// <summary>报告体检 (/check) and POST /api/v1/check: a report read and checked, refusals in Chinese, nothing stored.</summary>
[Collection(WebTests.Name)]
public sealed partial class PublicCheckTests(PostgresFixture pg) : IDisposable
{
    private static readonly byte[] OldWord = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private readonly PortalFactory _factory = new(pg.CreateDatabase());

    public void Dispose() => _factory.Dispose();

    private static string RealReport(string folder, string file) => RealReports.PathOf(folder, file);

    private static MultipartFormDataContent Upload(string field, string fileName, byte[] bytes) =>
        new() { { new ByteArrayContent(bytes), field, fileName } };

    private async Task<(HttpStatusCode Status, string Html)> PostPageAsync(HttpContent content)
    {
        var response = await _factory.CreateClient().PostAsync(new Uri("/check", UriKind.Relative), content);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>The inside of the figure cell with the given key.</summary>
    private static string Cell(string html, string key)
    {
        var m = Regex.Match(html, $"<td[^>]*data-cell=\"{Regex.Escape(key)}\"[^>]*>(.*?)</td>", RegexOptions.Singleline);
        Assert.True(m.Success, $"no cell {key}");
        return m.Groups[1].Value;
    }

    [Fact]
    public async Task An_uploaded_pdf_is_shown_in_the_official_layout_with_the_T4_TOTAL_finding_at_its_cell()
    {
        var (status, html) = await PostPageAsync(Upload("File", "source.pdf", File.ReadAllBytes(RealReport("02-hongze-qu-2023", "source.pdf"))));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("收到和处理政府信息公开申请情况", html, StringComparison.Ordinal);
        Assert.Equal("21", Cell(html, "t3/1/natural").Trim());
        Assert.Contains("2023", Regex.Match(html, "<dd id=\"year\">(.*?)</dd>").Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("县（区）人民政府（根据单位名称推断）", html, StringComparison.Ordinal);
        // At the cell of 表四 复议 总计 (printed 0, the sum is 11), and in the list with a link to that cell.
        var cell = Cell(html, "t4/cases/review.total");
        // In the narrow cell, the level and code; the message is in the list.
        Assert.Matches(@"<span class=""visually-hidden"">必须修正</span>\[T4-TOTAL\]", cell);
        Assert.Matches("<td class=\"num has-finding\" id=\"at-t4-cases-review.total\"", html);
        Assert.Matches(@"<li data-rule=""T4-TOTAL"">\s*<strong>\[T4-TOTAL\]</strong> 必须修正：[^<]+<a href=""#at-t4-cases-review.total"">", html);
    }

    [Fact]
    public async Task Pasted_text_of_a_report_is_read_and_checked()
    {
        var text = await File.ReadAllTextAsync(RealReport("24-pt-gongan-2024", "text.txt"));

        var (status, html) = await PostPageAsync(new FormUrlEncodedContent([new("Text", text)]));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("id=\"refusal\"", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"body-name\">平潭综合实验区公安局</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"year\">2024</dd>", html, StringComparison.Ordinal);
        Assert.Contains("粘贴的文字", html, StringComparison.Ordinal);
        Assert.Equal("8", Cell(html, "t3/1/natural").Trim());
    }

    [Theory]
    [InlineData("empty.txt", new byte[0], "文件是空的")]
    [InlineData("report.doc", new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "请另存为 .docx")]
    public async Task A_file_the_readers_refuse_gets_their_chinese_reason_on_a_200_page(string name, byte[] bytes, string reason)
    {
        var (status, html) = await PostPageAsync(Upload("File", name, bytes));

        Assert.Equal(HttpStatusCode.OK, status);
        var refusal = Regex.Match(html, "<div class=\"callout error\" role=\"alert\" id=\"refusal\">(.*?)</div>", RegexOptions.Singleline);
        Assert.True(refusal.Success, html);
        Assert.Contains($"无法读取 {name}：", refusal.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains(reason, refusal.Groups[1].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"result\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_with_neither_text_nor_file_is_asked_for_one_at_the_form()
    {
        var (status, html) = await PostPageAsync(new FormUrlEncodedContent([new("Text", "  ")]));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<p class=\"field-error\" id=\"input-error\" role=\"alert\">请粘贴报告的文字，或选择一个报告文件</p>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", "{\"text\":\"一、总体情况\"}")]
    [InlineData("text/plain", "一、总体情况")]
    [InlineData(null, "")]
    public async Task A_post_that_is_not_a_form_is_asked_for_text_or_a_file_at_the_form(string? type, string body)
    {
        var content = new StringContent(body);
        content.Headers.ContentType = type is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        var (status, html) = await PostPageAsync(content);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<p class=\"field-error\" id=\"input-error\" role=\"alert\">请粘贴报告的文字，或选择一个报告文件</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_20_MB_is_refused_with_a_chinese_message()
    {
        var (status, html) = await PostPageAsync(Upload("File", "big.txt", new byte[20 * 1024 * 1024 + 1]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("提交的内容超过 20 MB，无法检查", html, StringComparison.Ordinal);

        var api = await _factory.CreateClient().PostAsync(new Uri("/api/v1/check", UriKind.Relative),
            new ByteArrayContent(new byte[20 * 1024 * 1024 + 1]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, api.StatusCode);
        Assert.Contains("提交的内容超过 20 MB", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checks_beyond_the_minute_limit_of_a_client_are_refused_with_a_chinese_message()
    {
        using var factory = new PortalFactory(pg.CreateDatabase(), new Dictionary<string, string> { ["RateLimits:Check:PermitLimit"] = "2", ["RateLimits:Check:Window"] = "01:00:00" });
        var client = factory.CreateClient();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(new Uri("/check", UriKind.Relative), Upload("File", "report.doc", OldWord))).StatusCode);

        var page = await client.PostAsync(new Uri("/check", UriKind.Relative), Upload("File", "report.doc", OldWord));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("来自同一网络地址的请求过于频繁", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(page.Headers.RetryAfter);
        var api = await client.PostAsync(new Uri("/api/v1/check", UriKind.Relative), Upload("file", "report.doc", OldWord));
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        // Reading the page is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/check", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_site_header_and_footer_link_the_check_page_and_it_needs_no_account()
    {
        var client = _factory.CreateClient();
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(2, Regex.Count(home, "<a href=\"/check\">报告体检</a>"));

        var response = await client.GetAsync(new Uri("/check", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<textarea id=\"Text\" name=\"Text\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_answers_an_uploaded_file_with_the_json_of_check_json()
    {
        var response = await _factory.CreateClient().PostAsync(new Uri("/api/v1/check", UriKind.Relative),
            Upload("file", "source.pdf", File.ReadAllBytes(RealReport("02-hongze-qu-2023", "source.pdf"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(["report", "bodyKind", "findings"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2023, root.GetProperty("report").GetProperty("year").GetInt32());
        Assert.Equal("CountyGovernment", root.GetProperty("bodyKind").GetProperty("code").GetString());
        Assert.Contains(root.GetProperty("findings").EnumerateArray(), f =>
            f.GetProperty("code").GetString() == "T4-TOTAL" && f.GetProperty("level").GetString() == "blocking"
            && f.GetProperty("location").GetString() == "t4/cases/review.total");
    }

    [Fact]
    public async Task The_api_reads_text_sent_as_the_body()
    {
        var text = await File.ReadAllTextAsync(RealReport("24-pt-gongan-2024", "text.txt"));
        var response = await _factory.CreateClient().PostAsync(new Uri("/api/v1/check", UriKind.Relative),
            new StringContent(text, Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2024, json.RootElement.GetProperty("report").GetProperty("year").GetInt32());
        Assert.Equal("平潭综合实验区公安局", json.RootElement.GetProperty("report").GetProperty("body").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_api_answers_a_refused_file_with_a_422_problem_naming_the_reason()
    {
        var response = await _factory.CreateClient().PostAsync(new Uri("/api/v1/check", UriKind.Relative),
            Upload("file", "report.doc", OldWord));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(422, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("请另存为 .docx", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_check_endpoint()
    {
        using var doc = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var post = doc.RootElement.GetProperty("paths").GetProperty("/api/v1/check").GetProperty("post");
        var content = post.GetProperty("requestBody").GetProperty("content");
        Assert.True(content.TryGetProperty("multipart/form-data", out _));
        Assert.True(content.TryGetProperty("text/plain", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("422", out _));
    }

    [Fact]
    public async Task Checking_stores_nothing_in_any_table()
    {
        var client = _factory.CreateClient();
        await client.GetAsync(new Uri("/check", UriKind.Relative)); // the host's own start-up writes (keys) come first
        var before = await RowCountsAsync();

        await PostPageAsync(Upload("File", "source.pdf", File.ReadAllBytes(RealReport("02-hongze-qu-2023", "source.pdf"))));
        await PostPageAsync(Upload("File", "report.doc", OldWord));
        await client.PostAsync(new Uri("/api/v1/check", UriKind.Relative),
            Upload("file", "source.pdf", File.ReadAllBytes(RealReport("02-hongze-qu-2023", "source.pdf"))));

        Assert.Equal(before, await RowCountsAsync());
    }

    /// <summary>Every table of the portal's schema with its number of rows (「audit_log=3」), counted in one query.</summary>
    private async Task<List<string>> RowCountsAsync()
    {
        await using var db = _factory.Db();
        var counts = await db.Database.SqlQueryRaw<string>("""
            select table_name || '=' || (xpath('/row/c/text()',
                query_to_xml(format('select count(*) as c from %I.%I', table_schema, table_name), false, true, '')))[1]::text as "Value"
            from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name
            """).ToListAsync();
        Assert.Contains(counts, c => c.StartsWith("report_revisions=", StringComparison.Ordinal));
        return counts;
    }
}
