using DisclosurePortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Publishing;

/// <summary>
/// Gives revisions published before the portal kept prose fingerprints theirs (run by <c>--migrate</c>), so that
/// TEXT-COPIED finds them too. Revisions whose prose is too short to judge keep an empty fingerprint.
/// </summary>
public static class ProseFingerprints
{
    public static async Task<int> FillMissingAsync(PortalDbContext db, CancellationToken ct)
    {
        var (filled, after) = (0, 0);
        while (true)
        {
            var batch = await db.Revisions.Include(v => v.Report).ThenInclude(r => r.Body)
                .Where(v => v.Status == RevisionStatus.Published && v.ProseBands.Length == 0 && v.Id > after)
                .OrderBy(v => v.Id).Take(200).ToListAsync(ct);
            if (batch.Count == 0) return filled;
            foreach (var revision in batch) revision.Fingerprint(revision.Report.Body.Name);
            filled += batch.Count(v => v.ProseBands.Length > 0);
            after = batch[^1].Id;
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
