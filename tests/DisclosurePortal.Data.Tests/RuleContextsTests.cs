using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Tests;

/// <summary>
/// The rules' context of the entry form: last year's published report of the body, and every published report of
/// the portal whose prose is like the draft's (found by the prose fingerprint), each report's current revision.
/// </summary>
[Collection(DatabaseTests.Name)]
public sealed class RuleContextsTests(PostgresFixture pg)
{
    private readonly string _cs = pg.CreateDatabase();

    [Fact]
    public async Task Last_years_report_and_copies_anywhere_in_the_portal_are_found()
    {
        int draftId;
        AnnualReport lastYear, draft, copy;
        await using (var db = PortalDb.Create(_cs))
        {
            var world = TestWorld.Create(db);
            var neighbour = new Body("jinyun-wjj", "缙云县卫生健康局", BodyKind.CountyDepartment, world.County);
            db.Bodies.Add(neighbour);
            lastYear = TestWorld.Report(world.CountyDept, 2023, seed: 1);
            draft = TestWorld.Report(world.CountyDept, 2024, seed: 2, RevisionStatus.Draft);
            // Another county's department published the draft's prose with its own name: found, though far away.
            copy = AnnualReport.Start(world.OtherCountyDept, 2024, TestWorld.Clerk, TestWorld.Now);
            var copied = draft.Current.ToData();
            copy.Current.Save(copied.Figures.ToDictionary(kv => kv.Key, kv => (decimal?)kv.Value),
                copied.Prose.ToDictionary(kv => kv.Key, kv => (string?)kv.Value.Replace("缙云县", "遂昌县", StringComparison.Ordinal)),
                FigureEntry.AsGiven, TestWorld.Clerk, TestWorld.Now);
            copy.Current.Submit(world.OtherCountyDept.Kind, null, null, TestWorld.Clerk, TestWorld.Now.AddHours(1));
            copy.Current.Publish(TestWorld.Reviewer, TestWorld.Now.AddHours(2));
            // Published prose written independently, in the same region and year, and a copy not published: not compared.
            db.Reports.AddRange(lastYear, draft, copy,
                TestWorld.Report(neighbour, 2024, seed: 3),
                TestWorld.Report(world.TownshipGov, 2024, seed: 5),
                TestWorld.Report(new Body("jinyun-sfj", "缙云县司法局", BodyKind.CountyDepartment, world.County), 2024, seed: 2,
                    RevisionStatus.Submitted));
            await db.SaveChangesAsync();
            draftId = draft.Id;
        }

        var expectedLastYear = lastYear.Current.ToData();
        var (previous, others) = await ContextOfAsync(draftId);
        Assert.NotNull(previous);
        Assert.Equal(expectedLastYear.Figures.OrderBy(kv => kv.Key.ToString()), previous.Figures.OrderBy(kv => kv.Key.ToString()));
        Assert.Equal(expectedLastYear.AllProse, previous.AllProse);
        Assert.Equal([("缙云县教育局", 2023, expectedLastYear.AllProse), ("遂昌县教育局", 2024, copy.Current.ToData().AllProse)],
            others.Select(o => (o.BodyName, o.Year, o.Text)));
    }

    [Fact]
    public async Task The_migration_gives_revisions_published_earlier_their_fingerprint()
    {
        var (draftId, _) = await LastYearAndDraftAsync();
        int copyId;
        await using (var db = PortalDb.Create(_cs))
        {
            var draft = await db.Reports.Include(r => r.Body).Include(r => r.Revisions).SingleAsync(r => r.Id == draftId);
            var other = await db.Bodies.SingleAsync(b => b.Code == "suichang-jyj");
            var copy = AnnualReport.Start(other, 2022, TestWorld.Clerk, TestWorld.Now);
            var copied = draft.Current.ToData();
            copy.Current.Save(copied.Figures.ToDictionary(kv => kv.Key, kv => (decimal?)kv.Value),
                copied.Prose.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), FigureEntry.AsGiven, TestWorld.Clerk, TestWorld.Now);
            copy.Current.Submit(other.Kind, null, null, TestWorld.Clerk, TestWorld.Now.AddHours(1));
            copy.Current.Publish(TestWorld.Reviewer, TestWorld.Now.AddHours(2));
            db.Reports.Add(copy);
            await db.SaveChangesAsync();
            copyId = copy.Id;
            // As if published before fingerprints were kept.
            await db.Database.ExecuteSqlAsync($"UPDATE report_revisions SET prose_bands = '{{}}' WHERE report_id = {copyId}");
        }
        Assert.DoesNotContain((await ContextOfAsync(draftId)).Others, o => o.Year == 2022);

        await using (var db = PortalDb.Create(_cs))
            Assert.True(await Publishing.ProseFingerprints.FillMissingAsync(db, default) >= 1);

        Assert.Contains((await ContextOfAsync(draftId)).Others, o => o.Year == 2022 && o.BodyName == "遂昌县教育局");
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
        var report = await db.Reports.Include(r => r.Body).Include(r => r.Revisions).SingleAsync(r => r.Id == draftId);
        return await RuleContexts.LoadAsync(db, report, report.Current.ToData(), default);
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
