using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using DisclosurePortal.Domain.Importing;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using DisclosurePortal.Web.Importing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// The reviewer's bulk history import over HTTP: a zip of real reports and bad entries uploaded, read, previewed,
/// fixed, dropped and accepted; every refusal in Chinese; nothing published before acceptance; another region's
/// reviewer sees nothing; each step audited.
/// </summary>
[Collection(WebTests.Name)]
public sealed partial class ImportBatchTests : IDisposable
{
    private readonly PortalFactory _factory;
    private readonly WebApplicationFactory<Program> _app;
    private readonly TestWorld _world;

    public ImportBatchTests(PostgresFixture pg)
    {
        _factory = new PortalFactory(pg.CreateDatabase(), new Dictionary<string, string> { ["PublicCache:Lifetime"] = "00:00:00" });
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(TestAuthHandler.Register));
        using var db = _factory.Db();
        _world = TestWorld.Create(db);
    }

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
    }

    private HttpClient Client(string user)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, user);
        return client;
    }

    private string Reviewer => TestAuthHandler.Reviewer("reviewer-1", _world.County.Id, "李审核");
    private string OtherReviewer => TestAuthHandler.Reviewer("reviewer-9", _world.OtherCounty.Id, "赵审核");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, string handlerUrl, HttpContent content)
    {
        var page = await client.GetStringAsync(new Uri(pageUrl, UriKind.Relative));
        var token = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
        var form = content as MultipartFormDataContent ?? new MultipartFormDataContent();
        if (content is FormUrlEncodedContent encoded)
            foreach (var pair in (await encoded.ReadAsStringAsync()).Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split('=');
                form.Add(new StringContent(WebUtility.UrlDecode(kv[1])), WebUtility.UrlDecode(kv[0]));
            }
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync(new Uri(handlerUrl, UriKind.Relative), form);
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in entries)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(bytes);
            }
        return buffer.ToArray();
    }

    private async Task<int> UploadAsync(HttpClient client, params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files) form.Add(new ByteArrayContent(bytes), "files", name);
        var response = await PostAsync(client, "/review/import", "/review/import", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await using var db = _factory.Db();
        await ImportBatches.ReadPendingAsync(db, default);
        return id;
    }

    private static (string, byte[]) Real(string folder, string file, string? name = null) =>
        (name ?? file, File.ReadAllBytes(RealReports.PathOf(folder, file)));

    [Fact]
    public async Task A_zip_is_read_previewed_fixed_dropped_and_accepted_and_its_bad_entries_are_refused_in_chinese()
    {
        var client = Client(Reviewer);
        var pdf = Real("02-hongze-qu-2023", "source.pdf", "洪泽区2023.pdf");
        var zip = Zip(pdf, Real("14-pingtan-2024", "source.html", "reports/平潭2024.html"), ("../../etc/evil.txt", "x"u8.ToArray()),
            ("copy.pdf", pdf.Item2), ("old.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]));
        var id = await UploadAsync(client, ("history.zip", zip));

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/review/import/{id}", UriKind.Relative)));
        Assert.Contains("已读取 5 / 5", page, StringComparison.Ordinal);
        Assert.Contains("未找到单位，请选择", page, StringComparison.Ordinal);
        Assert.Contains("平潭2024.html", page, StringComparison.Ordinal);
        Assert.Contains("指向压缩包之外，已拒绝", page, StringComparison.Ordinal);
        Assert.Contains("与第 1 个文件重复", page, StringComparison.Ordinal);
        Assert.Contains("另存为 .docx", page, StringComparison.Ordinal);
        using (var db = _factory.Db()) Assert.Equal(0, await db.Reports.CountAsync());

        // The preview: the tables as read with the report's own error at its cell, beside the PDF itself.
        var preview = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/review/import/{id}/files/1", UriKind.Relative)));
        Assert.Contains("<li data-rule=\"T4-TOTAL\">", preview, StringComparison.Ordinal);
        Assert.Contains($"src=\"/review/import/{id}/files/1?handler=Source\"", preview, StringComparison.Ordinal);
        var source = await client.GetAsync(new Uri($"/review/import/{id}/files/1?handler=Source", UriKind.Relative));
        Assert.Equal(pdf.Item2, await source.Content.ReadAsByteArrayAsync());
        var html = await client.GetAsync(new Uri($"/review/import/{id}/files/2?handler=Source", UriKind.Relative));
        Assert.StartsWith("sandbox;", html.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        // Fix the body and date of the PDF, drop the web page, accept the PDF.
        var fixedPage = await PostAsync(client, $"/review/import/{id}", $"/review/import/{id}?handler=Fix&position=1",
            new FormUrlEncodedContent(new Dictionary<string, string>
            { ["bodyId"] = _world.CountyDept.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["year"] = "2023", ["publishedOn"] = "2024-01-19" }));
        Assert.Contains("单位 缙云县教育局，2023 年，原发布日期 2024-01-19", WebUtility.HtmlDecode(await fixedPage.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await PostAsync(client, $"/review/import/{id}", $"/review/import/{id}?handler=Drop&position=2", new FormUrlEncodedContent([]));
        var accepted = await PostAsync(client, $"/review/import/{id}", $"/review/import/{id}?handler=Accept&position=1", new FormUrlEncodedContent([]));
        Assert.Contains("已作为历史报告发布", WebUtility.HtmlDecode(await accepted.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var report = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/reports/jinyun-jyj/2023", UriKind.Relative)));
        Assert.Contains("历史报告（导入）", report, StringComparison.Ordinal);
        Assert.Contains("原发布日期 2024-01-19", report, StringComparison.Ordinal);
        using (var db = _factory.Db())
        {
            var files = await db.ImportFiles.Where(f => f.BatchId == id).OrderBy(f => f.Position).Select(f => f.State).ToListAsync();
            Assert.Equal([ImportFileState.Accepted, ImportFileState.Dropped, ImportFileState.Refused, ImportFileState.Refused, ImportFileState.Refused], files);
            var revision = await db.Revisions.SingleAsync();
            Assert.Equal(RevisionOrigin.Imported, revision.Origin);
            var audit = await db.AuditLog.Where(a => a.Action.StartsWith("import.")).OrderBy(a => a.Id).Select(a => a.Action + " " + a.ActorName).ToListAsync();
            Assert.Equal(["import.upload reviewer-1", "import.fix reviewer-1", "import.drop reviewer-1", "import.accept reviewer-1"], audit);
        }
    }

    [Fact]
    public async Task A_refused_accept_is_recorded_on_the_file_and_in_the_audit_log()
    {
        var client = Client(Reviewer);
        var body = _world.CountyDept.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        async Task<string> AcceptAsync(int batch)
        {
            await PostAsync(client, $"/review/import/{batch}", $"/review/import/{batch}?handler=Fix&position=1",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["bodyId"] = body, ["year"] = "2024" }));
            var page = await PostAsync(client, $"/review/import/{batch}", $"/review/import/{batch}?handler=Accept&position=1",
                new FormUrlEncodedContent([]));
            return WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        }
        // The same body and year twice, in two batches: the second is refused, never merged.
        var first = await UploadAsync(client, Real("14-pingtan-2024", "source.html"));
        Assert.Contains("已作为历史报告发布", await AcceptAsync(first), StringComparison.Ordinal);
        var second = await UploadAsync(client, Real("14-pingtan-2024", "source.html", "again.html"));
        Assert.Contains("不能重复导入", await AcceptAsync(second), StringComparison.Ordinal);

        using var db = _factory.Db();
        Assert.Equal(ImportFileState.Refused, (await db.ImportFiles.SingleAsync(f => f.BatchId == second)).State);
        var lines = await db.AuditLog.Where(a => a.Action == "import.accept").OrderBy(a => a.Id).Select(a => a.EntityId + " " + a.Detail).ToListAsync();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith($"{first}/1 source.html：已作为历史报告发布", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{second}/1 again.html：未能导入，", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_whose_body_moved_to_another_region_since_it_was_read_is_refused_at_accept()
    {
        var client = Client(Reviewer);
        var batch = await UploadAsync(client, Real("14-pingtan-2024", "source.html"));
        await PostAsync(client, $"/review/import/{batch}", $"/review/import/{batch}?handler=Fix&position=1",
            new FormUrlEncodedContent(new Dictionary<string, string>
            { ["bodyId"] = _world.CountyDept.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["year"] = "2024" }));
        using (var db = _factory.Db())
        {
            // An administrator moves the body to the other county: this reviewer no longer covers it.
            var body = await db.Bodies.Include(b => b.Region).SingleAsync(b => b.Id == _world.CountyDept.Id);
            body.Change(body.Name, body.Kind, await db.Regions.SingleAsync(r => r.Id == _world.OtherCounty.Id));
            await db.SaveChangesAsync();
        }
        var page = await PostAsync(client, $"/review/import/{batch}", $"/review/import/{batch}?handler=Accept&position=1",
            new FormUrlEncodedContent([]));

        Assert.Contains("「缙云县教育局」已不属于本批次的区划，不能由本批次导入", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
        using var check = _factory.Db();
        Assert.Equal(0, await check.Reports.CountAsync(r => r.BodyId == _world.CountyDept.Id && r.Year == 2024));
    }

    [Fact]
    public async Task Another_regions_reviewer_sees_no_batch_and_a_clerk_cannot_import()
    {
        var id = await UploadAsync(Client(Reviewer), Real("14-pingtan-2024", "source.html"));

        var other = Client(OtherReviewer);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/review/import/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/review/import/{id}/files/1", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/review/import/{id}/files/1?handler=Source", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain($"第 {id} 批", await other.GetStringAsync(new Uri("/review/import", UriKind.Relative)), StringComparison.Ordinal);

        var clerk = Client(TestAuthHandler.Clerk(TestWorld.Clerk.Id, _world.TownshipGov.Id, "张填报"));
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync(new Uri("/review/import", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_upload_of_more_than_five_hundred_files_is_refused_whole()
    {
        var client = Client(Reviewer);
        var form = new MultipartFormDataContent();
        for (var i = 0; i <= BatchUnpacker.MaxFiles; i++) form.Add(new ByteArrayContent([(byte)(i % 256), (byte)(i / 256)]), "files", $"r{i}.txt");

        var response = await PostAsync(client, "/review/import", "/review/import", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("一批最多 500 个文件，请分批上传", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var db = _factory.Db();
        Assert.Equal(0, await db.ImportBatches.CountAsync());
    }

    [Fact]
    public async Task A_name_near_two_bodies_asks_the_reviewer_who_may_choose_only_a_body_of_the_region()
    {
        using (var db = _factory.Db())
        {
            var county = await db.Regions.SingleAsync(r => r.Id == _world.County.Id);
            db.Bodies.AddRange(new Domain.Regions.Body("pt-fz", "福州市平潭综合实验区", Domain.Regions.BodyKind.CountyGovernment, county),
                new Domain.Regions.Body("pt-fj", "福建省平潭综合实验区", Domain.Regions.BodyKind.CountyGovernment, county));
            await db.SaveChangesAsync();
        }
        var client = Client(Reviewer);
        // The same report twice, as a web page and as its text: one body-year, so the second is refused.
        var id = await UploadAsync(client, Real("14-pingtan-2024", "source.html", "平潭2024.html"), Real("14-pingtan-2024", "text.txt", "平潭2024.txt"));

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/review/import/{id}", UriKind.Relative)));
        Assert.Contains("与两个单位相符：福州市平潭综合实验区、福建省平潭综合实验区，请选择", page, StringComparison.Ordinal);
        Assert.Contains("与本批中另一个文件是同一单位同一年度（平潭综合实验区 2024 年）的报告", page, StringComparison.Ordinal);

        // A body of another county is not the reviewer's to import into; nothing changes.
        var refused = await PostAsync(client, $"/review/import/{id}", $"/review/import/{id}?handler=Fix&position=1",
            new FormUrlEncodedContent(new Dictionary<string, string>
            { ["bodyId"] = _world.OtherCountyDept.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["year"] = "2024" }));
        Assert.Contains("请选择本区划的单位", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var accept = await PostAsync(client, $"/review/import/{id}", $"/review/import/{id}?handler=Accept&position=1", new FormUrlEncodedContent([]));
        Assert.Contains("与两个单位相符", WebUtility.HtmlDecode(await accept.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using (var db = _factory.Db())
        {
            Assert.Equal(0, await db.Reports.CountAsync());
            var file = await db.ImportFiles.SingleAsync(f => f.BatchId == id && f.Position == 1);
            Assert.Null(file.BodyId);
        }

        var chosen = await PostAsync(client, $"/review/import/{id}", $"/review/import/{id}?handler=Fix&position=1",
            new FormUrlEncodedContent(new Dictionary<string, string>
            { ["bodyId"] = (await BodyIdAsync("pt-fj")).ToString(System.Globalization.CultureInfo.InvariantCulture), ["year"] = "2024" }));
        Assert.Contains("单位 福建省平潭综合实验区，2024 年", WebUtility.HtmlDecode(await chosen.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    private async Task<int> BodyIdAsync(string code)
    {
        await using var db = _factory.Db();
        return await db.Bodies.Where(b => b.Code == code).Select(b => b.Id).SingleAsync();
    }
}
