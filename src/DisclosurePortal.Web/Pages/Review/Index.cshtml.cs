using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Review;

/// <summary>
/// The reviewer's queue: every body of the reviewer's region and its sub-regions with the state
/// of its report for a year, filtered by status (逾期 included), body kind and sub-region.
/// </summary>
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>Rows shown per page; the counts above the list always cover every body.</summary>
    public const int PageSize = 200;

    public Region Region { get; private set; } = null!;
    public IReadOnlyList<Region> SubRegions { get; private set; } = [];
    public IReadOnlyList<ReviewList.Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Matching { get; private set; }
    public Dictionary<QueueStatus, int> Counts { get; } = [];
    public int LateCount { get; private set; }
    public int CurrentYear { get; private set; }
    /// <summary>Published reports of the reviewer's region and year whose PDF is not made yet (see PdfsModel).</summary>
    public int MissingPdfs { get; private set; }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    /// <summary>A <see cref="QueueStatus"/> name, or "late" for 逾期.</summary>
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public BodyKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public int? Sub { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [TempData] public string? Notice { get; set; }

    public int Pages => Math.Max(1, (Matching + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ReviewerAccess.RegionIdOf(User) is not { } regionId) return Forbid();
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == regionId, ct);
        if (region is null) return Forbid();
        Region = region;
        var now = clock.GetUtcNow();
        CurrentYear = Deadlines.CurrentReportYear(now);
        var year = Year is { } y and >= 2008 and <= 2200 ? y : CurrentYear;
        Year = year;

        var subtree = await ReviewerAccess.SubtreeAsync(db, regionId, ct);
        SubRegions = await db.Regions.AsNoTracking().Where(r => subtree.Contains(r.Id) && r.Id != regionId)
            .OrderBy(r => r.Code).ToListAsync(ct);
        // A sub-region filter outside the reviewer's subtree is ignored, never widened.
        var scope = Sub is { } sub && subtree.Contains(sub) ? await ReviewerAccess.SubtreeAsync(db, sub, ct) : subtree;
        if (Sub is { } s2 && !subtree.Contains(s2)) Sub = null;

        MissingPdfs = await PdfsModel.Missing(db, year, subtree.ToArray()).CountAsync(ct);
        var all = await ReviewList.LoadAsync(db, scope.ToArray(), year, now, ct);
        Total = all.Count;
        foreach (var g in all.GroupBy(r => r.QueueStatus)) Counts[g.Key] = g.Count();
        LateCount = all.Count(r => r.IsLate && !r.HasPublished);

        IEnumerable<ReviewList.Row> filtered = all;
        if (Kind is { } kind) filtered = filtered.Where(r => r.Kind == kind);
        if (Status == "late") filtered = filtered.Where(r => r.IsLate && !r.HasPublished);
        else if (Enum.TryParse<QueueStatus>(Status, out var status)) filtered = filtered.Where(r => r.QueueStatus == status);
        // Waiting for a decision first: that is the reviewer's work.
        var list = filtered.OrderBy(r => r.QueueStatus is QueueStatus.Submitted ? 0 : 1).ThenBy(r => r.SubmittedAt).ToList();
        Matching = list.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = list.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    public string Link(string? status = null, int? page = null) =>
        Url.Page("Index", new { year = Year, status = status ?? Status, kind = Kind, sub = Sub, p = page }) ?? "/review";
}
