using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DisclosurePortal.Data.Tests;

[Collection(DatabaseTests.Name)]
public sealed class DraftSaveTests(PostgresFixture pg)
{
    private static readonly Actor ClerkAt = new("clerk-1", "张填报", "203.0.113.7");
    private readonly string _cs = pg.CreateDatabase();

    private PortalDbContext Db() => PortalDb.Create(_cs);

    /// <summary>Two drafts with the same content, of two bodies; returns their revision ids.</summary>
    private (int, int) TwoDrafts(RevisionStatus status = RevisionStatus.Draft)
    {
        using var db = Db();
        var world = TestWorld.Create(db);
        // A second body of the same name and kind, so that both reports start from the same generated content.
        var twin = new Domain.Regions.Body("jinyun-jyj-2", world.CountyDept.Name, world.CountyDept.Kind, world.OtherCounty);
        var a = TestWorld.Report(world.CountyDept, 2024, seed: 7, status);
        var b = TestWorld.Report(twin, 2024, seed: 7, status);
        db.Reports.AddRange(a, b);
        db.SaveChanges();
        return (a.Current.Id, b.Current.Id);
    }

    private static void Change(ReportRevision revision, int offset) =>
        revision.Save(TestWorld.DistinctFigures(offset), TestWorld.Prose($"第{offset}稿<script>alert(1)</script>"), FigureEntry.DeriveTotals,
            ClerkAt, TestWorld.Now.AddMinutes(offset),
            new Dictionary<string, string?> { ["X-CARRY-OVER@t3/2/natural"] = $"口径调整{offset}" });

    private static ReportRevision Untracked(PortalDbContext db, int id) =>
        db.Revisions.AsNoTracking().Include(r => r.Report).ThenInclude(r => r.Body).Single(r => r.Id == id);

    /// <summary>The stored row and its latest audit line, every column but the ids and the row's own version.</summary>
    private List<string?> Stored(int id)
    {
        using var connection = new NpgsqlConnection(_cs);
        connection.Open();
        using var command = new NpgsqlCommand("""
            SELECT v.counts::text, v.amounts::text, v.prose::text, v.explanations::text, v.review_comments::text,
                   v.status, v.number::text, v.updated_at::text, v.updated_by, v.created_at::text, v.created_by,
                   v.submitted_at::text, v.return_reason, v.format_version,
                   e.action, e.actor_id, e.actor_name, e.at::text, e.note, e.ip, e.changes,
                   (SELECT count(*) FROM revision_events x WHERE x.revision_id = v.id)::text
            FROM report_revisions v
            JOIN LATERAL (SELECT * FROM revision_events x WHERE x.revision_id = v.id ORDER BY x.id DESC LIMIT 1) e ON true
            WHERE v.id = @id
            """, connection);
        command.Parameters.AddWithValue("id", id);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i))];
    }

    [Theory]
    [InlineData(RevisionStatus.Draft)]
    [InlineData(RevisionStatus.Returned)]
    public async Task A_draft_save_stores_exactly_what_SaveChanges_stores(RevisionStatus status)
    {
        var (viaEf, viaDraftSave) = TwoDrafts(status);
        using (var db = Db())
        {
            var revision = db.Revisions.Include(r => r.Report).ThenInclude(r => r.Body).Single(r => r.Id == viaEf);
            Change(revision, 3);
            await db.SaveChangesAsync();
        }
        using (var db = Db())
        {
            var revision = Untracked(db, viaDraftSave);
            Change(revision, 3);
            Assert.NotNull(await DraftSave.WriteAsync(db, revision, revision.Version, CancellationToken.None));
        }

        var (ef, draft) = (Stored(viaEf), Stored(viaDraftSave));
        Assert.Equal(ef, draft);
        Assert.Contains("203.0.113.7", draft);
        Assert.Contains("第3稿<script>alert(1)</script>", draft[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_save_returns_the_version_the_next_save_must_name()
    {
        var (id, _) = TwoDrafts();
        using var db = Db();
        var revision = Untracked(db, id);
        var loaded = revision.Version;

        Change(revision, 1);
        var first = await DraftSave.WriteAsync(db, revision, loaded, CancellationToken.None);
        Assert.NotNull(first);
        Assert.NotEqual(loaded, first);
        using (var check = Db()) Assert.Equal(first, check.Revisions.Single(r => r.Id == id).Version);

        // The page that saved now carries the new version; a page still showing the old one is stale.
        var again = Untracked(db, id);
        Change(again, 2);
        Assert.Null(await DraftSave.WriteAsync(db, again, loaded, CancellationToken.None));
        Assert.NotNull(await DraftSave.WriteAsync(db, again, first.Value, CancellationToken.None));
    }

    [Fact]
    public async Task A_draft_save_based_on_a_stale_version_writes_neither_the_content_nor_an_audit_line()
    {
        var (id, _) = TwoDrafts();
        var before = Stored(id);
        using var db = Db();
        var revision = Untracked(db, id);
        Change(revision, 9);

        Assert.Null(await DraftSave.WriteAsync(db, revision, revision.Version + 1, CancellationToken.None));
        Assert.Equal(before, Stored(id));
    }

    [Fact]
    public async Task A_draft_save_is_refused_for_anything_but_a_revision_just_saved()
    {
        var (id, _) = TwoDrafts(RevisionStatus.Submitted);
        using var db = Db();
        var revision = Untracked(db, id);
        await Assert.ThrowsAsync<InvalidOperationException>(() => DraftSave.WriteAsync(db, revision, revision.Version, CancellationToken.None));
    }

    [Theory]
    [InlineData(RevisionStatus.Draft)]
    [InlineData(RevisionStatus.Returned)]
    public void Save_changes_no_stored_property_of_a_revision_that_the_draft_save_does_not_write(RevisionStatus status)
    {
        // DraftSave writes a fixed list of the revision's columns: a property ReportRevision.Save starts to change
        // must be added to that list, or a draft save would silently drop it.
        var (id, _) = TwoDrafts(status);
        using var db = Db();
        var revision = db.Revisions.Include(r => r.Report).ThenInclude(r => r.Body).Single(r => r.Id == id);
        Change(revision, 5);
        db.ChangeTracker.DetectChanges();

        var modified = db.Entry(revision).Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
        Assert.NotEmpty(modified);
        Assert.All(modified, name => Assert.Contains(name, DraftSave.RevisionColumns));
        // The only other row it adds is its audit line.
        Assert.Equal([typeof(RevisionEvent)], db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Metadata.ClrType));
    }
}
