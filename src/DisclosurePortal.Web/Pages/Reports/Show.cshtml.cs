using DisclosurePortal.Data;
using DisclosurePortal.Domain.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Reports;

/// <summary>A published report at its stable address. Unpublished reports do not exist for the public (404).</summary>
public sealed class ShowModel(PortalDbContext db) : PageModel
{
    public string Title { get; private set; } = "";
    public ReportRevision Revision { get; private set; } = null!;
    public ReportData Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string body, int year, CancellationToken ct)
    {
        var revision = await db.Revisions
            .Include(v => v.Report).ThenInclude(r => r.Body)
            .Where(v => v.Report.Body.Code == body && v.Report.Year == year && v.Status == RevisionStatus.Published)
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(ct);
        if (revision is null) return NotFound();
        Revision = revision;
        Data = revision.ToData();
        Title = Pdf.ReportTitle.For(revision.Report.Body.Name, year);
        return Page();
    }
}
