using System.Diagnostics;
using System.Globalization;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.Domain.Samples;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

// TEXT-COPIED against every published report (run with: bash bench/copies/run.sh):
//   the rules' context and the rules for one draft, 150,000 published reports in the portal   p95 ≤ 200 ms
// Prose is generated: each report's parts are sentences drawn at random from a pool cut from generated reports, so
// reports share set phrases as real ones do without being copies. Drafts are half copies of a random published
// report (its body's name swapped), half written independently; the bench also counts how many copies were found.
var total = IntArg("--reports", 150_000);
var drafts = IntArg("--drafts", 100);
var format = Format2021.Definition;
var years = Enumerable.Range(2021, 5).ToArray();
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {total:N0} published reports, {drafts} drafts");

using var cluster = PostgresCluster.Start();
await using (var admin = new NpgsqlConnection(cluster.ConnectionString()))
{
    await admin.OpenAsync();
    await new NpgsqlCommand("CREATE DATABASE copiesbench", admin).ExecuteNonQueryAsync();
}
var cs = cluster.ConnectionString("copiesbench");
await using (var db = PortalDb.Create(cs)) await db.Database.MigrateAsync();

// A pool of sentences from generated reports of every kind of body.
var kinds = new[] { BodyKind.TownshipGovernment, BodyKind.CountyDepartment, BodyKind.CountyGovernment };
var pool = Enumerable.Range(0, 600)
    .SelectMany(i => SampleReports.Generate(format, kinds[i % 3], 2024, $"样本{i}单位", i).Prose.Values)
    .SelectMany(t => t.Split('。', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
    .Where(s => s.Length >= 8)
    // One sentence per wording: the rule ignores digits, and generated sentences differ mostly in their figures.
    .DistinctBy(s => new string([.. s.Where(char.IsLetter)])).ToArray();
Console.WriteLine($"sentence pool: {pool.Length:N0} sentences");

Dictionary<string, string> Prose(Random random) => format.ProseParts.ToDictionary(p => p.Code,
    _ => string.Concat(Enumerable.Range(0, random.Next(3, 9)).Select(_ => pool[random.Next(pool.Length)] + "。")), StringComparer.Ordinal);
string BodyName(int b) => $"第{b}号单位";

// Bodies, reports and their published revisions, made in SQL; the prose and its fingerprint come from here by COPY.
var bodies = total / years.Length;
var stopwatch = Stopwatch.StartNew();
await using (var conn = new NpgsqlConnection(cs))
{
    await conn.OpenAsync();
    await Exec(conn, "INSERT INTO regions (code, name, level, parent_id) VALUES ('71', '样本省', 'Province', NULL)");
    await Exec(conn, $"""
        INSERT INTO bodies (code, name, kind, region_id)
        SELECT 'b' || i, '第' || i || '号单位', CASE i % 3 WHEN 0 THEN 'TownshipGovernment' WHEN 1 THEN 'CountyDepartment' ELSE 'CountyGovernment' END,
               (SELECT id FROM regions WHERE code = '71')
        FROM generate_series(1, {bodies}) i
        """);
    await Exec(conn, $"INSERT INTO annual_reports (body_id, year) SELECT b.id, y FROM bodies b, generate_series({years[0]}, {years[^1]}) y");
    await Exec(conn, "CREATE TEMP TABLE content (body_code text, year int, prose jsonb, bands bigint[])");

    var rows = Enumerable.Range(0, bodies * years.Length).AsParallel().AsOrdered().Select(n =>
    {
        var (body, year) = (n / years.Length + 1, years[n % years.Length]);
        var prose = Prose(new Random(n));
        var bands = ProseFingerprint.Of(new ReportData(format, new Dictionary<CellRef, decimal>(), prose), BodyName(body));
        return (Code: $"b{body}", Year: year, Prose: System.Text.Json.JsonSerializer.Serialize(prose), Bands: bands);
    });
    await using (var copy = await conn.BeginBinaryImportAsync("COPY content (body_code, year, prose, bands) FROM STDIN (FORMAT BINARY)"))
    {
        foreach (var row in rows)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(row.Code, NpgsqlDbType.Text);
            await copy.WriteAsync(row.Year, NpgsqlDbType.Integer);
            await copy.WriteAsync(row.Prose, NpgsqlDbType.Jsonb);
            await copy.WriteAsync(row.Bands, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        }
        await copy.CompleteAsync();
    }
    await Exec(conn, """
        INSERT INTO report_revisions (report_id, number, format_version, status, created_at, created_by, updated_at, updated_by,
            submitted_at, submitted_by_id, published_at, published_by_id, published_body_name, published_body_kind,
            counts, amounts, prose, explanations, review_comments, prose_bands)
        SELECT a.id, 1, '2021', 'Published', now(), 'bench', now(), 'bench', now(), 'bench', now(), 'bench-reviewer', b.name, b.kind,
               '{}', '{}', c.prose, '{}', '{}', c.bands
        FROM content c JOIN bodies b ON b.code = c.body_code JOIN annual_reports a ON a.body_id = b.id AND a.year = c.year
        """);
    await Exec(conn, "VACUUM (ANALYZE)");
}
Console.WriteLine($"generated and stored in {stopwatch.Elapsed.TotalSeconds:F0} s");

// Drafts for 2025 of bodies that have no 2025 report: half copy a random published report, half are their own.
var random = new Random(2025);
var timings = new List<double>();
var (copies, found, falseAlarms) = (0, 0, 0);
var extraBody = 0;
for (var d = 0; d < drafts + 10; d++)
{
    var warmup = d < 10;
    await using var db = PortalDb.Create(cs);
    var region = await db.Regions.SingleAsync(r => r.Code == "71");
    var kind = kinds[d % 3];
    var body = new Body($"draft{++extraBody}", $"草稿{extraBody}号单位", kind, region);
    var report = AnnualReport.Start(body, 2025, new Actor("bench", "bench"), DateTimeOffset.UtcNow);
    var isCopy = d % 2 == 0;
    Dictionary<string, string> prose;
    if (isCopy)
    {
        var source = random.Next(bodies * years.Length);
        var sourceName = BodyName(source / years.Length + 1);
        prose = Prose(new Random(source)).ToDictionary(kv => kv.Key, kv => kv.Value.Replace(sourceName, body.Name, StringComparison.Ordinal));
    }
    else prose = Prose(new Random(1_000_000 + d));
    report.Current.Save(new Dictionary<CellRef, decimal?>(), prose.ToDictionary(kv => kv.Key, kv => (string?)kv.Value),
        FigureEntry.DeriveTotals, new Actor("bench", "bench"), DateTimeOffset.UtcNow);
    db.AddRange(body, report);
    await db.SaveChangesAsync();

    await using var check = PortalDb.Create(cs);
    var loaded = await check.Reports.Include(r => r.Body).Include(r => r.Revisions).SingleAsync(r => r.Id == report.Id);
    var t = Stopwatch.StartNew();
    var data = loaded.Current.ToData();
    var (previous, others) = await RuleContexts.LoadAsync(check, loaded, data, default);
    var loadedMs = t.Elapsed.TotalMilliseconds;
    var copied = ReportRules.Evaluate(new RuleInput(data, kind, previous, others, body.Name)).Any(v => v.Code == RuleCodes.TextCopied);
    t.Stop();
    if (warmup) continue;
    timings.Add(t.Elapsed.TotalMilliseconds);
    if (isCopy) { copies++; if (copied) found++; }
    else if (copied) falseAlarms++;
    if (args.Contains("--each"))
        Console.WriteLine($"  {(isCopy ? "copy" : "own ")} {F(t.Elapsed.TotalMilliseconds)} ms (context {F(loadedMs)} ms), {others.Count} compared, copy {(copied ? "found" : "not found")}");
}

timings.Sort();
double P(double q) => timings[Math.Min(timings.Count - 1, (int)Math.Ceiling(q * timings.Count) - 1)];
var p95 = P(0.95);
Console.WriteLine($"RESULT text-copied-portal  p95 {F(p95)} ms per check against {total:N0} published reports (budget ≤ 200 ms) {(p95 <= 200 ? "MET" : "NOT MET")}");
Console.WriteLine($"  p50 {F(P(0.5))} ms, p95 {F(p95)} ms, max {F(timings[^1])} ms ({timings.Count} drafts)");
Console.WriteLine($"  copies found: {found} of {copies}; independent drafts flagged: {falseAlarms} of {timings.Count - copies}");
return 0;

static string F(double x) => x.ToString("F1", CultureInfo.InvariantCulture);

static async Task Exec(NpgsqlConnection conn, string sql)
{
    await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
    await cmd.ExecuteNonQueryAsync();
}

int IntArg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
