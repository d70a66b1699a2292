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
/// body over every year it published (?body=). A body is named by its code, its exact name, or what the search box
/// accepts (BodySearch): one match is taken, several are listed to choose from. Only the public revision of each
/// report is compared.
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
    /// <summary>When a typed name matches several bodies: the question and a link per body, to compare with it.</summary>
    public string? ChoicePrompt { get; private set; }
    public IReadOnlyList<(string Label, string Url)> Choices { get; private set; } = [];

    // More would be a list to search, not to choose from; the prompt asks for a fuller name instead.
    private const int MaxChoices = 20;

    public async Task<IActionResult> OnGetAsync(string? a, string? b, string? year, string? body, CancellationToken ct)
    {
        (A, B, Year, Body) = (Clean(a), Clean(b), Clean(year), Clean(body));
        if (Body is not null) return await AcrossYearsAsync(Body, ct);
        if (A is null && B is null && Year is null) return Page(); // the empty form
        if (A is null || B is null) return Refuse(400, "请填写要比较的两个单位。");
        if (Year is null || !int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
            return Refuse(400, "年度应为四位数字，例如 2024。");

        var (left, leftChoices) = await FindAsync(A, ct);
        if (left is null) return Unresolved(A, leftChoices, code => PairUrl(code, B, Year));
        var (right, rightChoices) = await FindAsync(B, ct);
        if (right is null) return Unresolved(B, rightChoices, code => PairUrl(A, code, Year));
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
        var (body, choices) = await FindAsync(name, ct);
        if (body is null) return Unresolved(name, choices, code => $"/compare?body={Uri.EscapeDataString(code)}");
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

    private sealed record Found(int Id, string Code, string Name, string Region);

    /// <summary>
    /// The body a code names, or the one body of that exact name; else the one body the search box finds, or the
    /// several it finds. Names are not unique (many counties have a 城关镇人民政府): several of one name are choices.
    /// </summary>
    private async Task<(Found? Body, IReadOnlyList<Found> Choices)> FindAsync(string term, CancellationToken ct)
    {
        var exact = await db.Bodies.AsNoTracking().Where(b => b.Code == term || b.Name == term)
            .OrderBy(b => b.Code == term ? 0 : 1).ThenBy(b => b.Code)
            .Select(b => new Found(b.Id, b.Code, b.Name, b.Region.Name)).Take(MaxChoices + 1).ToListAsync(ct);
        if (exact.Count > 0 && (exact[0].Code == term || exact.Count == 1)) return (exact[0], []);
        if (exact.Count > 1) return (null, exact);
        var found = await db.BodiesMatching(term).AsNoTracking().OrderBy(b => b.Name).ThenBy(b => b.Code)
            .Select(b => new Found(b.Id, b.Code, b.Name, b.Region.Name)).Take(MaxChoices + 1).ToListAsync(ct);
        return found.Count == 1 ? (found[0], []) : (null, found);
    }

    private PageResult Unresolved(string term, IReadOnlyList<Found> choices, Func<string, string> urlFor)
    {
        if (choices.Count == 0) return Refuse(404, $"没有找到单位「{term}」，请输入单位名称的一部分或单位代码。");
        ChoicePrompt = choices.Count > MaxChoices
            ? $"「{term}」对应的单位超过 {MaxChoices} 个，以下是前 {MaxChoices} 个；请选择，或输入更完整的名称："
            : $"「{term}」对应 {choices.Count} 个单位，请选择要比较的单位：";
        // Bodies of one name are told apart by their region.
        var repeated = choices.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        Choices = [.. choices.Take(MaxChoices).Select(c => (repeated.Contains(c.Name) ? $"{c.Name}（{c.Region}）" : c.Name, urlFor(c.Code)))];
        return Page();
    }

    private static string PairUrl(string? a, string? b, string? year) =>
        $"/compare?a={Uri.EscapeDataString(a ?? "")}&b={Uri.EscapeDataString(b ?? "")}&year={Uri.EscapeDataString(year ?? "")}";

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
    private static string? Clean(string? s) =>
        BodySearch.Clean(s) is { Length: > 0 } t ? (t.Length > 200 ? t[..200] : t) : null;
}
