using DisclosurePortal.Data;
using DisclosurePortal.Data.Import;
using DisclosurePortal.Data.Publishing;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Publishing;

/// <summary>
/// Takes in a report a body already published elsewhere as its published history (「历史报告（导入）」): the revision
/// as printed (<see cref="AnnualReport.ImportPublished"/>), the source file kept beside it, and as its PDF the very
/// PDF the body published — only a report that came as a web page or Word file gets the portal's rendering. All in
/// one transaction; a body-year that already has a report is refused, never merged.
/// </summary>
public sealed class HistoryImport(PortalDbContext db, OfficialPdf pdf, ReportPublisher publisher, ILogger<HistoryImport> log)
{
    public async Task<ImportOutcome> ImportAsync(Body body, ReportDocument document, string fileName, byte[] bytes,
        DateOnly? originallyPublishedOn, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (await ReportImport.DuplicateAsync(db, body, document.Year, ct) is { } duplicate)
            return ImportOutcome.Refused(duplicate.Replace("不能重复导入", "不能重复导入，也不会合并", StringComparison.Ordinal));
        if (originallyPublishedOn is { } day && (day.Year <= document.Year || day > BeijingTime.Day(now)))
            return ImportOutcome.Refused($"原发布日期 {day:yyyy-MM-dd} 不可能：{document.Year} 年的报告在 {document.Year + 1} 年发布，且不能晚于今天");

        AnnualReport report;
        try
        {
            report = AnnualReport.ImportPublished(body, document.Year, document.Data, originallyPublishedOn,
                $"{Path.GetFileName(fileName)}（SHA-256 {ReportSource.Sha256Of(bytes)}）", actor, now);
        }
        catch (DomainException ex)
        {
            return ImportOutcome.Refused(ex.Message);
        }
        var revision = report.Current;
        var source = ReportSource.Of(revision, fileName, bytes);
        // The body's own PDF is the official copy of what it published; re-rendering would make a different file.
        // Rendered before anything is added: a refusal (a character the font lacks) must leave nothing to save.
        byte[] official;
        try
        {
            official = source.ContentType == "application/pdf" ? bytes : pdf.Published(report, revision);
        }
        catch (DomainException ex)
        {
            return ImportOutcome.Refused(ex.Message);
        }
        db.Attach(body);
        db.Reports.Add(report);
        db.ReportSources.Add(source);
        db.PublishedPdfs.Add(PublishedPdf.Of(revision, official, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Forget only what this import added: the files of a batch being accepted stay tracked, their state saved.
            foreach (var added in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
                added.State = EntityState.Detached;
            return ImportOutcome.Refused(await ReportImport.DuplicateAsync(db, body, document.Year, ct) ?? $"「{body.Name}」{document.Year} 年的报告已存在");
        }
        log.LogInformation("Imported history {Body} {Year} from {File} by {Actor}", body.Code, document.Year, source.FileName, actor.Name);
        await publisher.EvictAsync(body.Code, document.Year, ct);
        return new ImportOutcome(report.Id, []);
    }
}
