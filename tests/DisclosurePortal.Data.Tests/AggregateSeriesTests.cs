using DisclosurePortal.Data.DemoData;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Tests;

/// <summary>The per-year series of a region's aggregates (the region page's charts) and the region tree walks.</summary>
[Collection(DatabaseTests.Name)]
public sealed class AggregateSeriesTests(PostgresFixture pg)
{
    private readonly string _cs = pg.CreateDatabase();
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_year_of_the_series_equals_the_sum_of_that_years_published_reports_in_the_tree()
    {
        await using var db = PortalDb.Create(_cs);
        await DemoSeeder.SeedIfEmptyAsync(db, Now);
        foreach (var region in await db.Regions.ToListAsync())
        {
            var series = await FigureAggregates.SumPublishedByYearAsync(db, region.Id);
            var ids = await RegionTree.SubtreeAsync(db, region.Id);
            var published = (await db.Reports.Include(r => r.Revisions).Include(r => r.Body)
                    .Where(r => ids.Contains(r.Body.RegionId)).ToListAsync())
                .Where(r => r.Published is not null).ToList();
            Assert.Equal(published.Select(r => r.Year).Distinct().Order(), series.Select(s => s.Year));
            foreach (var year in series)
            {
                var reports = published.Where(r => r.Year == year.Year).Select(r => r.Published!.ToData()).ToList();
                Assert.Equal(reports.Count, year.Aggregate.ReportCount);
                foreach (var cell in Format2021.Definition.Cells)
                    Assert.Equal(reports.Sum(d => d[cell.Ref] ?? 0m), year.Aggregate.Figures.GetValueOrDefault(cell.Ref));
            }
        }
    }

    [Fact]
    public async Task A_region_path_runs_from_the_root_to_the_region()
    {
        await using var db = PortalDb.Create(_cs);
        var world = TestWorld.Create(db);
        var path = await RegionTree.PathAsync(db, world.Township.Id);
        Assert.Equal(["丽水市", "缙云县", "钱店镇"], path.Select(p => p.Name));
        Assert.Equal([world.County.Id, world.Township.Id], (await RegionTree.SubtreeAsync(db, world.County.Id)).Order());
    }
}
