using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// Publication through the review page: the confirmation step, the verification code the PDF prints against the
/// one the public page shows, and a published report left as published when its body is renamed.
/// </summary>
public sealed partial class ReviewWorkflowTests
{
    private static readonly Dictionary<string, string> Confirmed = new() { ["Confirm"] = "true" };

    /// <summary>Publishes the current revision as the confirmation step does, and checks that it did.</summary>
    private async Task PublishConfirmedAsync()
    {
        var (response, html) = await DecideAsync(Client(Reviewer()), _submittedId, "Publish", Confirmed);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, html);
        Assert.Equal(RevisionStatus.Published, Current(_submittedId).Status);
    }

    /// <summary>The clerk's correction of a prose part, submitted, as the entry form makes it.</summary>
    private void SubmitCorrection(string note, string activeProse)
    {
        using var db = _factory.Db();
        var report = db.Reports.Include(r => r.Body).Include(r => r.Revisions).Single(r => r.Id == _submittedId);
        var now = DateTimeOffset.UtcNow;
        var correction = report.StartCorrection(note, TestWorld.Clerk, now);
        correction.Save(new Dictionary<CellRef, decimal?>(), new Dictionary<string, string?> { [Format2021.ProseActive] = activeProse },
            FigureEntry.AsGiven, TestWorld.Clerk, now);
        correction.Submit(report.Body.Kind, null, null, TestWorld.Clerk, now);
        db.SaveChanges();
    }

    private async Task<string> PublicHtmlAsync(string path) =>
        WebUtility.HtmlDecode(await _factory.CreateClient().GetStringAsync(new Uri(path, UriKind.Relative)));

    private async Task<byte[]> PublicBytesAsync(string path) =>
        await _factory.CreateClient().GetByteArrayAsync(new Uri(path, UriKind.Relative));

    private static string CodeOnPage(string html) => PageCode().Match(html) is { Success: true } m
        ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("no verification code on the page");

    private static string PdfText(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        return string.Concat(pdf.GetPages().Select(p => p.Text));
    }

    private static string LastPageText(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        return pdf.GetPage(pdf.NumberOfPages).Text;
    }

    /// <summary>The code of the page is printed on its PDF's last page and is the hash of its JSON form.</summary>
    private async Task AssertPdfAndJsonCarryThePageCodeAsync(string page, string? json = null)
    {
        var code = CodeOnPage(await PublicHtmlAsync(page));
        Assert.Contains($"校验码 {code}", LastPageText(await PublicBytesAsync(page + "/pdf")), StringComparison.Ordinal);
        if (json is null) return;
        var hex = Convert.ToHexString(SHA256.HashData(await PublicBytesAsync(json)), 0, 4);
        Assert.Equal(code, $"{hex[..4]}-{hex[4..]}");
    }

    [GeneratedRegex("校验码 <strong class=\"code\">([0-9A-F]{4}-[0-9A-F]{4})</strong>")]
    private static partial Regex PageCode();

    [Fact]
    public async Task The_pdf_of_a_report_published_on_the_review_page_prints_the_code_its_page_shows_also_after_a_correction()
    {
        await PublishConfirmedAsync();
        await AssertPdfAndJsonCarryThePageCodeAsync("/reports/qiandian/2024", "/reports/qiandian/2024.json");
        var first = CodeOnPage(await PublicHtmlAsync("/reports/qiandian/2024"));

        SubmitCorrection("（一）主动公开的文字有误", "本年度主动公开政府信息的情况（更正后）。");
        await PublishConfirmedAsync();

        await AssertPdfAndJsonCarryThePageCodeAsync("/reports/qiandian/2024", "/reports/qiandian/2024.json");
        await AssertPdfAndJsonCarryThePageCodeAsync("/reports/qiandian/2024/revisions/1");
        Assert.Equal(first, CodeOnPage(await PublicHtmlAsync("/reports/qiandian/2024/revisions/1")));
        Assert.NotEqual(first, CodeOnPage(await PublicHtmlAsync("/reports/qiandian/2024")));
    }

    [Fact]
    public async Task Renaming_the_body_and_changing_its_kind_leaves_a_published_report_as_published_and_shows_on_the_next()
    {
        await PublishConfirmedAsync();
        var pageBefore = await PublicHtmlAsync("/reports/qiandian/2024");
        var json = await PublicBytesAsync("/reports/qiandian/2024.json");
        var pdf = await PublicBytesAsync("/reports/qiandian/2024/pdf");

        var admin = Client($"admin-1|管理员|{PortalAuth.Administrator}");
        var renamed = await admin.PostFormAsync($"/Admin/Bodies/Edit?id={_world.TownshipGov.Id}", new()
        {
            ["Change.Name"] = "钱店镇人民政府（撤并后）", ["Change.Kind"] = "SubDistrictOffice",
            ["Change.RegionId"] = _world.Township.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);

        var pageAfter = await PublicHtmlAsync("/reports/qiandian/2024");
        Assert.Contains("<h1>钱店镇人民政府2024年政府信息公开工作年度报告</h1>", pageAfter, StringComparison.Ordinal);
        Assert.DoesNotContain("撤并后", pageAfter, StringComparison.Ordinal);
        Assert.Equal(CodeOnPage(pageBefore), CodeOnPage(pageAfter));
        Assert.Equal(json, await PublicBytesAsync("/reports/qiandian/2024.json"));
        Assert.Equal(pdf, await PublicBytesAsync("/reports/qiandian/2024/pdf"));
        var listed = await PublicHtmlAsync($"/api/v1/regions/{_world.Township.Code}/reports/2024");
        Assert.Contains("TownshipGovernment", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("SubDistrictOffice", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("撤并后", listed, StringComparison.Ordinal);

        // The body's years name the reports published under its former name.
        Assert.Contains("2024 年度报告（原名称：钱店镇人民政府）", await PublicHtmlAsync("/compare?body=qiandian"), StringComparison.Ordinal);

        // The next report of the body is published under the new name and kind; the first keeps its own.
        SubmitCorrection("（一）主动公开的文字有误", "本年度主动公开政府信息的情况（更正后）。");
        await PublishConfirmedAsync();
        Assert.Contains("<h1>钱店镇人民政府（撤并后）2024年政府信息公开工作年度报告</h1>", await PublicHtmlAsync("/reports/qiandian/2024"),
            StringComparison.Ordinal);
        using (var next = JsonDocument.Parse(await PublicBytesAsync("/reports/qiandian/2024.json")))
            Assert.Equal("SubDistrictOffice", next.RootElement.GetProperty("body").GetProperty("kind").GetString());
        Assert.Contains("钱店镇人民政府（撤并后）", PdfText(await PublicBytesAsync("/reports/qiandian/2024/pdf")), StringComparison.Ordinal);
        Assert.Equal(pdf, await PublicBytesAsync("/reports/qiandian/2024/revisions/1/pdf"));
    }

    [Fact]
    public async Task Publishing_asks_for_a_confirmation_naming_body_year_and_version_and_an_unconfirmed_post_is_refused()
    {
        var client = Client(Reviewer());
        var review = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/review/reports/{_submittedId}", UriKind.Relative)));
        var version = VersionField().Match(review).Groups[1].Value;
        Assert.Matches($"<form method=\"get\" action=\"/review/reports/{_submittedId}#confirm-publish\"", review);
        Assert.Contains("class=\"consequential\"", review, StringComparison.Ordinal);

        var confirm = WebUtility.HtmlDecode(await client.GetStringAsync(
            new Uri($"/review/reports/{_submittedId}?confirm=publish&version={version}", UriKind.Relative)));
        Assert.Contains("确认发布 钱店镇人民政府 2024 年度报告（第 1 版）？发布后不可撤回，只能以更正版替换。", confirm, StringComparison.Ordinal);
        Assert.Contains("name=\"Confirm\" value=\"true\"", confirm, StringComparison.Ordinal);
        Assert.Equal(RevisionStatus.Submitted, Current(_submittedId).Status);

        var (refused, html) = await DecideAsync(client, _submittedId, "Publish");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("发布前须确认", html, StringComparison.Ordinal);
        Assert.Contains("确认发布 钱店镇人民政府 2024 年度报告（第 1 版）", html, StringComparison.Ordinal);
        Assert.Equal(RevisionStatus.Submitted, Current(_submittedId).Status);
        using (var db = _factory.Db()) Assert.Empty(db.PublishedPdfs);

        var (published, _) = await DecideAsync(client, _submittedId, "Publish", Confirmed, fromHtml: confirm);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(RevisionStatus.Published, Current(_submittedId).Status);
    }
}
