using System.Globalization;
using System.Text;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Web.Accounts;
using DisclosurePortal.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Review;

/// <summary>
/// Deadlines and progress of a region and year: how many bodies have published, which are late,
/// which were returned and not resubmitted; exportable as CSV. The reviewer sets the deadlines of their region or a
/// sub-region (条例 art. 49 gives the defaults; townships' date is the county's to set).
/// </summary>
public sealed class DeadlinesModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public Region Region { get; private set; } = null!;
    public IReadOnlyList<Region> Regions { get; private set; } = [];
    public IReadOnlyList<ReviewList.Row> Rows { get; private set; } = [];
    public DeadlineResolver Resolver { get; private set; } = null!;
    public string? Error { get; private set; }
    [TempData] public string? Notice { get; set; }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    /// <summary>The region shown and set: the reviewer's own or one below it.</summary>
    [BindProperty(SupportsGet = true)] public int? RegionId { get; set; }
    [BindProperty] public Dictionary<DeadlineGroup, string?> Dates { get; set; } = [];

    public int Published => Rows.Count(r => r.HasPublished);
    public IEnumerable<ReviewList.Row> LateUnpublished => Rows.Where(r => r.IsLate && !r.HasPublished);
    public IEnumerable<ReviewList.Row> PublishedLate => Rows.Where(r => r.IsLate && r.HasPublished);
    public IEnumerable<ReviewList.Row> ReturnedNotResubmitted => Rows.Where(r => r.Status == RevisionStatus.Returned);
    public int Awaiting => Rows.Count(r => r.Status is RevisionStatus.Submitted or RevisionStatus.Scheduled);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Forbid();

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        var inv = CultureInfo.InvariantCulture;
        // A byte-order mark first: Excel on Chinese Windows otherwise opens the file as GBK and garbles it.
        var csv = new StringBuilder("\uFEFF").Append(CsvText.Line(["区划", "单位", "单位类型", "发布期限", "状态", "首次发布日期", "是否逾期"]));
        foreach (var r in Rows)
        {
            // An imported report counts from the day its body published it, not the day it was brought in.
            var late = r.Timeliness.Kind switch
            {
                TimelinessKind.Late => "逾期发布",
                TimelinessKind.Missing => "逾期未发布",
                TimelinessKind.DateUnknown => "原发布日期不详",
                _ => "",
            };
            csv.Append(CsvText.Line([CsvText.Text(r.RegionName), CsvText.Text(r.BodyName), CsvText.Text(r.Kind.Label()),
                r.Deadline.ToString("yyyy-MM-dd", inv), CsvText.Text(r.QueueStatus.Label() + (r.IsCorrection ? "（更正）" : "")),
                r.FirstPublishedOn?.ToString("yyyy-MM-dd", inv) ?? "", late]));
        }
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        return File(bytes, "text/csv; charset=utf-8", $"{Region.Name}-{Year}-年报发布进度.csv");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var asked = RegionId;
        if (!await LoadAsync(ct)) return Forbid();
        // A GET falls back to the reviewer's own region; a change for a region outside it is refused, nothing set.
        if (asked is { } a && a != Region.Id) return NotFound();
        var year = Year!.Value;
        var actor = ReviewerAccess.ActorOf(HttpContext);
        var now = clock.GetUtcNow();
        var changes = new List<string>();
        try
        {
            foreach (var group in Enum.GetValues<DeadlineGroup>())
            {
                var text = Dates.GetValueOrDefault(group)?.Trim();
                var existing = await db.RegionDeadlines.SingleOrDefaultAsync(
                    d => d.RegionId == Region.Id && d.Year == year && d.Group == group, ct);
                if (string.IsNullOrEmpty(text))
                {
                    if (existing is null) continue;
                    db.RegionDeadlines.Remove(existing);
                    changes.Add($"{group.Label()}：{existing.Due:yyyy-MM-dd} → 默认");
                    continue;
                }
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
                    throw new DomainException($"{group.Label()}的发布期限「{text}」不是有效日期，请按 2025-03-31 的格式填写");
                if (existing is null)
                {
                    db.RegionDeadlines.Add(new RegionDeadline(Region.Id, year, group, due, actor, now));
                    changes.Add($"{group.Label()}：默认 → {due:yyyy-MM-dd}");
                }
                else if (existing.Due != due)
                {
                    changes.Add($"{group.Label()}：{existing.Due:yyyy-MM-dd} → {due:yyyy-MM-dd}");
                    existing.Change(due, actor, now);
                }
            }
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            Error = ex.Message;
            return Page();
        }
        if (changes.Count > 0)
        {
            db.AuditLog.Add(HttpContext.Audit("deadline.set", "region", Region.Id.ToString(CultureInfo.InvariantCulture),
                $"{Region.Name} {year} 年度：{string.Join("；", changes)}"));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            // Another save of the same dates came first (a double-click, a second reviewer): nothing of this one is kept.
            catch (DbUpdateException ex) when (ex.IsUniqueViolation() || ex is DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                await LoadAsync(ct);
                Error = "发布期限刚刚被另一次保存修改，本次未保存；请核对后再保存。";
                return Page();
            }
        }
        Notice = changes.Count > 0 ? "发布期限已保存。" : "发布期限没有变化。";
        return RedirectToPage(new { year, regionId = Region.Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (ReviewerAccess.RegionIdOf(User) is not { } own) return false;
        var subtree = await ReviewerAccess.SubtreeAsync(db, own, ct);
        // A region outside the reviewer's subtree is never shown or set: the reviewer's own region is used instead.
        var regionId = RegionId is { } r && subtree.Contains(r) ? r : own;
        RegionId = regionId;
        Regions = await db.Regions.AsNoTracking().Where(x => subtree.Contains(x.Id)).OrderBy(x => x.Code).ToListAsync(ct);
        Region = Regions.Single(x => x.Id == regionId);
        var now = clock.GetUtcNow();
        Year = Year is { } y and >= 2008 and <= 2200 ? y : Deadlines.CurrentReportYear(now);
        var scope = await ReviewerAccess.SubtreeAsync(db, regionId, ct);
        Rows = await ReviewList.LoadAsync(db, scope.ToArray(), Year.Value, now, ct);
        Resolver = await DeadlineResolver.LoadAsync(db, Year.Value, ct);
        return true;
    }

    /// <summary>The date a group of the region's own bodies gets without a setting of this region.</summary>
    public DateOnly Inherited(DeadlineGroup group)
    {
        var parent = Resolver.Chain(Region.Id).Skip(1).ToList();
        var kind = group switch
        {
            DeadlineGroup.Departments => BodyKind.CountyDepartment,
            DeadlineGroup.Townships => BodyKind.TownshipGovernment,
            _ => BodyKind.CountyGovernment,
        };
        return parent.Count == 0 ? Deadlines.Default(kind, Year!.Value) : Resolver.For(kind, parent[0]);
    }
}
