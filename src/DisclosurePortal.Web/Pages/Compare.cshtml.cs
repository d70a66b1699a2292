using System.Globalization;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Web.PublicSite;
using DisclosurePortal.Web.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages;

/// <summary>
/// Compare published reports side by side: two bodies in one year (?a=&amp;b=&amp;year=), or one
/// body over every year it published (?body=). A body is named by its code or its exact name. Only the public
/// revision of each report is compared.
/// </summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public sealed class CompareModel(PortalDbContext db) : PageModel
{
    public string? A { get; private set; }
    public string? B { get; private set; }
    public string? Year { get; private set; }
    public string? Body { get; private set; }
    public string? Problem { get; private set; }
    public ComparisonView? View { get; private set; }
    public IReadOnlyList<(string Label, string Url)> Sources { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? a, string? b, string? year, string? body, CancellationToken ct)
    {
        (A, B, Year, Body) = (Clean(a), Clean(b), Clean(year), Clean(body));
        if (Body is not null) return await AcrossYearsAsync(Body, ct);
        if (A is null && B is null && Year is null) return Page(); // the empty form
        if (A is null || B is null) return Refuse(400, "请填写要比较的两个单位。");
        if (Year is null || !int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
            return Refuse(400, "年度应为四位数字，例如 2024。");

        var left = await FindAsync(A, ct);
        var right = await FindAsync(B, ct);
        if (left is null) return Refuse(404, $"没有找到单位「{A}」。");
        if (right is null) return Refuse(404, $"没有找到单位「{B}」。");
        var l = await PublishedAsync(left.Id, y, ct);
        var r = await PublishedAsync(right.Id, y, ct);
        if (l is null) return Refuse(404, $"{left.Name} 没有已发布的 {y} 年度报告。");
        if (r is null) return Refuse(404, $"{right.Name} 没有已发布的 {y} 年度报告。");
        View = new ComparisonView($"{y} 年度：{left.Name} 与 {right.Name}", [left.Name, right.Name], [l, r], "compare");
        Sources = [($"{left.Name} {y} 年度报告", $"/reports/{Uri.EscapeDataString(left.Code)}/{y}"),
            ($"{right.Name} {y} 年度报告", $"/reports/{Uri.EscapeDataString(right.Code)}/{y}")];
        return Page();
    }

    private async Task<IActionResult> AcrossYearsAsync(string name, CancellationToken ct)
    {
        var body = await FindAsync(name, ct);
        if (body is null) return Refuse(404, $"没有找到单位「{name}」。");
        var reports = await db.CurrentPublishedRevisions().AsNoTracking()
            .Where(v => v.Report.BodyId == body.Id)
            .OrderBy(v => v.Report.Year).Select(v => new { v.Report.Year, Revision = v }).ToListAsync(ct);
        if (reports.Count == 0) return Refuse(404, $"{body.Name} 还没有已发布的年度报告。");
        var data = reports.Select(r => r.Revision.ToData()).ToList();
        View = new ComparisonView($"{body.Name} 历年年度报告", [.. reports.Select(r => $"{r.Year} 年")], data, "compare");
        // A year published under an earlier name (机构改革) says so: that report keeps the name it was published under.
        Sources = [.. reports.Select(r => (r.Revision.PublishedBodyName is { } was && was != body.Name
                ? $"{r.Year} 年度报告（原名称：{was}）" : $"{r.Year} 年度报告",
            $"/reports/{Uri.EscapeDataString(body.Code)}/{r.Year}"))];
        return Page();
    }

    private sealed record Found(int Id, string Code, string Name);

    private async Task<Found?> FindAsync(string codeOrName, CancellationToken ct) =>
        await db.Bodies.AsNoTracking().Where(b => b.Code == codeOrName || b.Name == codeOrName)
            .OrderBy(b => b.Code == codeOrName ? 0 : 1).Select(b => new Found(b.Id, b.Code, b.Name)).FirstOrDefaultAsync(ct);

    private async Task<ReportData?> PublishedAsync(int bodyId, int year, CancellationToken ct) =>
        (await db.CurrentPublishedRevisions().AsNoTracking()
            .SingleOrDefaultAsync(v => v.Report.BodyId == bodyId && v.Report.Year == year, ct))?.ToData();

    private PageResult Refuse(int status, string problem)
    {
        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }

    // Control characters cannot reach PostgreSQL (it refuses NUL); over-long input names no body.
    private static string? Clean(string? s)
    {
        var t = new string((s ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        return t.Length == 0 ? null : t.Length > 200 ? t[..200] : t;
    }
}
