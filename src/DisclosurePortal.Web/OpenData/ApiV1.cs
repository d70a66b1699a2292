using System.Globalization;
using System.Text;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Web.Publishing;
using DisclosurePortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.OpenData;

public sealed record RegionRef(string Code, string Name);

public sealed record ReportLinks(string Page, string Json, string Csv, string Pdf);

public sealed record BodySummary(string Code, string Name, string Kind, string KindLabel, RegionRef Region);

public sealed record PublishedReportRef(int Year, int Revision, DateTimeOffset PublishedAt, ReportLinks Links);

public sealed record BodyDetail(string Code, string Name, string Kind, string KindLabel, RegionRef Region,
    IReadOnlyList<PublishedReportRef> Reports);

public sealed record RegionDetail(string Code, string Name, string Level, RegionRef? Parent, IReadOnlyList<RegionRef> Children);

public sealed record RegionReport(BodySummary Body, int Year, int Revision, DateTimeOffset PublishedAt, ReportLinks Links);

/// <summary>One page of a list. <see cref="Next"/> is the address of the next page, null on the last one.</summary>
public sealed record ResultPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, string? Next);

/// <summary>
/// Sums of every figure over the published reports of a region tree for a year, nested table → row → column like
/// the report JSON; a cell that no report filled in is null.
/// </summary>
public sealed record RegionAggregateDto(RegionRef Region, int Year, string FormatVersion, int ReportCount,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal?>>> Figures);

