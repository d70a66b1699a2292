using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Web.Publishing;
using DisclosurePortal.Web.Security;
using Microsoft.EntityFrameworkCore;

using DisclosurePortal.Web.PublicSite;

namespace DisclosurePortal.Web.OpenData;

/// <summary>
/// Every published report of a region (and its sub-regions) for one year as one table: one row per
/// body, one column per figure cell. Row 1 holds the stable column codes, row 2 their Chinese labels, both read from
/// the format definition; the XLSX adds a sheet 「字段说明」 describing every column. The JSON holds the same reports,
/// each with its figures keyed as in the report's JSON form.
/// </summary>
internal static class BulkDownloads
{
    public const string SupportedFormats = ".csv、.xlsx、.json";

    public static void Map(IEndpointRouteBuilder app)
    {
        var bulk = app.MapGroup("/open-data/{region}").RequireCors(OpenDataSetup.CorsPolicy)
            .CacheOutput(PublicCache.Policy).RequireRateLimiting(ClientRateLimits.Downloads).WithTags("批量下载");
        bulk.MapGet("/{year:int}.csv", Csv)
            .WithName("BulkCsv")
            .WithSummary("区划（含下级区划）某年度全部已发布报告的数字，CSV（UTF-8 带 BOM）：每个单位一行，每个单元格一列")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
        bulk.MapGet("/{year:int}.xlsx", Xlsx)
            .WithName("BulkXlsx")
            .WithSummary("同上，Excel 工作簿（.xlsx），另附「字段说明」工作表")
            .Produces(StatusCodes.Status200OK, contentType: XlsxType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        bulk.MapGet("/{year:int}.json", Json)
            .WithName("BulkJson")
            .WithSummary("同上，JSON：每份报告的单位、修订版本、发布时间和全部数字（按报告 JSON 形式的 表格 → 行 → 列 编排）")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        bulk.MapGet("/{year:int}/scorecard.csv", ScorecardCsv)
            .WithName("ScorecardCsv")
            .WithSummary("区划（含下级区划）某年度报告质量评估：每个单位是否按时发布、阻断性与提示性问题数、雷同、报告格式，CSV（UTF-8 带 BOM）")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
        bulk.MapGet("/{year}.{format}", (HttpContext ctx, string year, string format) => OpenDataResults.NotFound(ctx,
            OpenDataResults.NotAYear(year) ?? $"不支持「.{format}」格式的批量下载：可下载 {SupportedFormats}"))
            .WithOrder(1000).ExcludeFromDescription();
    }

    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Columns for people hold Chinese labels and Beijing time; the *_code and *_iso columns are for programs.
    private static readonly (string Code, string Label)[] FixedColumns =
    [
        ("body_code", "单位代码"), ("body_name", "单位名称"), ("body_kind", "单位类型"), ("body_kind_code", "单位类型代码"),
        ("region_code", "区划代码"), ("region_name", "区划名称"), ("year", "年度"),
        ("revision", "修订版本"), ("published_at", "发布时间（北京时间）"), ("published_at_iso", "发布时间（ISO 8601，含时区）"),
    ];

    private sealed record Target(Region Region, int Year, ReportFormat Format);

    private static async Task<(Target? Target, IResult? Problem)> ResolveAsync(HttpContext ctx, PortalDbContext db,
        string region, int year, CancellationToken ct)
    {
        if (!OpenDataResults.IsReportYear(year)) return (null, OpenDataResults.NotFound(ctx, OpenDataResults.YearProblem(year)));
        var found = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == region, ct);
        if (found is null) return (null, OpenDataResults.NotFound(ctx, $"没有代码为「{region}」的区划"));
        return (new Target(found, year, ReportFormats.ForYear(year)!), null);
    }

    private static async Task<IResult> ScorecardCsv(HttpContext ctx, PortalDbContext db, TimeProvider clock, string region, int year,
        string? sort, string? desc, CancellationToken ct)
    {
        if (!OpenDataResults.IsReportYear(year)) return OpenDataResults.NotFound(ctx, OpenDataResults.YearProblem(year));
        var card = await Scorecard.LoadAsync(db, region, year, clock.GetUtcNow(), ct);
        if (card is null) return OpenDataResults.NotFound(ctx, $"没有代码为「{region}」的区划");
        return Results.File(Encoding.UTF8.GetBytes(card.ToCsv(sort, desc == "1")), "text/csv; charset=utf-8",
            OpenDataResults.FileName($"{card.Region.Name}-{year}-年度报告质量评估", null, "csv"));
    }

