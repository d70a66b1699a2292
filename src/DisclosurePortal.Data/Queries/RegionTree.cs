using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Queries;

/// <summary>A region as the public pages name it.</summary>
public sealed record RegionName(int Id, string Code, string Name);

/// <summary>Walks of the region tree done in PostgreSQL (recursive CTEs), one round trip each.</summary>
public static class RegionTree
{
    /// <summary>The region and its ancestors, the root first: the breadcrumb of a public page.</summary>
    public static async Task<IReadOnlyList<RegionName>> PathAsync(PortalDbContext db, int regionId, CancellationToken ct = default) =>
        await db.Database.SqlQueryRaw<RegionName>("""
            WITH RECURSIVE up AS (
                SELECT id, code, name, parent_id, 0 AS depth FROM regions WHERE id = {0}
                UNION ALL
                SELECT r.id, r.code, r.name, r.parent_id, up.depth + 1 FROM regions r JOIN up ON r.id = up.parent_id
            )
            SELECT id AS "Id", code AS "Code", name AS "Name" FROM up ORDER BY depth DESC
            """, regionId).ToListAsync(ct);

    /// <summary>The CTE <c>tree</c>: region {0} and every region below it, the start of each subtree query.</summary>
    internal const string Subtree = """
        WITH RECURSIVE tree AS (
            SELECT id FROM regions WHERE id = {0}
            UNION ALL
            SELECT r.id FROM regions r JOIN tree t ON r.parent_id = t.id
        )
        """;

    /// <summary>The ids of the region and every region below it.</summary>
    public static async Task<IReadOnlyList<int>> SubtreeAsync(PortalDbContext db, int regionId, CancellationToken ct = default) =>
        await db.Database.SqlQueryRaw<int>(Subtree + """ SELECT id AS "Value" FROM tree""", regionId).ToListAsync(ct);
}
