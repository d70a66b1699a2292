using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Web.Publishing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.OpenData;

/// <summary>
/// 开放数据: what can be downloaded and how the API is called. Bulk links are offered for the upper
/// levels of the region tree (province, city, and their direct children) and for the years that have published
/// reports; any region code works in the same address, which the page explains.
/// </summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public sealed record RegionRow(string Code, string Name, int Depth);
    public sealed record Example(string BodyCode, string BodyName, int Year, string RegionCode);

    public IReadOnlyList<RegionRow> Regions { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public Example? Sample { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Years = await db.CurrentPublishedRevisions().Select(v => v.Report.Year)
            .Distinct().OrderByDescending(y => y).ToListAsync(ct);
        var roots = await db.Regions.Where(r => r.ParentId == null).OrderBy(r => r.Code).ToListAsync(ct);
        var rootIds = roots.Select(r => r.Id).ToList();
        var children = await db.Regions.Where(r => r.ParentId != null && rootIds.Contains(r.ParentId.Value))
            .OrderBy(r => r.Code).ToListAsync(ct);
        Regions = [.. roots.SelectMany(root => new[] { new RegionRow(root.Code, root.Name, 0) }
            .Concat(children.Where(c => c.ParentId == root.Id).Select(c => new RegionRow(c.Code, c.Name, 1))))];
        Sample = await db.CurrentPublishedRevisions()
            .OrderByDescending(v => v.Report.Year).ThenBy(v => v.Report.Body.Code)
            .Select(v => new Example(v.Report.Body.Code, v.PublishedBodyName!, v.Report.Year, v.Report.Body.Region.Code))
            .FirstOrDefaultAsync(ct);
    }
}
