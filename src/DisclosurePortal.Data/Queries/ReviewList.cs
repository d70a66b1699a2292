using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Queries;

/// <summary>A status in the reviewer's list: a revision status, or 未开始 when the body has no report for the year.</summary>
public enum QueueStatus { NotStarted, Draft, Submitted, Returned, Scheduled, Published }

/// <summary>
/// Every body of a set of regions with the state of its report for one year, for the reviewer's queue and the
/// deadline dashboard. One SQL query reads only the columns the list needs (never the jsonb content), with the
/// current revision and the first publication found per body by lateral subqueries on the unique indexes.
/// </summary>
public static class ReviewList
{
    public sealed record Row(
        int BodyId, string BodyCode, string BodyName, BodyKind Kind, int RegionId, string RegionName,
        int? ReportId, int? RevisionNumber, RevisionStatus? Status, bool IsCorrection,
        DateTimeOffset? SubmittedAt, DateTimeOffset? UpdatedAt, DateTimeOffset? ScheduledFor,
        DateTimeOffset? FirstPublishedAt)
    {
        public DateOnly Deadline { get; init; }
        public bool IsLate { get; init; }

        public QueueStatus QueueStatus => Status switch
        {
            null => QueueStatus.NotStarted,
            RevisionStatus.Draft => QueueStatus.Draft,
            RevisionStatus.Submitted => QueueStatus.Submitted,
            RevisionStatus.Returned => QueueStatus.Returned,
            RevisionStatus.Scheduled => QueueStatus.Scheduled,
            _ => QueueStatus.Published,
        };

        public bool HasPublished => FirstPublishedAt is not null;
    }

    public static string Label(this QueueStatus s) => s switch
    {
        QueueStatus.NotStarted => "未开始",
        QueueStatus.Draft => "草稿",
        QueueStatus.Submitted => "已提交",
        QueueStatus.Returned => "已退回",
        QueueStatus.Scheduled => "待定时发布",
        _ => "已发布",
    };

    public static async Task<IReadOnlyList<Row>> LoadAsync(PortalDbContext db, IReadOnlyCollection<int> regionIds, int year,
        DateTimeOffset now, CancellationToken ct)
    {
        var ids = regionIds.ToArray();
        var rows = await db.Bodies.AsNoTracking()
            .Where(b => ids.Contains(b.RegionId))
            .Select(b => new
            {
                b.Id, b.Code, b.Name, b.Kind, b.RegionId, RegionName = b.Region.Name,
                Current = db.Revisions
                    .Where(v => v.Report.BodyId == b.Id && v.Report.Year == year)
                    .OrderByDescending(v => v.Number)
                    .Select(v => new
                    {
                        v.ReportId, v.Number, v.Status, IsCorrection = v.CorrectionNote != null, v.SubmittedAt,
                        v.UpdatedAt, v.ScheduledFor,
                    })
                    .FirstOrDefault(),
                FirstPublishedAt = db.Revisions
                    .Where(v => v.Report.BodyId == b.Id && v.Report.Year == year && v.Status == RevisionStatus.Published)
                    .Min(v => v.PublishedAt),
            })
            .OrderBy(b => b.RegionName).ThenBy(b => b.Name)
            .ToListAsync(ct);
        var deadlines = await DeadlineResolver.LoadAsync(db, year, ct);
        var today = Deadlines.Today(now);
        return rows.Select(r =>
        {
            var deadline = deadlines.For(r.Kind, r.RegionId);
            return new Row(r.Id, r.Code, r.Name, r.Kind, r.RegionId, r.RegionName, r.Current?.ReportId, r.Current?.Number,
                r.Current?.Status, r.Current?.IsCorrection ?? false, r.Current?.SubmittedAt, r.Current?.UpdatedAt,
                r.Current?.ScheduledFor, r.FirstPublishedAt)
            {
                Deadline = deadline,
                IsLate = Deadlines.IsLate(deadline, r.FirstPublishedAt, today),
            };
        }).ToList();
    }
}
