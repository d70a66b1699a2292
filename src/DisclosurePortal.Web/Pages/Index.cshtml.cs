using DisclosurePortal.Data;
using DisclosurePortal.Domain.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages;

/// <summary>
/// The public home page until the real public pages land: every body's reports by year. Only published
/// revisions are shown or linked; unpublished work is counted, never shown (drafts are never public).
/// </summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int UnpublishedCount { get; private set; }

    public sealed record Row(string Region, string Body, string BodyCode, int Year, int RevisionNumber,
        DateTimeOffset PublishedAt, bool Corrected);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var published = await db.Revisions
            .Where(v => v.Status == RevisionStatus.Published)
            .Where(v => !db.Revisions.Any(o => o.ReportId == v.ReportId && o.Status == RevisionStatus.Published && o.Number > v.Number))
            .Select(v => new Row(v.Report.Body.Region.Name, v.Report.Body.Name, v.Report.Body.Code, v.Report.Year,
                v.Number, v.PublishedAt!.Value, v.Number > 1))
            .ToListAsync(ct);
        Rows = [.. published.OrderBy(r => r.Region, StringComparer.Ordinal).ThenBy(r => r.Body, StringComparer.Ordinal)
            .ThenByDescending(r => r.Year)];
        UnpublishedCount = await db.Reports.CountAsync(r => !r.Revisions.Any(v => v.Status == RevisionStatus.Published), ct);
    }
}