    private static async Task<IResult> Csv(HttpContext ctx, PortalDbContext db, string region, int year, CancellationToken ct)
    {
        var (target, problem) = await ResolveAsync(ctx, db, region, year, ct);
        if (target is null) return problem!;
        return Results.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false), 1 << 16);
            // The BOM tells Excel the file is UTF-8 (written by hand: StreamWriter skips it on some streams).
            await writer.WriteAsync('\uFEFF');
            await writer.WriteAsync(CsvText.Line([.. FixedColumns.Select(c => c.Code), .. target.Format.Cells.Select(c => c.Ref.ToString())]));
            await writer.WriteAsync(CsvText.Line([.. FixedColumns.Select(c => c.Label), .. target.Format.Cells.Select(c => CsvText.Text(CellLabels.Full(c)))]));
            await foreach (var row in PublishedReports.FiguresAsync(db, target.Region.Id, year).WithCancellation(ct))
                await writer.WriteAsync(CsvText.Line(Values(row, target).Select(v => v switch
                {
                    null => "",
                    string s => CsvText.Text(s),
                    decimal d => d.ToString(CultureInfo.InvariantCulture),
                    _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
                })));
        }, "text/csv; charset=utf-8", FileName(target, "csv"));
    }

    private static async Task<IResult> Xlsx(HttpContext ctx, PortalDbContext db, string region, int year, CancellationToken ct)
    {
        var (target, problem) = await ResolveAsync(ctx, db, region, year, ct);
        if (target is null) return problem!;
        // A zip is written synchronously; a temporary file keeps a province's workbook out of memory and off the
        // response stream (Kestrel refuses synchronous writes). It is deleted when the response is done.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using (var xlsx = new XlsxWriter(file))
            {
                using (var data = xlsx.AddSheet("数据", frozenRows: 2))
                {
                    data.Row([.. FixedColumns.Select(c => c.Code), .. target.Format.Cells.Select(c => c.Ref.ToString())]);
                    data.Row([.. FixedColumns.Select(c => c.Label), .. target.Format.Cells.Select(CellLabels.Full)]);
                    await foreach (var row in PublishedReports.FiguresAsync(db, target.Region.Id, year).WithCancellation(ct))
                        data.Row(Values(row, target));
                }
                using var fields = xlsx.AddSheet("字段说明", frozenRows: 1);
                fields.Row(["代码", "表格", "行", "列", "单位"]);
                foreach (var (code, label) in FixedColumns) fields.Row([code, null, null, label, null]);
                foreach (var cell in target.Format.Cells)
                    fields.Row([cell.Ref.ToString(), CellLabels.Table(cell), CellLabels.RowPath(cell), CellLabels.Column(cell),
                        cell.Kind == ValueKind.Money ? "万元" : "件"]);
            }
            file.Position = 0;
            return Results.File(file, XlsxType, FileName(target, "xlsx"));
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static async Task<IResult> Json(HttpContext ctx, PortalDbContext db, string region, int year, CancellationToken ct)
    {
        var (target, problem) = await ResolveAsync(ctx, db, region, year, ct);
        if (target is null) return problem!;
        return Results.Stream(async body =>
        {
            // Written report by report and flushed after each, like the CSV: a province's year never sits in memory.
            await using var w = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            w.WriteStartObject();
            WriteRegion(w, target.Region.Code, target.Region.Name);
            w.WriteNumber("year", year);
            w.WriteString("formatVersion", target.Format.Version);
            w.WriteStartArray("reports");
            await foreach (var row in PublishedReports.FiguresAsync(db, target.Region.Id, year).WithCancellation(ct))
            {
                w.WriteStartObject();
                w.WriteStartObject("body");
                w.WriteString("code", row.BodyCode);
                w.WriteString("name", row.BodyName);
                w.WriteString("kind", row.BodyKind);
                w.WriteString("kindLabel", BodyKinds.LabelOf(row.BodyKind));
                w.WriteEndObject();
                WriteRegion(w, row.RegionCode, row.RegionName);
                w.WriteNumber("revision", row.Revision);
                // As the report's JSON form writes it: ISO 8601 with its offset (UTC).
                w.WriteString("publishedAt", row.PublishedAt.ToUniversalTime());
                var links = ApiV1.Links(row.BodyCode, year);
                w.WriteStartObject("links");
                w.WriteString("page", links.Page);
                w.WriteString("json", links.Json);
                w.WriteString("csv", links.Csv);
                w.WriteString("pdf", links.Pdf);
                w.WriteEndObject();
                w.WritePropertyName("figures");
                ReportJson.WriteFigures(w, new ReportData(target.Format, Figures(row), new Dictionary<string, string>()));
                w.WriteEndObject();
                await w.FlushAsync(ct);
            }
            w.WriteEndArray();
            w.WriteEndObject();
            await w.FlushAsync(ct);
        }, "application/json; charset=utf-8", FileName(target, "json"));
    }

    private static void WriteRegion(Utf8JsonWriter w, string code, string name)
    {
        w.WriteStartObject("region");
        w.WriteString("code", code);
        w.WriteString("name", name);
        w.WriteEndObject();
    }

    private static string FileName(Target t, string extension) =>
        OpenDataResults.FileName($"{t.Region.Name}{t.Year}年度政府信息公开工作年度报告数据", null, extension);

    private static IEnumerable<object?> Values(PublishedFigures row, Target target)
    {
        var figures = Figures(row);
        yield return row.BodyCode;
        yield return row.BodyName;
        yield return BodyKinds.LabelOf(row.BodyKind);
        yield return row.BodyKind;
        yield return row.RegionCode;
        yield return row.RegionName;
        yield return target.Year;
        yield return row.Revision;
        yield return BeijingTime.Format(row.PublishedAt);
        yield return BeijingTime.Iso8601(row.PublishedAt);
        foreach (var cell in target.Format.Cells)
            yield return figures.TryGetValue(cell.Ref, out var v) ? v : null;
    }

    /// <summary>The stored counts and amounts (jsonb, keyed by cell code) as one figure per cell.</summary>
    private static Dictionary<CellRef, decimal> Figures(PublishedFigures row)
    {
        var figures = new Dictionary<CellRef, decimal>();
        foreach (var json in new[] { row.Counts, row.Amounts })
        foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, decimal>>(json) ?? [])
            if (CellRef.TryParse(key, out var cell)) figures[cell] = value;
        return figures;
    }
}
