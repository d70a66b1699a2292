using DisclosurePortal.Data;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Importing;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.Readers;
using DisclosurePortal.Web.Publishing;
using DisclosurePortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Importing;

/// <summary>
/// The reviewer's bulk history import: reading the waiting files of every batch (one at a time, each under a row lock
/// so that several instances never read one file twice), and accepting a read file as the body's published history
/// through <see cref="HistoryImport"/>.
/// </summary>
public static class ImportBatches
{
    /// <summary>Reads every waiting file; returns how many this call read.</summary>
    public static async Task<int> ReadPendingAsync(PortalDbContext db, CancellationToken ct)
    {
        var read = 0;
        while (!ct.IsCancellationRequested)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var file = await db.ImportFiles.FromSql($"""
                    SELECT * FROM import_files WHERE state = 'Waiting' ORDER BY batch_id, position LIMIT 1 FOR UPDATE SKIP LOCKED
                    """).SingleOrDefaultAsync(ct);
            if (file is null) return read;
            var regionId = await db.ImportBatches.Where(b => b.Id == file.BatchId).Select(b => b.RegionId).SingleAsync(ct);
            await ReadOneAsync(db, file, regionId, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            read++;
        }
        return read;
    }

    private static async Task ReadOneAsync(PortalDbContext db, ImportFile file, int regionId, CancellationToken ct)
    {
        var reading = ReportReader.Read(file.Name, file.Content);
        if (!reading.Succeeded)
        {
            file.Refuse(reading.Refusal!);
            return;
        }
        var doc = reading.Document!;
        if (await db.ImportFiles.AnyAsync(f => f.BatchId == file.BatchId && f.Position < file.Position
                && f.State == ImportFileState.Read && f.ReadBodyName == doc.Body.Name && f.Year == doc.Year, ct))
        {
            file.Refuse($"与本批中另一个文件是同一单位同一年度（{doc.Body.Name} {doc.Year} 年）的报告");
            return;
        }
        var regions = await ReviewerAccess.SubtreeAsync(db, regionId, ct);
        var bodies = await db.Bodies.Where(b => regions.Contains(b.RegionId))
            .Select(b => new BodyCandidate(b.Id, b.Name)).ToListAsync(ct);
        var check = ReportCheck.Of(doc);
        file.Read(reading.Json!, doc.Body.Name, doc.Year, BodyNameMatcher.Match(doc.Body.Name, bodies),
            check.Findings.Count(v => v.Level == RuleLevel.Blocking), check.Findings.Count(v => v.Level == RuleLevel.Warning));
    }

    /// <summary>
    /// Publishes a read file as its body's history. A refusal (a report for that year exists already, a year whose
    /// format is not the file's) is recorded on the file with its reason. Either way the file's new state is saved
    /// with its audit line (<paramref name="audit"/> of what happened); the report has its own trail.
    /// <paramref name="regionBodies"/> are the bodies of the batch's region and below, as the batch page loaded them.
    /// </summary>
    public static async Task<string?> AcceptAsync(PortalDbContext db, HistoryImport history, ImportFile file,
        IReadOnlySet<int> regionBodies, Actor actor, DateTimeOffset now, Func<string, AuditEntry> audit, CancellationToken ct)
    {
        if (!file.CanAccept) return file.Problem ?? "该文件尚不能导入";
        var parsed = ReportJson.Parse(file.ReportJson!);
        var body = await db.Bodies.SingleAsync(b => b.Id == file.BodyId, ct);
        string? refusal;
        // The body was of the batch's region when the file was read or fixed; it may have moved since.
        if (!regionBodies.Contains(body.Id))
            refusal = $"「{body.Name}」已不属于本批次的区划，不能由本批次导入";
        else
        {
            try
            {
                var doc = parsed.Document!;
                if (doc.Year != file.Year) doc = new ReportDocument(doc.Body, file.Year!.Value, null, doc.Data);
                var outcome = await history.ImportAsync(body, doc, file.Name, file.Content, file.OriginallyPublishedOn, actor, now, ct);
                refusal = outcome.Succeeded ? null : string.Join("；", outcome.Errors);
                if (outcome.Succeeded) file.Accepted(outcome.ReportId!.Value);
            }
            catch (DomainException ex)
            {
                refusal = ex.Message;
            }
        }
        if (refusal is not null) file.Refuse(refusal);
        db.AuditLog.Add(audit(refusal is null ? $"{file.Name}：已作为历史报告发布" : $"{file.Name}：未能导入，{refusal}"));
        await db.SaveChangesAsync(ct);
        return refusal;
    }
}

/// <summary>Reads uploaded files in the background, so a batch of hundreds is previewed while the reviewer waits.</summary>
public sealed class ImportBatchReader(IServiceScopeFactory scopes, ILogger<ImportBatchReader> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var read = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                read = await ImportBatches.ReadPendingAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Reading import files failed; retrying");
            }
            if (read == 0)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
