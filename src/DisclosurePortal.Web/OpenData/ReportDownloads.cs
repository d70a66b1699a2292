using System.Text;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Web.Publishing;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.OpenData;

/// <summary>
/// A published report's data beside its page: /reports/{body}/{year}.json is the JSON form that the
/// verification code hashes (VerificationCode: SHA-256 of exactly these UTF-8 bytes), /reports/{body}/{year}.csv one
/// line per figure cell. Any other extension is a 404 page that names the formats there are.
/// </summary>
internal static class ReportDownloads
{
    public const string SupportedFormats = ".json、.csv，以及正式 PDF（地址以 /pdf 结尾）";

    public static void Map(IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/reports/{body}").RequireCors(OpenDataSetup.CorsPolicy)
            .CacheOutput(PublicCache.Policy).WithTags("单份报告下载");
        reports.MapGet("/{year:int}.json", Json)
            .WithName("DownloadReportJson")
            .WithSummary("报告的 JSON 形式（已发布的最新修订版；校验码即其 SHA-256 的前 8 位）")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapGet("/{year:int}.csv", Csv)
            .WithName("DownloadReportCsv")
            .WithSummary("报告的数字部分，CSV（UTF-8 带 BOM），每个单元格一行：表格、行、列、代码、数值")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
        // After every other route of this shape (the PDF's included): only what nothing else serves comes here.
        reports.MapGet("/{year}.{format}", Unsupported).WithOrder(1000).ExcludeFromDescription();
    }

    private static async Task<IResult> Json(HttpContext ctx, PortalDbContext db, string body, int year, CancellationToken ct)
    {
        if (await FindAsync(ctx, db, body, year, ct) is not { } found) return Missing(ctx, body, year);
        var bytes = Encoding.UTF8.GetBytes(ReportJson.Serialize(found.Document));
        return Results.File(bytes, "application/json; charset=utf-8",
            OpenDataResults.FileName(found.Title, found.Revision, "json"));
    }

    private static async Task<IResult> Csv(HttpContext ctx, PortalDbContext db, string body, int year, CancellationToken ct)
    {
        if (await FindAsync(ctx, db, body, year, ct) is not { } found) return Missing(ctx, body, year);
        // The BOM tells Excel the file is UTF-8; without it Chinese labels open as mojibake on Windows.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(FigureCsv.Write(found.Document.Data))).ToArray();
        return Results.File(bytes, "text/csv; charset=utf-8", OpenDataResults.FileName(found.Title, found.Revision, "csv"));
    }

    private static IResult Unsupported(HttpContext ctx, string body, string year, string format) =>
        // The official PDF lives at …/{year}/pdf (Publishing/PdfEndpoints.cs); «.pdf» is what people type.
        format.Equals("pdf", StringComparison.OrdinalIgnoreCase) && int.TryParse(year, out var y)
            ? Results.Redirect($"/reports/{Uri.EscapeDataString(body)}/{y}/pdf")
            : OpenDataResults.NotFound(ctx, OpenDataResults.NotAYear(year)
                ?? $"不支持「.{format}」格式的下载：每份已发布的报告可下载 {SupportedFormats}");

    private static IResult Missing(HttpContext ctx, string body, int year) =>
        OpenDataResults.NotFound(ctx, OpenDataResults.IsReportYear(year)
            ? $"单位代码「{body}」没有已发布的 {year} 年度报告"
            : OpenDataResults.YearProblem(year));

    internal sealed record Found(ReportDocument Document, string Title, int Revision);

    /// <summary>The latest published revision of the body's report for the year, or a given published one.</summary>
    internal static async Task<Found?> FindAsync(HttpContext ctx, PortalDbContext db, string body, int year,
        CancellationToken ct, int? number = null)
    {
        if (!OpenDataResults.IsReportYear(year)) return null;
        var revision = await db.PublishedRevisions(number).Include(v => v.Report).ThenInclude(r => r.Body)
            .SingleOrDefaultAsync(v => v.Report.Body.Code == body && v.Report.Year == year, ct);
        if (revision is null) return null;
        OpenDataResults.TagReport(ctx, body, year);
        var report = revision.Report;
        return new Found(ReportDocument.From(report, revision), Pdf.ReportTitle.For(revision.BodyName, year), revision.Number);
    }
}
