using DisclosurePortal.Data.DemoData;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Tests;

[Collection(DatabaseTests.Name)]
public sealed class DemoAndAggregateTests(PostgresFixture pg)
{
    private readonly string _cs = pg.CreateDatabase();
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Demo_data_loads_once_into_an_empty_database_and_a_second_run_adds_nothing()
    {
        await using (var db = PortalDb.Create(_cs)) Assert.True(await DemoSeeder.SeedIfEmptyAsync(db, Now));
        await using (var db = PortalDb.Create(_cs))
        {
            var counts = (await db.Reports.CountAsync(), await db.Revisions.CountAsync(), await db.Bodies.CountAsync());
            Assert.False(await DemoSeeder.SeedIfEmptyAsync(db, Now));
            Assert.Equal(counts, (await db.Reports.CountAsync(), await db.Revisions.CountAsync(), await db.Bodies.CountAsync()));
        }
    }

    [Fact]
    public async Task Demo_reports_are_consistent_across_years_and_cover_every_status()
    {
        await using var db = PortalDb.Create(_cs);
        await DemoSeeder.SeedIfEmptyAsync(db, Now);
        var reports = await db.Reports.Include(r => r.Body).Include(r => r.Revisions).ToListAsync();

        Assert.Contains(db.Regions, r => r.Level == Domain.Regions.RegionLevel.City);
        Assert.Equal(2, await db.Regions.CountAsync(r => r.Level == Domain.Regions.RegionLevel.County));
        Assert.Equal([RevisionStatus.Draft, RevisionStatus.Submitted, RevisionStatus.Returned, RevisionStatus.Published],
            reports.Select(r => r.Current.Status).Distinct().Order());
        Assert.Contains(reports, r => r.Revisions.Count(v => v.Status == RevisionStatus.Published) == 2);

        foreach (var byBody in reports.GroupBy(r => r.BodyId))
        {
            var ordered = byBody.OrderBy(r => r.Year).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var previous = ordered[i - 1].Current.ToData();
                var current = ordered[i].Current.ToData();
                var violations = ReportRules.Evaluate(new RuleInput(current, ordered[i].Body.Kind, previous,
                    null, ordered[i].Body.Name));
                Assert.DoesNotContain(violations, v => v.Code == RuleCodes.CarryOver);
                Assert.DoesNotContain(violations, v => v.Level == RuleLevel.Blocking);
            }
        }
    }

    [Fact]
    public async Task The_sql_aggregate_of_a_region_equals_the_sum_of_its_published_reports()
    {
        await using var db = PortalDb.Create(_cs);
        await DemoSeeder.SeedIfEmptyAsync(db, Now);
        var city = await db.Regions.SingleAsync(r => r.Parent == null);
        var county = await db.Regions.SingleAsync(r => r.Code == "990101");

        foreach (var (region, year) in new[] { (city, 2023), (city, 2024), (county, 2024) })
        {
            var aggregate = await FigureAggregates.SumPublishedAsync(db, region.Id, year);

            var regionIds = await SubtreeAsync(db, region.Id);
            var published = (await db.Reports.Include(r => r.Revisions).Include(r => r.Body)
                    .Where(r => r.Year == year && regionIds.Contains(r.Body.RegionId)).ToListAsync())
                .Select(r => r.Published).OfType<ReportRevision>().ToList();
            Assert.Equal(published.Count, aggregate.ReportCount);
            Assert.NotEmpty(published);
            foreach (var cell in Format2021.Definition.Cells)
                Assert.Equal(published.Sum(p => p.ToData()[cell.Ref] ?? 0m), aggregate.Figures.GetValueOrDefault(cell.Ref));
        }
    }

    [Fact]
    public async Task The_aggregate_counts_a_corrected_report_once_with_its_latest_published_revision()
    {
        await using var db = PortalDb.Create(_cs);
        await DemoSeeder.SeedIfEmptyAsync(db, Now);
        var corrected = await db.Reports.Include(r => r.Revisions).Include(r => r.Body)
            .SingleAsync(r => r.Body.Code == "donghu-jyj" && r.Year == 2023);
        Assert.Equal(2, corrected.Published!.Number);
        var aggregate = await FigureAggregates.SumPublishedAsync(db, corrected.Body.RegionId, 2023);
        var cell = new CellRef(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Total);
        var regionIds = await SubtreeAsync(db, corrected.Body.RegionId);
        var inCounty = await db.Reports.Include(r => r.Revisions).Include(r => r.Body)
            .Where(r => r.Year == 2023 && regionIds.Contains(r.Body.RegionId)).ToListAsync();
        Assert.Equal(inCounty.Count, aggregate.ReportCount);
        Assert.Equal(inCounty.Sum(r => r.Published!.ToData()[cell] ?? 0m), aggregate.Figures[cell]);
    }

    private static async Task<List<int>> SubtreeAsync(PortalDbContext db, int root)
    {
        var all = await db.Regions.Select(r => new { r.Id, r.ParentId }).ToListAsync();
        var result = new List<int> { root };
        for (var i = 0; i < result.Count; i++) result.AddRange(all.Where(r => r.ParentId == result[i]).Select(r => r.Id));
        return result;
    }
}
