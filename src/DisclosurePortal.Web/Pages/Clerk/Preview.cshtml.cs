using DisclosurePortal.Data;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Clerk;

/// <summary>The report as it will be published (HTML), for the clerk of its body; never public.</summary>
[Authorize(Policy = ClerkAccess.Policy)]
public sealed class PreviewModel(PortalDbContext db) : PageModel
{
    public string Title { get; private set; } = "";
    public int ReportId { get; private set; }
    public ReportRevision Revision { get; private set; } = null!;
    public ReportData Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var report = await db.Reports.AsNoTracking().Include(r => r.Body).Include(r => r.Revisions)
            .SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null || !ClerkAccess.IsClerkOf(User, report.BodyId)) return NotFound();
        ReportId = id;
        Revision = report.Current;
        Data = Revision.ToData();
        Title = Pdf.ReportTitle.For(report.Body.Name, report.Year);
        return Page();
    }
}
