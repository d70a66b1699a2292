using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.PublicSite;

/// <summary>A region of the tree with how many of its bodies (sub-regions included) have published a year's report.</summary>
public sealed class RegionNode(int id, string code, string name, RegionLevel level, int? parentId)
{
    public int Id { get; } = id;
    public string Code { get; } = code;
    public string Name { get; } = name;
    public RegionLevel Level { get; } = level;
    public int? ParentId { get; } = parentId;
    public List<RegionNode> Children { get; } = [];
    /// <summary>已发布: bodies of the subtree with a published report for the year.</summary>
    public int Published { get; internal set; }
    /// <summary>应发布: every body of the subtree must publish (条例 art. 49).</summary>
    public int Due { get; internal set; }
}

/// <summary>
/// The region tree with publication progress per region for one report year: two grouped counts in SQL, the
/// roll-up over the tree in memory (regions number in the thousands at most, reports in the hundreds of thousands).
/// </summary>
public static class RegionProgress
{
    public static async Task<IReadOnlyList<RegionNode>> TreeAsync(PortalDbContext db, int year, CancellationToken ct)
    {
        var nodes = await db.Regions.AsNoTracking()
            .OrderBy(r => r.Code)
            .Select(r => new RegionNode(r.Id, r.Code, r.Name, r.Level, r.ParentId))
            .ToListAsync(ct);
        var due = await db.Bodies.GroupBy(b => b.RegionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var published = await db.CurrentPublishedRevisions()
            .Where(v => v.Report.Year == year)
            .GroupBy(v => v.Report.Body.RegionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        var byId = nodes.ToDictionary(n => n.Id);
        var roots = new List<RegionNode>();
        foreach (var n in nodes)
        {
            if (n.ParentId is { } p && byId.TryGetValue(p, out var parent)) parent.Children.Add(n);
            else roots.Add(n);
        }
        void Roll(RegionNode n)
        {
            n.Due = due.GetValueOrDefault(n.Id);
            n.Published = published.GetValueOrDefault(n.Id);
            foreach (var c in n.Children)
            {
                Roll(c);
                n.Due += c.Due;
                n.Published += c.Published;
            }
        }
        foreach (var r in roots) Roll(r);
        return roots;
    }

    public static RegionNode? Find(IEnumerable<RegionNode> nodes, int id)
    {
        foreach (var n in nodes)
        {
            if (n.Id == id) return n;
            if (Find(n.Children, id) is { } found) return found;
        }
        return null;
    }
}
