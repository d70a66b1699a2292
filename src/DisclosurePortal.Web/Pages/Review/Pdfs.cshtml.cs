using System.Data;
using System.Globalization;
using System.IO.Compression;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Web.Accounts;
using DisclosurePortal.Web.Publishing;
using DisclosurePortal.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace DisclosurePortal.Web.Pages.Review;

/// <summary>
/// All published PDFs of a region (with its sub-regions) and year as one zip, for reviewers.
/// The zip is written straight to the response as it is made: each PDF is read from the database as a stream and
/// copied into its entry, so memory holds one copy buffer, never the zip or a whole file (bench/review).
/// Each report's public version is included; its file name carries the body name and year (and the revision
/// number after a correction). The GET only reads: PDFs missing for revisions published below the web layer (demo
/// data, imports) are made by the POST, which the queue offers while any are missing.
/// </summary>
[EnableRateLimiting(ClientRateLimits.Downloads)]
public sealed class PdfsModel(PortalDbContext db, ReportPublisher publisher) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int? year, int? regionId, CancellationToken ct)
    {
        if (ReviewerAccess.RegionIdOf(User) is not { } own) return Forbid();
        var (root, scope) = await ScopeAsync(db, own, regionId, ct);
        var regionName = await db.Regions.Where(x => x.Id == root).Select(x => x.Name).SingleAsync(ct);
        var y = year ?? Deadlines.CurrentReportYear(DateTimeOffset.UtcNow);

        // The public version of each report that has its PDF.
        var revisions = await Published(db, y, scope).Where(v => db.PublishedPdfs.Any(p => p.RevisionId == v.Id))
            .OrderBy(v => v.Report.Body.Name)
            .Select(v => new { v.Id, v.Number, BodyName = v.PublishedBodyName!, PublishedAt = v.PublishedAt!.Value })
            .ToListAsync(ct);

        db.AuditLog.Add(HttpContext.Audit("pdfs.download", "region", root.ToString(CultureInfo.InvariantCulture),
            $"{regionName} {y} 年度已发布报告 PDF 打包下载（{revisions.Count} 份）"));
        await db.SaveChangesAsync(ct);

        Response.ContentType = "application/zip";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName($"{regionName}-{y}年度政府信息公开工作年度报告.zip");
        Response.Headers.ContentDisposition = disposition.ToString();
        Response.Headers.CacheControl = "private, no-store";

        var names = new HashSet<string>(StringComparer.Ordinal);
        var body = Response.BodyWriter.AsStream();
        await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true,
                         entryNameEncoding: System.Text.Encoding.UTF8, cancellationToken: ct))
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            if (connection.State != ConnectionState.Open) await connection.OpenAsync(ct);
            foreach (var v in revisions)
            {
                var name = OfficialPdf.DownloadName(v.BodyName, y, v.Number);
                // Two bodies of the same name in different sub-regions must not overwrite each other in the zip.
                for (var n = 2; !names.Add(name); n++) name = name[..^4] + $"-{n}.pdf";
                // PDFs are compressed already: store them, which also keeps the server's CPU free.
                var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
                // A zip keeps a wall-clock time without a zone: the publication's, in Beijing time, not the server's now.
                entry.LastWriteTime = v.PublishedAt.ToOffset(BeijingTime.Offset);
                await using var command = new NpgsqlCommand("SELECT content FROM published_pdfs WHERE revision_id = $1", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = v.Id });
                await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
                if (!await reader.ReadAsync(ct)) continue;
                await using var source = await reader.GetStreamAsync(0, ct);
                await using var target = await entry.OpenAsync(ct);
                await source.CopyToAsync(target, ct);
            }
        }
        await Response.BodyWriter.FlushAsync(ct);
        return new EmptyResult();
    }

    /// <summary>Makes the PDFs missing in the region and year, then returns to the queue.</summary>
    public async Task<IActionResult> OnPostAsync(int? year, int? regionId, CancellationToken ct)
    {
        if (ReviewerAccess.RegionIdOf(User) is not { } own) return Forbid();
        var (root, scope) = await ScopeAsync(db, own, regionId, ct);
        var y = year ?? Deadlines.CurrentReportYear(DateTimeOffset.UtcNow);
        var missing = await Missing(db, y, scope).Select(v => v.Id).ToListAsync(ct);
        foreach (var id in missing) await publisher.StorePdfOfAsync(id, ct);

        var regionName = await db.Regions.Where(x => x.Id == root).Select(x => x.Name).SingleAsync(ct);
        db.AuditLog.Add(HttpContext.Audit("pdfs.render", "region", root.ToString(CultureInfo.InvariantCulture),
            $"{regionName} {y} 年度已发布报告补生成 PDF（{missing.Count} 份）"));
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = $"已生成 {missing.Count} 份缺少的 PDF。";
        return Redirect($"/review?year={y.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>The public versions of a year's reports in the region ids given that have no stored PDF yet.</summary>
    public static IQueryable<ReportRevision> Missing(PortalDbContext db, int year, int[] scope) =>
        Published(db, year, scope).Where(v => !db.PublishedPdfs.Any(p => p.RevisionId == v.Id));

    private static IQueryable<ReportRevision> Published(PortalDbContext db, int year, int[] scope) =>
        db.CurrentPublishedRevisions().AsNoTracking().Where(v => v.Report.Year == year && scope.Contains(v.Report.Body.RegionId));

    /// <summary>The region asked for when it is within the reviewer's, else the reviewer's own; with its sub-regions.</summary>
    private static async Task<(int Root, int[] Scope)> ScopeAsync(PortalDbContext db, int own, int? regionId, CancellationToken ct)
    {
        var subtree = await ReviewerAccess.SubtreeAsync(db, own, ct);
        var root = regionId is { } r && subtree.Contains(r) ? r : own;
        return (root, (await ReviewerAccess.SubtreeAsync(db, root, ct)).ToArray());
    }
}
