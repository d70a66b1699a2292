using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Tests;

/// <summary>
/// The rules' context of the entry form: last year's published report of the body and the published prose of the
/// region's other bodies for the year, each report's current published revision.
/// </summary>
[Collection(DatabaseTests.Name)]
public sealed class RuleContextsTests(PostgresFixture pg)
{
    private readonly string _cs = pg.CreateDatabase();

    [Fact]
    public async Task Last_years_report_and_the_regions_published_prose_are_found()
    {
        int draftId;
        Body neighbour;
        AnnualReport lastYear, neighbours;
        await using (var db = PortalDb.Create(_cs))
        {
            var world = TestWorld.Create(db);
            neighbour = new Body("jinyun-wjj", "缙云县卫生健康局", BodyKind.CountyDepartment, world.County);
            db.Bodies.Add(neighbour);
            lastYear = TestWorld.Report(world.CountyDept, 2023, seed: 1);
            var draft = TestWorld.Report(world.CountyDept, 2024, seed: 2, RevisionStatus.Draft);
            neighbours = TestWorld.Report(neighbour, 2024, seed: 3);
            // Published, but of another region, another year, or not published: none of these is compared.
            db.Reports.AddRange(lastYear, draft, neighbours,
                TestWorld.Report(world.OtherCountyDept, 2024, seed: 4),
                TestWorld.Report(world.TownshipGov, 2024, seed: 5),
                TestWorld.Report(neighbour, 2023, seed: 6),
                TestWorld.Report(new Body("jinyun-sfj", "缙云县司法局", BodyKind.CountyDepartment, world.County), 2024, seed: 7,
                    RevisionStatus.Submitted));
            await db.SaveChangesAsync();
            draftId = draft.Id;
        }

        var expectedLastYear = lastYear.Current.ToData();
        var expectedOthers = new[]
        {
            (neighbour.Name, 2024, neighbours.Current.ToData().AllProse),
            ("缙云县教育局", 2023, expectedLastYear.AllProse),
        };
        var (previous, others) = await ContextOfAsync(draftId);
        Assert.NotNull(previous);
        Assert.Equal(expectedLastYear.Figures.OrderBy(kv => kv.Key.ToString()), previous.Figures.OrderBy(kv => kv.Key.ToString()));
        Assert.Equal(expectedLastYear.AllProse, previous.AllProse);
        Assert.Equal(expectedOthers.Order(), others.Select(o => (o.BodyName, o.Year, o.Text)).Order());
    }

    /// <summary>Last year's published report of the county department and this year's draft.</summary>
    private async Task<(int DraftId, AnnualReport LastYear)> LastYearAndDraftAsync()
    {
        await using var db = PortalDb.Create(_cs);
        var world = TestWorld.Create(db);
        var lastYear = TestWorld.Report(world.CountyDept, 2023, seed: 1);
        var draft = TestWorld.Report(world.CountyDept, 2024, seed: 2, RevisionStatus.Draft);
        db.Reports.AddRange(lastYear, draft);
        await db.SaveChangesAsync();
        return (draft.Id, lastYear);
    }

    /// <summary>The draft's rules' context.</summary>
    private async Task<(ReportData? LastYear, IReadOnlyList<ComparableProse> Others)> ContextOfAsync(int draftId)
    {
        await using var db = PortalDb.Create(_cs);
        var report = await db.Reports.Include(r => r.Body).SingleAsync(r => r.Id == draftId);
        return await RuleContexts.LoadAsync(db, report, default);
    }

    [Fact]
    public async Task A_correction_published_since_is_the_one_compared()
    {
        var (draftId, lastYearReport) = await LastYearAndDraftAsync();
        var lastYearId = lastYearReport.Id;
        Assert.NotNull((await ContextOfAsync(draftId)).LastYear);

        // 更正: a new revision is published; the first stays as it was, but is no longer compared.
        await using (var db = PortalDb.Create(_cs))
        {
            var lastYear = await db.Reports.Include(r => r.Body).Include(r => r.Revisions).SingleAsync(r => r.Id == lastYearId);
            var correction = lastYear.StartCorrection("更正表三的数字", TestWorld.Clerk, TestWorld.Now);
            correction.Save(new Dictionary<Domain.Format.CellRef, decimal?>(),
                new Dictionary<string, string?> { [correction.Format.ProseParts[0].Code] = "更正后的概述：本机关依法公开政府信息。" },
                FigureEntry.AsGiven, TestWorld.Clerk, TestWorld.Now);
            correction.Submit(lastYear.Body.Kind, null, null, TestWorld.Clerk, TestWorld.Now.AddHours(1));
            correction.Publish(TestWorld.Reviewer, TestWorld.Now.AddHours(2));
            await db.SaveChangesAsync();
        }
        var (previous, others) = await ContextOfAsync(draftId);
        Assert.NotNull(previous);
        Assert.StartsWith("更正后的概述", previous.AllProse, StringComparison.Ordinal);
        Assert.Single(others, o => o.Year == 2023 && o.Text == previous.AllProse);
    }

    [Fact]
    public async Task A_published_revision_rewritten_behind_the_portals_back_is_read_again()
    {
        var (draftId, lastYear) = await LastYearAndDraftAsync();
        var (lastYearRevisionId, firstPart) = (lastYear.Current.Id, lastYear.Current.Format.ProseParts[0].Code);
        Assert.NotNull((await ContextOfAsync(draftId)).LastYear);

        // An operator's UPDATE in psql.
        await using (var db = PortalDb.Create(_cs))
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE report_revisions SET prose = prose || jsonb_build_object({firstPart}::text, '库中改写的概述'::text) WHERE id = {lastYearRevisionId}");
        }
        var (previous, _) = await ContextOfAsync(draftId);
        Assert.Equal("库中改写的概述", previous!.ProseOf(firstPart));
    }
}
