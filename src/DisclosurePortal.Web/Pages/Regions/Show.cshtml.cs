using System.Globalization;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Web.PublicSite;
using DisclosurePortal.Web.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Regions;

/// <summary>
/// A region's public page: its sub-regions with their publication progress, its own bodies
/// with their published reports by year, the aggregate of one year over every published report of the region
/// and its sub-regions (summed in PostgreSQL, FigureAggregates), and charts of the aggregates over the years.
/// </summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public sealed class ShowModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public RegionNode Region { get; private set; } = null!;
    public IReadOnlyList<RegionName> Path { get; private set; } = [];
    public int ProgressYear { get; private set; }
    public IReadOnlyList<BodyRow> Bodies { get; private set; } = [];
    /// <summary>Years with at least one published report of a body of this region (the columns of the body list).</summary>
    public IReadOnlyList<int> BodyYears { get; private set; } = [];
    public IReadOnlyList<YearAggregate> Series { get; private set; } = [];
    public YearAggregate? Selected { get; private set; }

    public sealed record BodyRow(string Code, string Name, string Kind, IReadOnlySet<int> Years);

    public async Task<IActionResult> OnGetAsync(string code, string? year, CancellationToken ct)
    {
        int? askedYear = null;
        if (year is not null)
        {
            if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)) return BadRequest();
            askedYear = y;
        }
        var region = await db.Regions.AsNoTracking().Where(r => r.Code == code)
            .Select(r => new { r.Id }).SingleOrDefaultAsync(ct);
        if (region is null) return NotFound();

        Series = await FigureAggregates.SumPublishedByYearAsync(db, region.Id, ct);
        if (askedYear is { } asked)
        {
            Selected = Series.FirstOrDefault(s => s.Year == asked);
            // A year with nothing published (or one far in the future) has no aggregate to show.
            if (Selected is null) return NotFound();
        }
        else Selected = Series.Count > 0 ? Series[^1] : null;

        ProgressYear = Deadlines.CurrentReportYear(clock.GetUtcNow());
        var tree = await RegionProgress.TreeAsync(db, ProgressYear, ct);
        Region = RegionProgress.Find(tree, region.Id)!;
        Path = await RegionTree.PathAsync(db, region.Id, ct);

        var bodies = await db.Bodies.AsNoTracking().Where(b => b.RegionId == region.Id).OrderBy(b => b.Name)
            .Select(b => new { b.Id, b.Code, b.Name, b.Kind }).ToListAsync(ct);
        var ids = bodies.Select(b => b.Id).ToList();
        var reports = await db.CurrentPublishedRevisions()
            .Where(v => ids.Contains(v.Report.BodyId))
            .Select(v => new { v.Report.BodyId, v.Report.Year }).ToListAsync(ct);
        var yearsOf = reports.ToLookup(r => r.BodyId, r => r.Year);
        Bodies = [.. bodies.Select(b => new BodyRow(b.Code, b.Name, Domain.Regions.BodyKinds.Label(b.Kind), yearsOf[b.Id].ToHashSet()))];
        BodyYears = [.. reports.Select(r => r.Year).Distinct().OrderDescending()];
        return Page();
    }

    /// <summary>A year's sums in that year's format (2019–2020: the trial format), whose codes they are.</summary>
    public static ReportData AggregateData(YearAggregate a) =>
        new(ReportFormats.ForYear(a.Year) ?? Format2021.Definition, a.Aggregate.Figures, new Dictionary<string, string>());

    private static readonly CellRef Received = new(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Total);

    /// <summary>How many published reports each year's sums cover, under each year of the charts.</summary>
    public IReadOnlyList<string> CoveragePerYear => [.. Series.Select(s => $"覆盖 {s.Aggregate.ReportCount} 份报告")];

    /// <summary>
    /// Years summing different numbers of reports cannot be compared by their totals: a year with one report
    /// published is not a year applications collapsed.
    /// </summary>
    public bool CoverageDiffers => Series.Select(s => s.Aggregate.ReportCount).Distinct().Count() > 1;

    /// <summary>一、本年新收政府信息公开申请数量 (总计), per year.</summary>
    public IReadOnlyList<decimal> ReceivedPerYear => [.. Series.Select(s => s.Aggregate.Figures.GetValueOrDefault(Received))];

    /// <summary>
    /// The （一）–（六） outcomes of 三、本年度办理结果 in the 总计 column, each group summed over its items, read from
    /// the year's format definition (（七）总计 is their sum and is left out; the trial format's （六） is one row).
    /// </summary>
    public static IReadOnlyList<(string Label, decimal Value)> Outcomes(YearAggregate a)
    {
        var t3 = AggregateData(a).Format.Table(Format2021.T3);
        var results = t3.Row(Format2021.Table3.Results);
        static IEnumerable<RowDef> Leaves(RowDef r) => r.HasFigures ? [r] : r.Children.SelectMany(Leaves);
        // 「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」 is named by its head in a chart.
        static string Short(string label) => label.IndexOf('（', 3) is var i and > 0 ? label[..i] : label;
        return [.. results.Children.Where(r => !r.IsDerived).Select(r => (Short(r.Label),
            Leaves(r).Sum(l => a.Aggregate.Figures.GetValueOrDefault(new CellRef(Format2021.T3, l.Code, Format2021.Table3.Total)))))];
    }

    /// <summary>行政复议 and 行政诉讼 (未经复议直接起诉 + 复议后起诉) cases per year, from 表四's 总计 columns.</summary>
    public (IReadOnlyList<decimal> Review, IReadOnlyList<decimal> Litigation) Cases()
    {
        decimal Total(YearAggregate a, string group) => a.Aggregate.Figures.GetValueOrDefault(
            new CellRef(Format2021.T4, Format2021.Table4.Row, Format2021.Table4.Column(group, Format2021.Table4.Total)));
        return ([.. Series.Select(s => Total(s, Format2021.Table4.Review))],
            [.. Series.Select(s => Total(s, Format2021.Table4.DirectSuit) + Total(s, Format2021.Table4.SuitAfterReview))]);
    }
}
