using DisclosurePortal.Data;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Clerk;

/// <summary>The audit trail of a report: every save and transition of every revision, with what changed.</summary>
[Authorize(Policy = ClerkAccess.Policy)]
public sealed class HistoryModel(PortalDbContext db) : PageModel
{
    public AnnualReport Report { get; private set; } = null!;
    public IReadOnlyList<(ReportRevision Revision, RevisionEvent Event)> Events { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var report = await db.Reports.AsNoTracking().Include(r => r.Body)
            .Include(r => r.Revisions).ThenInclude(v => v.History)
            .AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null || !ClerkAccess.IsClerkOf(User, report.BodyId)) return NotFound();
        Report = report;
        Events = report.AuditTrail();
        return Page();
    }

}
