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
        var missing = await db.Revisions.Include(v => v.Report).ThenInclude(r => r.Body)
            .Where(v => v.Status == RevisionStatus.Published && v.VerificationCode == null).ToListAsync(ct);
        foreach (var revision in missing) revision.RecordMissingVerificationCode();
        await db.SaveChangesAsync(ct);
        return missing.Count;
    }
}
