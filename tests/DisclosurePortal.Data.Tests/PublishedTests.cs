using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Tests;

/// <summary>The one meaning of "published": a report's published revision with the highest number.</summary>
[Collection(DatabaseTests.Name)]
public sealed class PublishedTests(PostgresFixture pg)
{
    private readonly string _cs = pg.CreateDatabase();

    [Fact]
    public async Task A_reports_current_published_revision_is_its_latest_published_one_and_an_open_correction_does_not_count()
    {
        int correctedId, correctingId, draftId;
        await using (var db = PortalDb.Create(_cs))
        {
            var world = TestWorld.Create(db);
            var corrected = TestWorld.Report(world.CountyDept, 2023, seed: 1);
            var correcting = TestWorld.Report(world.TownshipGov, 2023, seed: 2);
            var draft = TestWorld.Report(world.OtherCountyDept, 2023, seed: 3, RevisionStatus.Draft);
            db.Reports.AddRange(corrected, correcting, draft);
            await db.SaveChangesAsync();
            Publish(corrected.StartCorrection("更正表三的数字", TestWorld.Clerk, TestWorld.Now), corrected);
            correcting.StartCorrection("正在更正", TestWorld.Clerk, TestWorld.Now);
            await db.SaveChangesAsync();
            (correctedId, correctingId, draftId) = (corrected.Id, correcting.Id, draft.Id);
        }

        await using var read = PortalDb.Create(_cs);
        var current = await read.CurrentPublishedRevisions().AsNoTracking()
            .Select(v => new { v.ReportId, v.Number, v.Status }).ToListAsync();
        Assert.Equal([(correctedId, 2), (correctingId, 1)],
            current.OrderBy(v => v.ReportId).Select(v => (v.ReportId, v.Number)));
        Assert.All(current, v => Assert.Equal(RevisionStatus.Published, v.Status));
        Assert.DoesNotContain(current, v => v.ReportId == draftId);
    }

    private static void Publish(ReportRevision correction, AnnualReport report)
    {
        correction.Submit(report.Body.Kind, null, null, TestWorld.Clerk, TestWorld.Now.AddHours(1));
        correction.Publish(TestWorld.Reviewer, TestWorld.Now.AddHours(2));
    }
}
