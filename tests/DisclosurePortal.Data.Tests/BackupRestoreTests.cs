using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DisclosurePortal.Data.Tests;

/// <summary>
/// Backup and restore as docs/operations.md tells an operator to do it: <c>pg_dump -Fc</c> of a
/// database holding reports in every state, <c>pg_restore</c> into a new database, with the client tools of the
/// same PostgreSQL installation as the server, run as the user the server runs as. Every revision must come
/// back with identical report JSON, and every table with the same rows.
/// </summary>
[Collection(DatabaseTests.Name)]
public sealed class BackupRestoreTests(PostgresFixture pg)
{
    private readonly string _source = pg.CreateDatabase();

    [Fact]
    public async Task A_pg_dump_restored_into_a_new_database_gives_identical_report_json_for_every_revision()
    {
        await using (var db = PortalDb.Create(_source))
        {
            var world = TestWorld.Create(db);
            var published = TestWorld.Report(world.TownshipGov, 2023, seed: 21);
            var corrected = TestWorld.Report(world.TownshipGov, 2024, seed: 22, previous: published.Current.ToData());
            var correction = corrected.StartCorrection("更正表三第一行的数字", TestWorld.Clerk, TestWorld.Now.AddDays(3));
            correction.Save(new Dictionary<CellRef, decimal?> { [new(Format2021.T2, Format2021.Table2.AdminFees, Format2021.Table2.FeeAmount)] = 1234.5678m },
                new Dictionary<string, string?> { [Format2021.ProseActive] = "更正后的正文：含引号\"、反斜杠\\、换行\n和 emoji 😀。" },
                FigureEntry.DeriveTotals, TestWorld.Clerk, TestWorld.Now.AddDays(3));
            db.Reports.AddRange(published, corrected,
                TestWorld.Report(world.CountyDept, 2024, seed: 23, RevisionStatus.Submitted),
                TestWorld.Report(world.OtherCountyDept, 2024, seed: 24, RevisionStatus.Returned),
                TestWorld.Report(world.OtherCountyDept, 2025, seed: 25, RevisionStatus.Draft));
            await db.SaveChangesAsync();
        }

        var sourceName = new NpgsqlConnectionStringBuilder(_source).Database!;
        var restoredName = sourceName + "_restored";
        var dump = Path.Combine(pg.Cluster.Folder, sourceName + ".dump");
        var port = pg.Cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        pg.Cluster.RunTool("pg_dump", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-Fc", "-f", dump, sourceName);
        pg.Cluster.RunTool("createdb", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-T", "template0", restoredName);
        pg.Cluster.RunTool("pg_restore", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "--exit-on-error", "--no-owner",
            "-d", restoredName, dump);
        var restored = pg.Cluster.ConnectionString(restoredName);

        var before = await ReportJsonByRevisionAsync(_source);
        var after = await ReportJsonByRevisionAsync(restored);
        Assert.Equal(6, before.Count); // five reports, one of them with a correction
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, json) in before) Assert.Equal(json, after[key]);

        // Not only the content: accounts, audit trails and the migrations history come back row for row.
        foreach (var table in await TablesAsync(_source))
            Assert.True(await TableTextAsync(_source, table) == await TableTextAsync(restored, table), $"table {table} differs after restore");

        // The restored database is usable as it is: the application's context reads and writes it.
        await using var check = PortalDb.Create(restored);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        var draft = await check.Reports.Include(r => r.Revisions).Include(r => r.Body).SingleAsync(r => r.Year == 2025);
        draft.Current.Save(new Dictionary<CellRef, decimal?>(), new Dictionary<string, string?> { [Format2021.ProseActive] = "恢复后保存" },
            FigureEntry.DeriveTotals, TestWorld.Clerk, TestWorld.Now.AddDays(5));
        await check.SaveChangesAsync();
    }

    private static async Task<Dictionary<string, string>> ReportJsonByRevisionAsync(string connectionString)
    {
        await using var db = PortalDb.Create(connectionString);
        var reports = await db.Reports.AsNoTracking().Include(r => r.Body).Include(r => r.Revisions).ToListAsync();
        return reports.SelectMany(r => r.Revisions.Select(v => (key: $"{r.Body.Code}/{r.Year}/{v.Number}",
                json: ReportJson.Serialize(ReportDocument.From(r, v)) + "\n" + string.Join('\n', v.Explanations.OrderBy(e => e.Key, StringComparer.Ordinal)))))
            .ToDictionary(x => x.key, x => x.json);
    }

    private static async Task<List<string>> TablesAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", conn);
        var tables = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }

    /// <summary>Every row of a table as text, in a stable order (xmin is not a column and is not compared).</summary>
    private static async Task<string> TableTextAsync(string connectionString, string table)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') FROM \"{table}\" t", conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
