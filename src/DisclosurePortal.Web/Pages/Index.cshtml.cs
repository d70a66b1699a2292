using System.Globalization;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Web.PublicSite;
using DisclosurePortal.Web.Publishing;
using DisclosurePortal.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages;

/// <summary>
/// The public home page: search bodies by name, partial name or region name; the region
/// tree with this year's publication progress; the latest publications. Only published revisions are shown,
/// linked or counted: unpublished work does not exist for the public.
/// </summary>
[OutputCache(PolicyName = PublicCache.Policy)]
[EnableRateLimiting(ClientRateLimits.Search)]
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;
    public const int MaxQueryLength = 50;

    public string Query { get; private set; } = "";
    public string? QueryProblem { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; }
    public int TotalHits { get; private set; }
    public IReadOnlyList<BodyHit> Hits { get; private set; } = [];
    public IReadOnlyList<RegionHit> RegionHits { get; private set; } = [];
    /// <summary>The report year due this year (reports on 2025 are published in 2026).</summary>
    public int ProgressYear { get; private set; }
    public IReadOnlyList<RegionNode> Tree { get; private set; } = [];
    public IReadOnlyList<Latest> LatestPublished { get; private set; } = [];
    public bool Searched => Query.Length > 0;

    public sealed record BodyHit(string Code, string Name, string Region, string RegionCode, IReadOnlyList<int> Years);
    public sealed record RegionHit(string Code, string Name);
    public sealed record Latest(string Body, string BodyCode, int Year, DateTimeOffset PublishedAt, bool Corrected);

    // "page" is also the route value naming the Razor page itself, hence the explicit query binding.
    public async Task<IActionResult> OnGetAsync(string? q, [FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        Query = BodySearch.Clean(q);
        if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p < 1))
        {
            QueryProblem = "页码无效：页码应为正整数。";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else if (Query.Length > MaxQueryLength)
        {
            QueryProblem = $"搜索词最多 {MaxQueryLength} 个字，请缩短后再搜索。";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            PageNumber = page is null ? 1 : int.Parse(page, CultureInfo.InvariantCulture);
            if (Searched && !await SearchAsync(ct)) return NotFound();
            if (!Searched && PageNumber > 1) return NotFound();
        }

        ProgressYear = Deadlines.CurrentReportYear(clock.GetUtcNow());
        Tree = await RegionProgress.TreeAsync(db, ProgressYear, ct);
        if (!Searched)
        {
            LatestPublished = await db.CurrentPublishedRevisions().AsNoTracking()
                .OrderByDescending(v => v.PublishedAt).ThenByDescending(v => v.Id)
                .Take(10)
                .Select(v => new Latest(v.PublishedBodyName!, v.Report.Body.Code, v.Report.Year, v.PublishedAt!.Value, v.Number > 1))
                .ToListAsync(ct);
        }
        return Page();
    }

    /// <summary>False when the page asked for is past the last page of results.</summary>
    private async Task<bool> SearchAsync(CancellationToken ct)
    {
        var matches = db.BodiesMatching(Query).AsNoTracking();
        TotalHits = await matches.CountAsync(ct);
        PageCount = Math.Max(1, (TotalHits + PageSize - 1) / PageSize);
        if (PageNumber > PageCount) return false;

        var bodies = await matches.OrderBy(b => b.Name).ThenBy(b => b.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(b => new { b.Id, b.Code, b.Name, Region = b.Region.Name, RegionCode = b.Region.Code })
            .ToListAsync(ct);
        var ids = bodies.Select(b => b.Id).ToList();
        var years = await db.CurrentPublishedRevisions()
            .Where(v => ids.Contains(v.Report.BodyId))
            .Select(v => new { v.Report.BodyId, v.Report.Year }).ToListAsync(ct);
        var yearsOf = years.ToLookup(y => y.BodyId, y => y.Year);
        Hits = [.. bodies.Select(b => new BodyHit(b.Code, b.Name, b.Region, b.RegionCode, [.. yearsOf[b.Id].OrderDescending()]))];
        RegionHits = await db.Regions.AsNoTracking().MatchingRegions(Query)
            .OrderBy(r => r.Code).Take(10)
            .Select(r => new RegionHit(r.Code, r.Name)).ToListAsync(ct);
        return true;
    }

    public string PageLink(int page) => $"/?q={Uri.EscapeDataString(Query)}&page={page}";
}
