using DisclosurePortal.Data;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Importing;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Review.Import;

/// <summary>
/// One file of a batch before it is accepted: the tables as read, each finding at its cell, beside the source as the
/// body published it (the web page in a sandboxed frame, the PDF in the browser's viewer, text as it is).
/// </summary>
public sealed class FileModel(PortalDbContext db) : PageModel
{
    public int BatchId { get; private set; }
    public ImportFile Upload { get; private set; } = null!;
    public ReportDocument Document { get; private set; } = null!;
    public ReportCheck Check { get; private set; } = null!;
    public string SourceUrl => $"/review/import/{BatchId}/files/{Upload.Position}?handler=Source";
    public bool IsPdf => Upload.Content.AsSpan().StartsWith("%PDF"u8);
    public bool IsHtml => !IsPdf && Path.GetExtension(Upload.Name).ToLowerInvariant() is ".html" or ".htm" or ".shtml";

    public async Task<IActionResult> OnGetAsync(int id, int position, CancellationToken ct)
    {
        if (!await LoadAsync(id, position, ct) || Upload.ReportJson is null) return NotFound();
        Document = ReportJson.Parse(Upload.ReportJson).Document!;
        Check = ReportCheck.Of(Document);
        return Page();
    }

    /// <summary>The uploaded file itself, for the preview's frame only.</summary>
    public async Task<IActionResult> OnGetSourceAsync(int id, int position, CancellationToken ct)
    {
        if (!await LoadAsync(id, position, ct)) return NotFound();
        Response.Headers.CacheControl = "private, no-store";
        if (IsPdf)
        {
            SecurityHeaders.AllowFramingBySelf(HttpContext, SecurityHeaders.FramedPdfPolicy);
            return File(Upload.Content, "application/pdf");
        }
        SecurityHeaders.AllowFramingBySelf(HttpContext, SecurityHeaders.SandboxedFramePolicy);
        var reading = Readers.SourceEncoding.Decode(Upload.Content, IsHtml);
        return Content(reading, IsHtml ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
    }

    private async Task<bool> LoadAsync(int id, int position, CancellationToken ct)
    {
        if (ReviewerAccess.RegionIdOf(User) is not { } own) return false;
        var regions = await ReviewerAccess.SubtreeAsync(db, own, ct);
        var file = await db.ImportFiles.AsNoTracking()
            .SingleOrDefaultAsync(f => f.BatchId == id && f.Position == position
                && db.ImportBatches.Any(b => b.Id == id && regions.Contains(b.RegionId)), ct);
        if (file is null) return false;
        (BatchId, Upload) = (id, file);
        return true;
    }
}
