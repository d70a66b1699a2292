using System.Globalization;
using DisclosurePortal.Data;
using DisclosurePortal.Domain.Importing;
using DisclosurePortal.Web.Accounts;
using DisclosurePortal.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Review.Import;

/// <summary>The reviewer's history imports: upload many reports (or zips of them) as a batch, and earlier batches.</summary>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    /// <summary>One upload: about 500 reports of a few hundred KB each, zipped or not.</summary>
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    public sealed record BatchRow(int Id, string RegionName, string CreatedByName, DateTimeOffset CreatedAt, int Files, int Waiting, int Accepted);

    public IReadOnlyList<BatchRow> Batches { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ReviewerAccess.RegionIdOf(User) is not { } own) return Forbid();
        await LoadAsync(own, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(List<IFormFile> files, CancellationToken ct)
    {
        if (ReviewerAccess.RegionIdOf(User) is not { } own) return Forbid();
        var streams = files.Select(f => (f.FileName, f.OpenReadStream())).ToList();
        UnpackedBatch unpacked;
        try
        {
            unpacked = BatchUnpacker.Unpack(streams);
        }
        finally
        {
            foreach (var (_, s) in streams) await s.DisposeAsync();
        }
        if (unpacked.Refusal is { } refusal)
        {
            Error = refusal;
            await LoadAsync(own, ct);
            return Page();
        }
        var batch = ImportBatch.Start(own, unpacked.Files, ReviewerAccess.ActorOf(HttpContext), DateTimeOffset.UtcNow);
        await db.AddAuditedAsync(batch, b => HttpContext.Audit("import.upload", "import_batch", b.Id.ToString(CultureInfo.InvariantCulture),
            $"上传 {b.Files.Count} 个文件：{string.Join("、", b.Files.Take(20).Select(f => f.Name))}{(b.Files.Count > 20 ? " 等" : "")}"), ct);
        return Redirect($"/review/import/{batch.Id}");
    }

    private async Task LoadAsync(int own, CancellationToken ct)
    {
        var regions = await ReviewerAccess.SubtreeAsync(db, own, ct);
        Batches = await db.ImportBatches.Where(b => regions.Contains(b.RegionId)).OrderByDescending(b => b.Id).Take(50)
            .Select(b => new BatchRow(b.Id, db.Regions.Where(r => r.Id == b.RegionId).Select(r => r.Name).Single(),
                b.CreatedByName, b.CreatedAt, b.Files.Count, b.Files.Count(f => f.State == ImportFileState.Waiting),
                b.Files.Count(f => f.State == ImportFileState.Accepted)))
            .ToListAsync(ct);
    }
}
