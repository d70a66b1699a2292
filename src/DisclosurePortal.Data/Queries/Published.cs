using DisclosurePortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Queries;

/// <summary>
/// The one meaning of "published" for every public page, aggregate, export, API and rule context: a report's
/// current published revision is its published revision with the highest number (a correction supersedes it, the
/// superseded one stays readable at its own address). Defined once, as the view current_published_revisions
/// (migration CurrentPublishedRevisions), which LINQ reads through <see cref="CurrentPublishedRevisions"/> and the
/// SQL aggregates join by name; it looks each report up in ix_report_revisions_published.
/// </summary>
public static class Published
{
    /// <summary>The view's name, for SQL that joins it.</summary>
    public const string View = "current_published_revisions";

    /// <summary>Each report's current published revision; reports never published have none.</summary>
    public static IQueryable<ReportRevision> CurrentPublishedRevisions(this PortalDbContext db) =>
        db.Revisions.FromSql($"SELECT * FROM current_published_revisions");
}
