using System.Data.Common;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace DisclosurePortal.Data.Tests;

[Collection(DatabaseTests.Name)]
public sealed class RevisionStorageTests(PostgresFixture pg)
{
    private readonly string _cs = pg.CreateDatabase();

    private PortalDbContext Db(CommandCounter? counter = null)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDb.Configure(options, _cs);
        if (counter is not null) options.AddInterceptors(counter);
        return new PortalDbContext(options.Options);
    }

    private int CreateReport(Func<TestWorld, Domain.Regions.Body>? body = null)
    {
        using var db = Db();
        var world = TestWorld.Create(db);
        var report = AnnualReport.Start((body ?? (w => w.CountyDept))(world), 2024, TestWorld.Clerk, TestWorld.Now);
        report.Current.Save(TestWorld.DistinctFigures(), TestWorld.Prose("原文"), FigureEntry.AsGiven,
            TestWorld.Clerk, TestWorld.Now, new Dictionary<string, string?> { ["X-CARRY-OVER@t3/2/natural"] = "口径调整" });
        db.Reports.Add(report);
        db.SaveChanges();
        return report.Current.Id;
    }

    [Fact]
    public void The_committed_migrations_are_all_applied_and_match_the_model()
    {
        using var db = Db();
        Assert.Empty(db.Database.GetPendingMigrations());
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void A_revision_reads_back_every_figure_exactly_with_its_prose_and_explanations()
    {
        var id = CreateReport();
        using var db = Db();
        var revision = db.Revisions.Single(r => r.Id == id);

        var expected = TestWorld.DistinctFigures();
        var data = revision.ToData();
        Assert.Equal(expected.Count, data.Figures.Count);
        foreach (var (cell, value) in expected) Assert.Equal(value, data[cell]);
        Assert.Equal(12.3456m, data.Get(Format2021.T2, Format2021.Table2.AdminFees, Format2021.Table2.FeeAmount));
        Assert.Equal("原文：（一）主动公开的内容。", data.ProseOf(Format2021.ProseActive));
        Assert.Equal("口径调整", revision.ExplanationOf("X-CARRY-OVER@t3/2/natural"));
        Assert.Equal(RevisionStatus.Draft, revision.Status);
        Assert.NotEqual(0u, revision.Version);
    }

    [Fact]
    public void A_revision_loads_in_one_round_trip_and_saves_in_one_round_trip()
    {
        var id = CreateReport();
        var counter = new CommandCounter();
        using var db = Db(counter);

        var revision = db.Revisions.Include(r => r.Report).ThenInclude(r => r.Body).Single(r => r.Id == id);
        Assert.Equal(1, counter.Commands);

        counter.Commands = 0;
        var figures = TestWorld.DistinctFigures(offset: 5);
        revision.Save(figures, TestWorld.Prose("修改"), FigureEntry.AsGiven, TestWorld.Clerk, TestWorld.Now.AddMinutes(5));
        db.SaveChanges();
        // The revision row update and the new audit line go to PostgreSQL as one batch.
        Assert.Equal(1, counter.Commands);
    }

    [Fact]
    public void A_save_writes_the_content_columns_it_changed_and_only_those()
    {
        // EF keeps the loaded dictionaries themselves as the original values (no copy; ReportConfiguration): a change
        // must still be seen, and a column whose entries are the same must not be written again.
        var id = CreateReport();
        var counter = new CommandCounter();
        using (var db = Db(counter))
        {
            var revision = db.Revisions.Include(r => r.Report).Single(r => r.Id == id);
            var prose = TestWorld.Prose("原文");
            prose[Format2021.ProseActive] = "只改了这一段。";
            revision.Save(new Dictionary<CellRef, decimal?>(), prose, FigureEntry.AsGiven, TestWorld.Clerk, TestWorld.Now.AddMinutes(1));
            db.SaveChanges();
        }
        var update = Assert.Single(counter.Texts, t => t.Contains("UPDATE", StringComparison.Ordinal));
        Assert.Contains("prose", update, StringComparison.Ordinal);
        Assert.DoesNotContain("counts", update, StringComparison.Ordinal);
        Assert.DoesNotContain("amounts", update, StringComparison.Ordinal);

        var cell = new CellRef(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Natural);
        using (var db = Db())
        {
            var revision = db.Revisions.Include(r => r.Report).Single(r => r.Id == id);
            Assert.Equal("只改了这一段。", revision.ToData().ProseOf(Format2021.ProseActive));
            revision.Save(new Dictionary<CellRef, decimal?> { [cell] = 4242 }, new Dictionary<string, string?>(), FigureEntry.AsGiven,
                TestWorld.Clerk, TestWorld.Now.AddMinutes(2));
            db.SaveChanges();
        }
        using (var db = Db())
        {
            var data = db.Revisions.Single(r => r.Id == id).ToData();
            Assert.Equal(4242m, data[cell]);
            Assert.Equal("只改了这一段。", data.ProseOf(Format2021.ProseActive));
        }
    }

    [Fact]
    public void A_revisions_content_and_its_audit_lines_are_compressed_with_lz4()
    {
        // ReportConfiguration: lz4 costs PostgreSQL less CPU per save than its default pglz.
        var id = CreateReport();
        using (var db = Db())
        {
            var revision = db.Revisions.Include(r => r.Report).Single(r => r.Id == id);
            revision.Save(TestWorld.DistinctFigures(offset: 3), TestWorld.Prose("长文" + new string('政', 3000)), FigureEntry.AsGiven,
                TestWorld.Clerk, TestWorld.Now.AddMinutes(1));
            db.SaveChanges();
        }
        using var connection = new NpgsqlConnection(_cs);
        connection.Open();
        using var command = new NpgsqlCommand("""
            SELECT pg_column_compression(v.counts), pg_column_compression(v.prose),
                   (SELECT pg_column_compression(e.changes) FROM revision_events e WHERE e.revision_id = v.id ORDER BY e.id DESC LIMIT 1)
            FROM report_revisions v WHERE v.id = @id
            """, connection);
        command.Parameters.AddWithValue("id", id);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        // Values too small to be worth compressing are stored as they are (NULL here); these are not.
        Assert.Equal(("lz4", "lz4", "lz4"), (reader.GetString(0), reader.GetString(1), reader.GetString(2)));
    }

    [Fact]
    public void A_second_save_based_on_a_stale_read_is_refused_and_the_first_save_is_kept()
    {
        var id = CreateReport();
        using var alice = Db();
        using var bob = Db();
        var a = alice.Revisions.Single(r => r.Id == id);
        var b = bob.Revisions.Single(r => r.Id == id);
        var cell = new CellRef(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Natural);

        a.Save(new Dictionary<CellRef, decimal?> { [cell] = 100 }, new Dictionary<string, string?>(),
            FigureEntry.AsGiven, new Actor("alice", "Alice"), TestWorld.Now);
        alice.SaveChanges();

        b.Save(new Dictionary<CellRef, decimal?> { [cell] = 200 }, new Dictionary<string, string?>(),
            FigureEntry.AsGiven, new Actor("bob", "Bob"), TestWorld.Now);
        Assert.Throws<DbUpdateConcurrencyException>(() => bob.SaveChanges());

        using var check = Db();
        var stored = check.Revisions.Single(r => r.Id == id);
        Assert.Equal(100m, stored.ToData()[cell]);
        Assert.Equal("Alice", stored.UpdatedBy);
    }

    [Fact]
    public void A_second_report_for_the_same_body_and_year_is_refused_by_the_database()
    {
        CreateReport();
        using var db = Db();
        var body = db.Bodies.Single(b => b.Code == "jinyun-jyj");
        db.Reports.Add(AnnualReport.Start(body, 2024, TestWorld.Clerk, TestWorld.Now));
        var ex = Assert.Throws<DbUpdateException>(() => db.SaveChanges());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, (ex.InnerException as PostgresException)?.SqlState);

        using var check = Db();
        Assert.Equal(1, check.Reports.Count(r => r.BodyId == body.Id && r.Year == 2024));
    }

    [Theory]
    [InlineData("counts", """{"t3/1/natural": -1}""")]
    [InlineData("counts", """{"t3/1/natural": 1.5}""")]
    [InlineData("counts", """{"t3/1/natural": 2147483648}""")]
    [InlineData("counts", """{"t3/1/natural": "12"}""")]
    [InlineData("counts", """{"t3/1/natural": -2147483648}""")]
    [InlineData("amounts", """{"t2/admin_fees/fee_amount": 0.0000001}""")]
    [InlineData("amounts", """{"t2/admin_fees/fee_amount": 12.3456789}""")]
    [InlineData("amounts", """{"t2/admin_fees/fee_amount": -0.5}""")]
    public void The_database_refuses_figures_that_must_never_be_stored(string column, string json)
    {
        var id = CreateReport();
        using var conn = new NpgsqlConnection(_cs);
        conn.Open();
        using var cmd = new NpgsqlCommand($"UPDATE report_revisions SET {column} = @v::jsonb WHERE id = @id", conn);
        cmd.Parameters.AddWithValue("v", json);
        cmd.Parameters.AddWithValue("id", id);
        var ex = Assert.Throws<PostgresException>(() => cmd.ExecuteNonQuery());
        Assert.Equal(PostgresErrorCodes.CheckViolation, ex.SqlState);
    }

    [Theory]
    [InlineData("amounts", """{"t2/admin_fees/fee_amount": 24252.311082}""")]
    [InlineData("amounts", """{"t2/admin_fees/fee_amount": 0.000001}""")]
    [InlineData("counts", """{"t2/licensing/items_change": -12}""")]
    public void The_database_accepts_a_fee_to_the_fen_and_a_negative_change(string column, string json)
    {
        var id = CreateReport();
        using var conn = new NpgsqlConnection(_cs);
        conn.Open();
        using var cmd = new NpgsqlCommand($"UPDATE report_revisions SET {column} = @v::jsonb WHERE id = @id", conn);
        cmd.Parameters.AddWithValue("v", json);
        cmd.Parameters.AddWithValue("id", id);
        Assert.Equal(1, cmd.ExecuteNonQuery());
    }

    [Fact]
    public void A_fee_with_six_decimals_reads_back_exactly_through_the_aggregate()
    {
        int id;
        using (var db = Db())
        {
            var world = TestWorld.Create(db);
            var report = AnnualReport.Start(world.CountyDept, 2024, TestWorld.Clerk, TestWorld.Now);
            report.Current.Save(new Dictionary<CellRef, decimal?>
                {
                    [new CellRef(Format2021.T2, Format2021.Table2.AdminFees, Format2021.Table2.FeeAmount)] = 24252.311082m,
                }, new Dictionary<string, string?>(), FigureEntry.AsGiven, TestWorld.Clerk, TestWorld.Now);
            db.Reports.Add(report);
            db.SaveChanges();
            id = report.Current.Id;
        }
        using var check = Db();
        var data = check.Revisions.Single(r => r.Id == id).ToData();
        Assert.Equal(24252.311082m, data.Get(Format2021.T2, Format2021.Table2.AdminFees, Format2021.Table2.FeeAmount));
    }

    [Fact]
    public void A_correction_without_a_note_is_refused_by_the_database()
    {
        var id = CreateReport();
        using var conn = new NpgsqlConnection(_cs);
        conn.Open();
        using var cmd = new NpgsqlCommand("UPDATE report_revisions SET number = 2 WHERE id = @id", conn);
        cmd.Parameters.AddWithValue("id", id);
        Assert.Equal(PostgresErrorCodes.CheckViolation, Assert.Throws<PostgresException>(() => cmd.ExecuteNonQuery()).SqlState);
    }

    [Fact]
    public void The_audit_trail_of_a_revision_is_stored_with_who_and_when()
    {
        var id = CreateReport();
        using var db = Db();
        var revision = db.Revisions.Include(r => r.History).Single(r => r.Id == id);
        Assert.Equal([RevisionAction.Created, RevisionAction.Saved], revision.History.OrderBy(e => e.Id).Select(e => e.Action));
        Assert.All(revision.History, e => Assert.Equal(TestWorld.Clerk.Id, e.ActorId));
        Assert.All(revision.History, e => Assert.Equal(TimeSpan.Zero, e.At.Offset));
    }

    public sealed class CommandCounter : DbCommandInterceptor
    {
        public int Commands { get; set; }
        public List<string> Texts { get; } = [];

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result)
        {
            Commands++;
            Texts.Add(command.CommandText);
            return result;
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result)
        {
            Commands++;
            Texts.Add(command.CommandText);
            return result;
        }
    }
}
