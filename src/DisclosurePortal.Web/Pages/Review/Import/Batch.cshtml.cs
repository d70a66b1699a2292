using System.Globalization;
using DisclosurePortal.Data;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Importing;
using DisclosurePortal.Web.Accounts;
using DisclosurePortal.Web.Importing;
using DisclosurePortal.Web.Publishing;
using DisclosurePortal.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Review.Import;

/// <summary>
/// One import batch: reading progress, each file with its body, year and findings, and the reviewer's decisions
/// (fix the body or year, drop, accept). A batch of another region does not exist for this reviewer (404).
/// </summary>
public sealed class BatchModel(PortalDbContext db, HistoryImport history) : PageModel
{
    public sealed record BodyOption(int Id, string Name);

    public ImportBatch Batch { get; private set; } = null!;
    public IReadOnlyList<BodyOption> Bodies { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? Error { get; private set; }
    public int Waiting => Batch.Files.Count(f => f.State == ImportFileState.Waiting);
    public string BodyName(int? id) => Bodies.FirstOrDefault(b => b.Id == id)?.Name ?? "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostDropAsync(int id, int position, CancellationToken ct) =>
        DecideAsync(id, position, "import.drop", file =>
        {
            file.Drop();
            return Task.FromResult($"已舍弃第 {position} 个文件「{file.Name}」");
        }, ct);

    public Task<IActionResult> OnPostFixAsync(int id, int position, int bodyId, int year, string? publishedOn, CancellationToken ct) =>
        DecideAsync(id, position, "import.fix", file =>
        {
            if (Bodies.All(b => b.Id != bodyId)) throw new DomainException("请选择本区划的单位");
            DateOnly? on = null;
            if (!string.IsNullOrWhiteSpace(publishedOn))
            {
                if (!DateOnly.TryParseExact(publishedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    throw new DomainException($"原发布日期「{publishedOn}」应写作 YYYY-MM-DD");
                on = d;
            }
            file.Fix(bodyId, year, on);
            return Task.FromResult($"第 {position} 个文件：单位 {BodyName(bodyId)}，{year} 年{(on is { } x ? $"，原发布日期 {x:yyyy-MM-dd}" : "")}");
        }, ct);

    public async Task<IActionResult> OnPostAcceptAsync(int id, int position, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Batch.Files.SingleOrDefault(f => f.Position == position) is not { } file) return NotFound();
        var refusal = await AcceptAsync(id, file, ct);
        if (refusal is null) Notice = $"第 {position} 个文件「{file.Name}」已作为历史报告发布";
        else Error = $"第 {position} 个文件「{file.Name}」：{refusal}";
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAllAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var (accepted, refused) = (0, 0);
        foreach (var file in Batch.Files.Where(f => f.CanAccept).ToList())
        {
            if (await AcceptAsync(id, file, ct) is null) accepted++;
            else refused++;
        }
        db.AuditLog.Add(HttpContext.Audit("import.accept", "import_batch", id.ToString(CultureInfo.InvariantCulture),
            $"接受全部可导入的文件：导入 {accepted} 个，拒绝 {refused} 个"));
        await db.SaveChangesAsync(ct);
        Notice = $"已导入 {accepted} 个文件" + (refused > 0 ? $"，{refused} 个未能导入（原因见列表）" : "");
        await LoadAsync(id, ct);
        return Page();
    }

    private Task<string?> AcceptAsync(int id, ImportFile file, CancellationToken ct) =>
        ImportBatches.AcceptAsync(db, history, file, Bodies.Select(b => b.Id).ToHashSet(), ReviewerAccess.ActorOf(HttpContext),
            DateTimeOffset.UtcNow, outcome => HttpContext.Audit("import.accept", "import_file", $"{id}/{file.Position}", outcome), ct);

    private async Task<IActionResult> DecideAsync(int id, int position, string action, Func<ImportFile, Task<string>> decide,
        CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var file = Batch.Files.SingleOrDefault(f => f.Position == position);
        if (file is null) return NotFound();
        try
        {
            Notice = await decide(file);
            db.AuditLog.Add(HttpContext.Audit(action, "import_file", $"{id}/{position}", $"{file.Name}：{Notice}"));
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException ex)
        {
            Error = $"第 {position} 个文件「{file.Name}」：{ex.Message}";
            db.ChangeTracker.Clear();
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (ReviewerAccess.RegionIdOf(User) is not { } own) return false;
        var regions = await ReviewerAccess.SubtreeAsync(db, own, ct);
        var batch = await db.ImportBatches.Include(b => b.Files.OrderBy(f => f.Position))
            .SingleOrDefaultAsync(b => b.Id == id && regions.Contains(b.RegionId), ct);
        if (batch is null) return false;
        Batch = batch;
        var batchRegions = await ReviewerAccess.SubtreeAsync(db, batch.RegionId, ct);
        Bodies = await db.Bodies.Where(b => batchRegions.Contains(b.RegionId)).OrderBy(b => b.Name)
            .Select(b => new BodyOption(b.Id, b.Name)).ToListAsync(ct);
        return true;
    }
}
