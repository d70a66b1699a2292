using System.Globalization;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace DisclosurePortal.Web.Publishing;

/// <summary>
/// Where PDFs come from: the official PDF of a published revision, as stored at publication,
/// at a stable address; and the watermarked preview of an unpublished revision for the people who may see it.
/// </summary>
public static class PdfEndpoints
{
    public static void MapPdfEndpoints(this IEndpointRouteBuilder app)
    {
        // The public version: the latest published revision. A correction replaces it, so caches revalidate.
        app.MapGet("/reports/{body}/{year:int}/pdf", (string body, int year, HttpContext http, PortalDbContext db,
                ReportPublisher publisher, CancellationToken ct) =>
            ServePublishedAsync(http, db, publisher, body, year, number: null, ct));
        // One published revision, earlier ones included: immutable, cacheable for a year.
        app.MapGet("/reports/{body}/{year:int}/revisions/{number:int}/pdf", (string body, int year, int number,
                HttpContext http, PortalDbContext db, ReportPublisher publisher, CancellationToken ct) =>
            ServePublishedAsync(http, db, publisher, body, year, number, ct));
        app.MapGet("/preview/{revisionId:int}/pdf", PreviewAsync).RequireAuthorization();
        app.MapGet("/reports/{body}/{year:int}/revisions/{number:int}/source", ServeSourceAsync);
    }

    /// <summary>
    /// The file an imported report was read from, unchanged: published content, so public and immutable. Served as
    /// a download (never inline), so a web page the body published cannot run in the portal's origin.
    /// </summary>
    private static async Task<IResult> ServeSourceAsync(string body, int year, int number, HttpContext http,
        PortalDbContext db, CancellationToken ct)
    {
        var source = await db.ReportSources.AsNoTracking()
            .Where(f => f.Revision.Status == RevisionStatus.Published && f.Revision.Number == number
                        && f.Revision.Report.Body.Code == body && f.Revision.Report.Year == year)
            .Select(f => new { f.RevisionId, f.Sha256, f.FileName, f.ContentType, PublishedAt = f.Revision.PublishedAt })
            .SingleOrDefaultAsync(ct);
        if (source is null) return Results.NotFound();
        var etag = new EntityTagHeaderValue($"\"{source.Sha256}\"");
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var content = await db.ReportSources.Where(f => f.RevisionId == source.RevisionId).Select(f => f.Content).SingleAsync(ct);
        return Results.File(content, source.ContentType, source.FileName, lastModified: source.PublishedAt, entityTag: etag);
    }

    private static async Task<IResult> ServePublishedAsync(HttpContext http, PortalDbContext db,
        ReportPublisher publisher, string body, int year, int? number, CancellationToken ct)
    {
        var revision = await db.PublishedRevisions(number).AsNoTracking()
            .Where(v => v.Report.Body.Code == body && v.Report.Year == year)
            .Select(v => new { v.Id, v.Number, v.PublishedAt, BodyName = v.PublishedBodyName! })
            .FirstOrDefaultAsync(ct);
        if (revision is null) return Results.NotFound();

        var sha = await db.PublishedPdfs.Where(p => p.RevisionId == revision.Id).Select(p => p.Sha256)
                      .SingleOrDefaultAsync(ct)
                  ?? await publisher.StorePdfOfAsync(revision.Id, ct);
        var etag = new EntityTagHeaderValue($"\"{sha}\"");
        http.Response.Headers.CacheControl = number is null
            ? $"public, max-age={(int)PublicCache.Lifetime.TotalSeconds}"
            : "public, max-age=31536000, immutable";
        // Answer a revalidation from the hash alone, without reading the file out of the database.
        if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } tags
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
        {
            http.Response.Headers.ETag = etag.ToString();
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        var content = await db.PublishedPdfs.Where(p => p.RevisionId == revision.Id).Select(p => p.Content)
            .SingleAsync(ct);
        // Results.File writes Content-Disposition through ContentDispositionHeaderValue: an ASCII filename plus
        // filename*=UTF-8''… (RFC 6266 / RFC 5987), so the Chinese name survives and cannot inject a header.
        return Results.File(content, "application/pdf",
            OfficialPdf.DownloadName(revision.BodyName, year, number is null ? null : revision.Number),
            lastModified: revision.PublishedAt, entityTag: etag);
    }

    private static async Task<IResult> PreviewAsync(int revisionId, HttpContext http, PortalDbContext db,
        OfficialPdf pdf, CancellationToken ct)
    {
        var report = await db.Reports.AsNoTracking().Include(r => r.Body).Include(r => r.Revisions)
            .SingleOrDefaultAsync(r => r.Revisions.Any(v => v.Id == revisionId), ct);
        // Drafts are never public (条例 art. 49 publishes the final report only): anyone else gets a plain 404,
        // which does not even tell that the revision exists.
        if (report is null || !await MaySeeUnpublishedAsync(http, db, report, ct)) return Results.NotFound();
        var revision = report.Revisions.Single(v => v.Id == revisionId);
        if (revision.Status == RevisionStatus.Published)
            return Results.Redirect(string.Create(CultureInfo.InvariantCulture,
                $"/reports/{Uri.EscapeDataString(report.Body.Code)}/{report.Year}/revisions/{revision.Number}/pdf"));
        byte[] bytes;
        try
        {
            bytes = pdf.DraftPreview(report, revision);
        }
        catch (DomainException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "无法生成草稿 PDF");
        }
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.File(bytes, "application/pdf",
            "草稿-" + OfficialPdf.DownloadName(report.Body.Name, report.Year, revision.Number));
    }

    /// <summary>The clerk of the body and the reviewers of its region (or a region above it) see unpublished revisions.</summary>
    private static async Task<bool> MaySeeUnpublishedAsync(HttpContext http, PortalDbContext db, AnnualReport report,
        CancellationToken ct) =>
        ClerkAccess.IsClerkOf(http.User, report.BodyId)
        || await ReviewerAccess.IsReviewerOfAsync(db, http.User, report.Body.RegionId, ct);
}
