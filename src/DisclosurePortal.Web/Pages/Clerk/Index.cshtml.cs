using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Clerk;

/// <summary>
/// The clerk's home: their body's reports by year with status, the deadline of the current report year and
/// days left, the reviewer's comments on a returned report, and starting this year's report.
/// </summary>
[Authorize(Policy = ClerkAccess.Policy)]
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public Body Body { get; private set; } = null!;
    public IReadOnlyList<AnnualReport> Reports { get; private set; } = [];
    public int CurrentYear { get; private set; }
    public DateOnly Deadline { get; private set; }
    public int DaysLeft { get; private set; }
    public bool CanStart { get; private set; }
    public bool HasPreviousYear { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return Page();
    }

    /// <summary>Starts the current year's report, pre-filled from last year's published report where there is one.</summary>
    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanStart)
        {
            Notice = $"{CurrentYear} 年的报告已经存在。";
            return RedirectToPage();
        }
        var lastYear = CurrentYear - 1;
        var previous = await db.CurrentPublishedRevisions().AsNoTracking()
            .SingleOrDefaultAsync(r => r.Report.BodyId == Body.Id && r.Report.Year == lastYear, ct);
        try
        {
            var report = AnnualReport.Start(Body, CurrentYear, ClerkAccess.ActorOf(HttpContext), clock.GetUtcNow(),
                previous is null ? null : Carryover.FromPreviousYear(previous.ToData()));
            db.Reports.Add(report);
            await db.SaveChangesAsync(ct);
            return RedirectToPage("Edit", new { id = report.Id });
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Two clicks or two clerks at once: the report exists now, so open it.
            Notice = $"{CurrentYear} 年的报告已由他人创建。";
            return RedirectToPage();
        }
        catch (DomainException ex)
        {
            Notice = ex.Message;
            return RedirectToPage();
        }
    }

    /// <summary>
    /// Starts a correction of a published report: a new revision with the published content and a
    /// required 更正说明, edited and reviewed like the first. Refused with a message, nothing created, without one.
    /// </summary>
    public async Task<IActionResult> OnPostCorrectAsync(int reportId, string? correctionNote, CancellationToken ct)
    {
        if (ClerkAccess.BodyIdOf(User) is not { } bodyId) return NotFound();
        var report = await db.Reports.Include(r => r.Body).Include(r => r.Revisions)
            .SingleOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null || report.BodyId != bodyId) return NotFound();
        try
        {
            report.StartCorrection(correctionNote ?? "", ClerkAccess.ActorOf(HttpContext), clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return RedirectToPage("Edit", new { id = report.Id });
        }
        catch (DomainException ex)
        {
            Notice = ex.Message;
            return RedirectToPage();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Two clicks at once: the first started the correction.
            Notice = "更正已由他人发起，请在列表中继续填报。";
            return RedirectToPage();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (ClerkAccess.BodyIdOf(User) is not { } bodyId) return false;
        var body = await db.Bodies.SingleOrDefaultAsync(b => b.Id == bodyId, ct);
        if (body is null) return false;
        Body = body;
        Reports = await db.Reports.AsNoTracking().Include(r => r.Revisions).Where(r => r.BodyId == bodyId)
            .OrderByDescending(r => r.Year).ToListAsync(ct);
        var now = clock.GetUtcNow();
        CurrentYear = Deadlines.CurrentReportYear(now);
        Deadline = await Data.Queries.DeadlineResolver.ForBodyAsync(db, Body, CurrentYear, ct);
        DaysLeft = Deadline.DayNumber - Deadlines.Today(now).DayNumber;
        CanStart = Reports.All(r => r.Year != CurrentYear);
        HasPreviousYear = Reports.Any(r => r.Year == CurrentYear - 1 && r.Published is not null);
        return true;
    }
}
