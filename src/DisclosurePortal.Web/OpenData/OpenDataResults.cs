using System.Net;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Web.Publishing;
using Microsoft.AspNetCore.OutputCaching;

namespace DisclosurePortal.Web.OpenData;

/// <summary>
/// Errors of the open-data endpoints: RFC 9457 problem details (application/problem+json) with a Chinese title and
/// detail for programs; a short Chinese page for a person who typed a download address into a browser. Never 500
/// for bad input.
/// </summary>
internal static class OpenDataResults
{
    public static IResult NotFound(HttpContext ctx, string detail) => Problem(ctx, StatusCodes.Status404NotFound, "未找到", detail);

    public static IResult BadRequest(HttpContext ctx, string detail) => Problem(ctx, StatusCodes.Status400BadRequest, "请求有误", detail);

    private static IResult Problem(HttpContext ctx, int status, string title, string detail)
    {
        var accept = ctx.Request.Headers.Accept.ToString();
        if (!ctx.Request.Path.StartsWithSegments("/api") && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
            return Results.Content($"""
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{WebUtility.HtmlEncode(title)}</title><link rel="stylesheet" href="/css/site.css"></head>
                <body><main><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(detail)}</p>
                <p><a href="/open-data">开放数据说明</a> · <a href="/">返回首页</a></p></main></body></html>
                """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
        return TypedResults.Problem(detail, statusCode: status, title: title);
    }

    /// <summary>Years that can have a published report: from the first national format to this year in Beijing.</summary>
    public static bool IsReportYear(int year) =>
        year >= ReportFormats.All.Min(f => f.FirstYear) && year <= ThisYear && ReportFormats.ForYear(year) is not null;

    /// <summary>The year of a download address that is not a year at all (「abc」, eleven digits), or null.</summary>
    public static string? NotAYear(string year) =>
        int.TryParse(year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? null : $"「{year}」不是年度：请写四位数字的年度，如 2024";

    public static string YearProblem(int year) =>
        $"没有 {year} 年度的报告：可查询 {ReportFormats.All.Min(f => f.FirstYear)}–{ThisYear} 年度";

    private static int ThisYear => BeijingTime.Day(DateTimeOffset.UtcNow).Year;

    /// <summary>A download of one report is evicted with that report's pages when a revision is published.</summary>
    public static void TagReport(HttpContext ctx, string bodyCode, int year) =>
        ctx.Features.Get<IOutputCacheFeature>()?.Context.Tags.Add(PublicCache.ReportTag(bodyCode, year));

    /// <summary>「钱店镇人民政府2024年政府信息公开工作年度报告（第2版）.csv」; characters a file system refuses are dropped.</summary>
    public static string FileName(string title, int? revision, string extension)
    {
        var safe = new string(title.Where(c => !char.IsControl(c) && c is not ('/' or '\\' or '"' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray());
        return revision is > 1 ? $"{safe}（第{revision}版）.{extension}" : $"{safe}.{extension}";
    }
}
