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
        DateTimeOffset? SubmittedAt, DateTimeOffset? UpdatedAt, DateTimeOffset? ScheduledFor)
    {
        public DateOnly Deadline { get; init; }
        /// <summary>The day the report was first made public (Timeliness.FirstPublishedOn); null when not yet, or not known.</summary>
        public DateOnly? FirstPublishedOn { get; init; }
        public Timeliness Timeliness { get; init; } = new(TimelinessKind.NotYetDue, 0);
        /// <summary>Published after the deadline, or not published and the deadline passed.</summary>
        public bool IsLate => Timeliness.IsLate;

        public QueueStatus QueueStatus => Status switch
        {
            null => QueueStatus.NotStarted,
            RevisionStatus.Draft => QueueStatus.Draft,
            RevisionStatus.Submitted => QueueStatus.Submitted,
            RevisionStatus.Returned => QueueStatus.Returned,
            RevisionStatus.Scheduled => QueueStatus.Scheduled,
            _ => QueueStatus.Published,
        };

        public bool HasPublished => Timeliness.IsPublished;
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
        // Two flat queries joined in memory: a correlated subquery per body (current revision, first publication)
        // is far slower for a county's 2,000 bodies.
        var bodies = await db.Bodies.AsNoTracking()
            .Where(b => ids.Contains(b.RegionId))
            .Select(b => new { b.Id, b.Code, b.Name, b.Kind, b.RegionId, RegionName = b.Region.Name })
            .ToListAsync(ct);
        var revisions = await db.Revisions.AsNoTracking()
            .Where(v => v.Report.Year == year && ids.Contains(v.Report.Body.RegionId))
            .Select(v => new
            {
                v.Report.BodyId, v.ReportId, v.Number, v.Status, IsCorrection = v.CorrectionNote != null, v.SubmittedAt,
                v.UpdatedAt, v.ScheduledFor, v.PublishedAt, v.Origin, v.OriginallyPublishedOn,
            })
            .ToListAsync(ct);
        var byBody = revisions.GroupBy(v => v.BodyId).ToDictionary(g => g.Key, g => (
            Current: g.MaxBy(v => v.Number)!,
            FirstPublished: g.Where(v => v.Status == RevisionStatus.Published).MinBy(v => v.Number)));
        var rows = bodies.OrderBy(b => b.RegionName, StringComparer.Ordinal).ThenBy(b => b.Name, StringComparer.Ordinal)
            .Select(b =>
            {
                var found = byBody.TryGetValue(b.Id, out var r);
                return new
                {
                    b.Id, b.Code, b.Name, b.Kind, b.RegionId, b.RegionName,
                    Current = found ? r.Current : null,
                    FirstPublished = found ? r.FirstPublished : null,
                };
            })
            .ToList();
        var deadlines = await DeadlineResolver.LoadAsync(db, year, ct);
        var today = Deadlines.Today(now);
        return rows.Select(r =>
        {
            var deadline = deadlines.For(r.Kind, r.RegionId);
            var publishedOn = r.FirstPublished is { } f ? Timeliness.FirstPublishedOn(f.Origin, f.OriginallyPublishedOn, f.PublishedAt) : null;
            return new Row(r.Id, r.Code, r.Name, r.Kind, r.RegionId, r.RegionName, r.Current?.ReportId, r.Current?.Number,
                r.Current?.Status, r.Current?.IsCorrection ?? false, r.Current?.SubmittedAt, r.Current?.UpdatedAt,
                r.Current?.ScheduledFor)
            {
                Deadline = deadline,
                FirstPublishedOn = publishedOn,
                Timeliness = Timeliness.Of(deadline, r.FirstPublished is not null, publishedOn, today),
            };
        }).ToList();
    }
}
