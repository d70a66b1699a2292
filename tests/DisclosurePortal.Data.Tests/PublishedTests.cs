using DisclosurePortal.Data.Publishing;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

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

    [Fact]
    public async Task Revisions_published_before_the_body_was_kept_get_its_name_kind_and_code_from_the_migration_and_backfill()
    {
        int reportId;
        string code;
        await using (var db = PortalDb.Create(_cs))
        {
            var world = TestWorld.Create(db);
            var report = TestWorld.Report(world.TownshipGov, 2023, seed: 4);
            db.Reports.Add(report);
            await db.SaveChangesAsync();
            (reportId, code) = (report.Id, report.Current.VerificationCode!);
        }
        await using (var db = PortalDb.Create(_cs))
        {
            // Back to the schema before publication recorded them, and forward again.
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("BodySearchIndex");
            await migrator.MigrateAsync();
            Assert.Equal(1, await VerificationCodeBackfill.RecordMissingAsync(db, default));
            Assert.Equal(0, await VerificationCodeBackfill.RecordMissingAsync(db, default));
        }

        await using var read = PortalDb.Create(_cs);
        var revision = await read.CurrentPublishedRevisions().AsNoTracking().SingleAsync(v => v.ReportId == reportId);
        Assert.Equal(("钱店镇人民政府", BodyKind.TownshipGovernment, code),
            (revision.PublishedBodyName, revision.PublishedBodyKind, revision.VerificationCode));
    }

    private static void Publish(ReportRevision correction, AnnualReport report)
    {
        correction.Submit(report.Body.Kind, null, null, TestWorld.Clerk, TestWorld.Now.AddHours(1));
        correction.Publish(TestWorld.Reviewer, TestWorld.Now.AddHours(2));
    }
}
