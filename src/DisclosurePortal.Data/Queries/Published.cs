using DisclosurePortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Queries;

/// <summary>
/// The one meaning of "published" for every public page, aggregate, export, API and rule context: a report's
/// current published revision is its published revision with the highest number (a correction supersedes it, the
/// superseded one stays readable at its own address). Defined once, as the view current_published_revisions
/// (migration CurrentPublishedRevisions): LINQ reads it through <see cref="CurrentPublishedRevisions"/>, the SQL
/// aggregates join it by that name; it looks each report up in ix_report_revisions_published.
/// </summary>
public static class Published
{
    /// <summary>Each report's current published revision; reports never published have none.</summary>
    public static IQueryable<ReportRevision> CurrentPublishedRevisions(this PortalDbContext db) =>
        db.Revisions.FromSql($"SELECT * FROM current_published_revisions");

    /// <summary>Each report's published revision <paramref name="number"/>, or its current one when none is given.</summary>
    public static IQueryable<ReportRevision> PublishedRevisions(this PortalDbContext db, int? number) =>
        number is { } n
            ? db.Revisions.Where(v => v.Status == RevisionStatus.Published && v.Number == n)
            : db.CurrentPublishedRevisions();
}
