using DisclosurePortal.Domain.Regions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DisclosurePortal.Data.Queries;

/// <summary>
/// One published revision as the public report page lists it. <see cref="Version"/> is the row's xmin: a
/// published revision never changes (ReportRevision.Publish freezes it), so its id and xmin name its content
/// for good, and a cache of what is derived from the content (PublicSite/PublishedContent) keys on both.
/// </summary>
public sealed record PublishedRevisionInfo(int Id, uint Version, int Number, DateTimeOffset PublishedAt, string? CorrectionNote)
{
    /// <summary>A correction carries its 更正说明; a first revision has none (ck_report_revisions_correction_note).</summary>
    public bool IsCorrection => CorrectionNote is not null;
}

/// <summary>
/// What the public report page needs to know on every request, without the content: the body and its region,
/// the published revisions of the year (first to last) and the latest published revision of the year before.
/// </summary>
public sealed record ReportPageHead(int ReportId, string BodyCode, string BodyName, BodyKind BodyKind, int RegionId,
    int Year, IReadOnlyList<PublishedRevisionInfo> Published, PublishedRevisionInfo? PreviousYear, int? PreviousYearReportId);

/// <summary>
/// The report page's per-request read (issue 6: the uncached page at 64 connections): one prepared statement,
/// index lookups, instead of EF queries that loaded every
/// revision's jsonb content of the report and of last year's. Only published revisions are read: a draft, a
/// submitted or a returned revision is as if it did not exist for the public.
/// </summary>
public static class ReportPageQuery
{
    // The body's reports of this year and the year before, each with its published revisions (none: one row of
    // nulls, so that an unpublished report is still told apart from a missing one), oldest first.
    private const string RevisionsSql = """
        SELECT a.id, a.year, b.name, b.kind, v.id, v.xmin, v.number, v.published_at, v.correction_note, b.region_id
        FROM bodies b JOIN annual_reports a ON a.body_id = b.id AND a.year IN ($2, $3)
        LEFT JOIN report_revisions v ON v.report_id = a.id AND v.status = 'Published'
        WHERE b.code = $1 ORDER BY a.year, v.number
        """;

    /// <summary>Null when the body or its report of the year does not exist; an empty <c>Published</c> when none is published.</summary>
    public static async Task<ReportPageHead?> LoadAsync(PortalDbContext db, string bodyCode, int year, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(RevisionsSql, (NpgsqlConnection)db.Database.GetDbConnection())
            {
                // year − 1 in C#: the route takes any int, and int.MinValue − 1 in SQL would be an error (a 500).
                Parameters = { new NpgsqlParameter { Value = bodyCode }, new NpgsqlParameter { Value = year }, new NpgsqlParameter { Value = unchecked(year - 1) } },
            };
            // Prepared once per pooled connection (Npgsql keeps prepared statements across Open/Close): PostgreSQL
            // then skips parsing and planning on every later request.
            await command.PrepareAsync(ct);
            await using var reader = await command.ExecuteReaderAsync(ct);

            int? reportId = null, previousReportId = null;
            var regionId = 0;
            string bodyName = "";
            var kind = default(BodyKind);
            var published = new List<PublishedRevisionInfo>(2);
            PublishedRevisionInfo? previous = null;
            while (await reader.ReadAsync(ct))
            {
                var revision = reader.IsDBNull(4) ? null
                    : new PublishedRevisionInfo(reader.GetInt32(4), reader.GetFieldValue<uint>(5), reader.GetInt32(6),
                        reader.GetFieldValue<DateTimeOffset>(7), reader.IsDBNull(8) ? null : reader.GetString(8));
                if (reader.GetInt32(1) == year)
                {
                    (reportId, bodyName, kind) = (reader.GetInt32(0), reader.GetString(2), Enum.Parse<BodyKind>(reader.GetString(3)));
                    regionId = reader.GetInt32(9);
                    if (revision is not null) published.Add(revision);
                }
                else if (revision is not null)
                {
                    (previous, previousReportId) = (revision, reader.GetInt32(0));
                }
            }
            if (reportId is null) return null;

            return new ReportPageHead(reportId.Value, bodyCode, bodyName, kind, regionId, year, published, previous, previousReportId);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