/// <summary>
/// The read API, /api/v1: bodies, their published reports, regions, the published reports of a
/// region and year, and aggregates. Stable identifiers only (body code, region code, year, revision number); no
/// database id leaves the server. Drafts, submitted and returned revisions do not exist here.
/// </summary>
internal static class ApiV1
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    /// <summary>Deep offsets cost the database a scan each; no listing here has 200 × 10,000 rows.</summary>
    public const int MaxPage = 10_000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireCors(OpenDataSetup.CorsPolicy).CacheOutput(PublicCache.Policy)
            .RequireRateLimiting(ClientRateLimits.Api)
            .WithTags("开放数据接口").ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/bodies", Bodies).WithName("ListBodies")
            .WithSummary("单位列表；q 按单位或区划名称的一部分、或单位代码检索，空格分隔的各词须都匹配").ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/bodies/{code}", Body).WithName("GetBody").WithSummary("单位及其已发布的各年度报告");
        api.MapGet("/bodies/{code}/reports/{year:int}", (HttpContext ctx, PortalDbContext db, string code, int year,
                CancellationToken ct) => ReportJsonOf(ctx, db, code, year, null, ct))
            .WithName("GetReport").WithSummary("报告的 JSON 形式（已发布的最新修订版），与 /reports/{body}/{year}.json 字节相同")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        api.MapGet("/bodies/{code}/reports/{year:int}/revisions/{number:int}", (HttpContext ctx, PortalDbContext db,
                string code, int year, int number, CancellationToken ct) => ReportJsonOf(ctx, db, code, year, number, ct))
            .WithName("GetReportRevision").WithSummary("报告某一已发布修订版的 JSON 形式（更正前的版本仍可读）")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        api.MapGet("/regions", Regions).WithName("ListRegions").WithSummary("顶级区划");
        api.MapGet("/regions/{code}", Region).WithName("GetRegion").WithSummary("区划及其上级、下级区划");
        api.MapGet("/regions/{code}/reports/{year:int}", RegionReports).WithName("ListRegionReports")
            .WithSummary("区划（含下级区划）某年度已发布的报告，按单位代码排序").ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/regions/{code}/aggregates/{year:int}", Aggregate).WithName("GetRegionAggregate")
            .WithSummary("区划（含下级区划）某年度全部已发布报告的数字之和（在数据库中求和）");
        // Anything else under /api — a mistyped path, a year that is not a number — is a 404 problem, not an HTML page.
        api.MapGet("/{**path}", (HttpContext ctx, string path) =>
            OpenDataResults.NotFound(ctx, $"没有这个接口：/api/v1/{path}（接口说明见 /openapi/v1.json）"))
            .WithOrder(1000).ExcludeFromDescription();
    }

    internal static ReportLinks Links(string body, int year) => new(
        $"/reports/{Uri.EscapeDataString(body)}/{year}", $"/reports/{Uri.EscapeDataString(body)}/{year}.json",
        $"/reports/{Uri.EscapeDataString(body)}/{year}.csv", $"/reports/{Uri.EscapeDataString(body)}/{year}/pdf");

    private static BodySummary Summary(Body b) =>
        new(b.Code, b.Name, b.Kind.ToString(), b.Kind.Label(), new RegionRef(b.Region.Code, b.Region.Name));

    /// <summary>page and pageSize as typed: a clear 400 for "abc", 0, -1, 201 or a page past <see cref="MaxPage"/>.</summary>
    private static bool TryPaging(HttpContext ctx, string? page, string? pageSize, out int p, out int size, out IResult? problem)
    {
        p = 1;
        size = DefaultPageSize;
        problem = null;
        if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out p) || p < 1 || p > MaxPage))
            problem = OpenDataResults.BadRequest(ctx, $"页码 page 应为 1 到 {MaxPage} 之间的整数");
        else if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size)
                 || size < 1 || size > MaxPageSize))
            problem = OpenDataResults.BadRequest(ctx, $"每页条数 pageSize 应为 1 到 {MaxPageSize} 之间的整数");
        return problem is null;
    }

    private static string? NextPage(HttpContext ctx, int page, int size, bool more)
    {
        if (!more || page >= MaxPage) return null;
        var query = ctx.Request.Query.Where(kv => kv.Key is not ("page" or "pageSize"))
            .Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value.ToString())}")
            .Append($"page={page + 1}").Append($"pageSize={size}");
        return $"{ctx.Request.Path}?{string.Join("&", query)}";
    }

    private static async Task<IResult> Bodies(HttpContext ctx, PortalDbContext db, string? q, string? page,
        string? pageSize, CancellationToken ct)
    {
        if (!TryPaging(ctx, page, pageSize, out var p, out var size, out var problem)) return problem!;
        // PostgreSQL refuses NUL in text; a program sending control characters is told so rather than served a guess.
        if (Domain.VisibleText.HasControl(q)) return OpenDataResults.BadRequest(ctx, "检索词 q 不能含控制字符（如 NUL）");
        var term = BodySearch.Clean(q);
        if (term.Length > 100) return OpenDataResults.BadRequest(ctx, "检索词 q 最多 100 个字符");
        // Results are in code order, stable across pages.
        var query = db.BodiesMatching(term).AsNoTracking().Include(b => b.Region).OrderBy(b => b.Code);
        var rows = await query.Skip((p - 1) * size).Take(size + 1).ToListAsync(ct);
        return TypedResults.Ok(new ResultPage<BodySummary>([.. rows.Take(size).Select(Summary)], p, size,
            NextPage(ctx, p, size, rows.Count > size)));
    }

    private static async Task<IResult> Body(HttpContext ctx, PortalDbContext db, string code, CancellationToken ct)
    {
        var body = await db.Bodies.AsNoTracking().Include(b => b.Region).SingleOrDefaultAsync(b => b.Code == code, ct);
        if (body is null) return OpenDataResults.NotFound(ctx, $"没有代码为「{code}」的单位");
        var reports = await db.CurrentPublishedRevisions().AsNoTracking()
            .Where(v => v.Report.BodyId == body.Id)
            .Select(v => new { v.Report.Year, v.Number, v.PublishedAt })
            .ToListAsync(ct);
        return TypedResults.Ok(new BodyDetail(body.Code, body.Name, body.Kind.ToString(), body.Kind.Label(),
            new RegionRef(body.Region.Code, body.Region.Name),
            [.. reports.OrderByDescending(r => r.Year).Select(r => new PublishedReportRef(r.Year, r.Number, r.PublishedAt!.Value, Links(body.Code, r.Year)))]));
    }

    private static async Task<IResult> ReportJsonOf(HttpContext ctx, PortalDbContext db, string code, int year,
        int? number, CancellationToken ct)
    {
        if (await ReportDownloads.FindAsync(ctx, db, code, year, ct, number) is not { } found)
            return OpenDataResults.NotFound(ctx, !OpenDataResults.IsReportYear(year) ? OpenDataResults.YearProblem(year)
                : number is { } n ? $"单位代码「{code}」的 {year} 年度报告没有已发布的第 {n} 版"
                : $"单位代码「{code}」没有已发布的 {year} 年度报告");
        return TypedResults.Bytes(Encoding.UTF8.GetBytes(ReportJson.Serialize(found.Document)), "application/json; charset=utf-8");
    }

    private static async Task<IResult> Regions(PortalDbContext db, CancellationToken ct)
    {
        var roots = await db.Regions.AsNoTracking().Where(r => r.ParentId == null).OrderBy(r => r.Code)
            .Select(r => new RegionRef(r.Code, r.Name)).ToListAsync(ct);
        return TypedResults.Ok(roots);
    }

    private static async Task<IResult> Region(HttpContext ctx, PortalDbContext db, string code, CancellationToken ct)
    {
        var region = await db.Regions.AsNoTracking().Include(r => r.Parent).SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null) return OpenDataResults.NotFound(ctx, $"没有代码为「{code}」的区划");
        var children = await db.Regions.AsNoTracking().Where(r => r.ParentId == region.Id).OrderBy(r => r.Code)
            .Select(r => new RegionRef(r.Code, r.Name)).ToListAsync(ct);
        return TypedResults.Ok(new RegionDetail(region.Code, region.Name, region.Level.ToString(),
            region.Parent is { } p ? new RegionRef(p.Code, p.Name) : null, children));
    }

    private static async Task<IResult> RegionReports(HttpContext ctx, PortalDbContext db, string code, int year,
        string? page, string? pageSize, CancellationToken ct)
    {
        if (!TryPaging(ctx, page, pageSize, out var p, out var size, out var problem)) return problem!;
        if (!OpenDataResults.IsReportYear(year)) return OpenDataResults.NotFound(ctx, OpenDataResults.YearProblem(year));
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null) return OpenDataResults.NotFound(ctx, $"没有代码为「{code}」的区划");
        var rows = await PublishedReports.ListAsync(db, region.Id, year, (p - 1) * size, size + 1, ct);
        return TypedResults.Ok(new ResultPage<RegionReport>([.. rows.Take(size).Select(r => new RegionReport(
                new BodySummary(r.BodyCode, r.BodyName, r.BodyKind, BodyKinds.LabelOf(r.BodyKind),
                    new RegionRef(r.RegionCode, r.RegionName)),
                year, r.Revision, r.PublishedAt, Links(r.BodyCode, year)))],
            p, size, NextPage(ctx, p, size, rows.Count > size)));
    }

    private static async Task<IResult> Aggregate(HttpContext ctx, PortalDbContext db, string code, int year, CancellationToken ct)
    {
        if (!OpenDataResults.IsReportYear(year)) return OpenDataResults.NotFound(ctx, OpenDataResults.YearProblem(year));
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null) return OpenDataResults.NotFound(ctx, $"没有代码为「{code}」的区划");
        var sum = await FigureAggregates.SumPublishedAsync(db, region.Id, year, ct);
        var format = ReportFormats.ForYear(year)!;
        var figures = format.Tables.ToDictionary(t => t.Code,
            t => (IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal?>>)t.FigureRows.ToDictionary(r => r.Code,
                r => (IReadOnlyDictionary<string, decimal?>)t.BlockOfRow(r.Code).Columns.ToDictionary(c => c.Code,
                    c => sum.Figures.TryGetValue(new CellRef(t.Code, r.Code, c.Code), out var v) ? v : (decimal?)null)));
        return TypedResults.Ok(new RegionAggregateDto(new RegionRef(region.Code, region.Name), year, format.Version,
            sum.ReportCount, figures));
    }
}
