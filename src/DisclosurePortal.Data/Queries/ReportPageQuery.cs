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
/// What the public report page needs to know on every request, without the content: the body, its region
/// path, the published revisions of the year (first to last) and the latest published revision of the year before.
/// </summary>
public sealed record ReportPageHead(int ReportId, string BodyCode, string BodyName, BodyKind BodyKind, int Year,
    IReadOnlyList<PublishedRevisionInfo> Published, IReadOnlyList<RegionName> RegionPath,
    PublishedRevisionInfo? PreviousYear, int? PreviousYearReportId);

/// <summary>
/// The report page's per-request reads in one round trip (issue 6: the uncached page at 64 connections): four
/// small statements sent as one prepared batch, each an index lookup, instead of EF queries that loaded every
/// revision's jsonb content of the report and of last year's. Only published revisions are read: a draft, a
/// submitted or a returned revision is as if it did not exist for the public.
/// </summary>
public static class ReportPageQuery
{
    private const string ReportSql = """
        SELECT a.id, b.name, b.kind FROM bodies b JOIN annual_reports a ON a.body_id = b.id AND a.year = $2
        WHERE b.code = $1
        """;

    private const string PublishedSql = """
        SELECT v.id, v.xmin, v.number, v.published_at, v.correction_note
        FROM bodies b JOIN annual_reports a ON a.body_id = b.id AND a.year = $2
        JOIN report_revisions v ON v.report_id = a.id AND v.status = 'Published'
        WHERE b.code = $1 ORDER BY v.number
        """;

    private const string PreviousYearSql = """
        SELECT v.id, v.xmin, v.number, v.published_at, v.correction_note, a.id
        FROM bodies b JOIN annual_reports a ON a.body_id = b.id AND a.year = $2 - 1
        JOIN report_revisions v ON v.report_id = a.id AND v.status = 'Published'
        WHERE b.code = $1 ORDER BY v.number DESC LIMIT 1
        """;

    private const string RegionPathSql = """
        WITH RECURSIVE up AS (
            SELECT r.id, r.code, r.name, r.parent_id, 0 AS depth FROM regions r
            WHERE r.id = (SELECT region_id FROM bodies WHERE code = $1)
            UNION ALL
            SELECT r.id, r.code, r.name, r.parent_id, up.depth + 1 FROM regions r JOIN up ON r.id = up.parent_id
        )
        SELECT id, code, name FROM up ORDER BY depth DESC
        """;

    /// <summary>Null when the body or its report of the year does not exist; an empty <c>Published</c> when none is published.</summary>
    public static async Task<ReportPageHead?> LoadAsync(PortalDbContext db, string bodyCode, int year, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
            foreach (var sql in (ReadOnlySpan<string>)[ReportSql, PublishedSql, PreviousYearSql])
                batch.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { new NpgsqlParameter { Value = bodyCode }, new NpgsqlParameter { Value = year } } });
            batch.BatchCommands.Add(new NpgsqlBatchCommand(RegionPathSql) { Parameters = { new NpgsqlParameter { Value = bodyCode } } });
            // Prepared once per pooled connection (Npgsql keeps prepared statements across Open/Close): PostgreSQL
            // then skips parsing and planning, which was a third of its time for these statements.
            await batch.PrepareAsync(ct);
            await using var reader = await batch.ExecuteReaderAsync(ct);

            if (!await reader.ReadAsync(ct)) return null;
            var (reportId, bodyName, kind) = (reader.GetInt32(0), reader.GetString(1), Enum.Parse<BodyKind>(reader.GetString(2)));

            await reader.NextResultAsync(ct);
            var published = new List<PublishedRevisionInfo>(2);
            while (await reader.ReadAsync(ct)) published.Add(Revision(reader));

            await reader.NextResultAsync(ct);
            PublishedRevisionInfo? previous = null;
            int? previousReportId = null;
            if (await reader.ReadAsync(ct)) (previous, previousReportId) = (Revision(reader), reader.GetInt32(5));

            await reader.NextResultAsync(ct);
            var path = new List<RegionName>(4);
            while (await reader.ReadAsync(ct)) path.Add(new RegionName(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));

            return new ReportPageHead(reportId, bodyCode, bodyName, kind, year, published, path, previous, previousReportId);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static PublishedRevisionInfo Revision(NpgsqlDataReader r) =>
        new(r.GetInt32(0), r.GetFieldValue<uint>(1), r.GetInt32(2), r.GetFieldValue<DateTimeOffset>(3),
            r.IsDBNull(4) ? null : r.GetString(4));
}
