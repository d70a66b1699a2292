using DisclosurePortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Publishing;

/// <summary>
/// Gives revisions published before verification codes were stored their code, computed from the stored revision
/// (migration PublishedBodyAndCode cannot: the code hashes the JSON form, which only the domain writes).
/// </summary>
public static class VerificationCodeBackfill
{
    /// <summary>Records every missing code; returns how many. Run after migrating; a no-op once done.</summary>
    public static async Task<int> RecordMissingAsync(PortalDbContext db, CancellationToken ct)
    {
        // In batches: a database of years of reports does not fit in memory at once.
        var recorded = 0;
        while (true)
        {
            var batch = await db.Revisions.Include(v => v.Report).ThenInclude(r => r.Body)
                .Where(v => v.Status == RevisionStatus.Published && v.VerificationCode == null)
                .OrderBy(v => v.Id).Take(200).ToListAsync(ct);
            if (batch.Count == 0) return recorded;
            foreach (var revision in batch) revision.RecordMissingVerificationCode();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            recorded += batch.Count;
        }
    }
}
