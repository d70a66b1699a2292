using System.Diagnostics;
using System.Globalization;
using DisclosurePortal.Data;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.Domain.Samples;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// Foundation benchmarks (run with: bash bench/run.sh). Targets:
//   all rules on one full county-scale report   ≤ 100 µs
//   save and reload one full revision            ≤ 10 ms median, against PostgreSQL with default durability
var format = Format2021.Definition;
var previous = SampleReports.Generate(format, BodyKind.CountyGovernment, 2023, "东湖县人民政府", 7);
var current = SampleReports.Generate(format, BodyKind.CountyGovernment, 2024, "东湖县人民政府", 7, previous);
var other = SampleReports.Generate(format, BodyKind.CountyGovernment, 2024, "西岭县人民政府", 8);

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine($"report: {current.Figures.Count} figures, {current.AllProse.Length} prose characters, " +
                  $"{current.ValueOrZero(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Total):0} applications");

Measure("rules, with last year's report", 20_000, "µs", () =>
    ReportRules.Evaluate(new RuleInput(current, BodyKind.CountyGovernment, previous, null, "东湖县人民政府")));
Measure("rules, with last year's report and one other report for TEXT-COPIED", 5_000, "µs", () =>
    ReportRules.Evaluate(new RuleInput(current, BodyKind.CountyGovernment, previous,
        [new ComparableProse("西岭县人民政府", 2024, other.AllProse)], "东湖县人民政府")));

// The domain's part of a clerk's save, without the database: the full form's figures and prose into a draft
// (checks, totals derived, the audit line's differences), as bench/clerk's portal does on every save.
var townName = "第1镇人民政府";
var town = new Body("town-1", townName, BodyKind.TownshipGovernment, new Region("990101", "东湖县", RegionLevel.County, null));
var draft = AnnualReport.Start(town, 2024, new Actor("bench", "bench"), DateTimeOffset.UtcNow).Current;
var typedCells = format.Cells.Where(c => !c.IsDerived).ToList();
var forms = Enumerable.Range(0, 8).Select(v => SampleReports.Generate(format, BodyKind.TownshipGovernment, 2024, townName, 100 + v,
        newApplications: 30 + v))
    .Select(d => (Figures: typedCells.ToDictionary(c => c.Ref, c => d[c.Ref] ?? (decimal?)0m),
        Prose: d.Prose.ToDictionary(kv => kv.Key, kv => (string?)kv.Value)))
    .ToList();
var saves = 0;
Measure("a clerk's full-form save in the domain (ReportRevision.Save)", 5_000, "µs", () =>
{
    var form = forms[saves++ % forms.Count];
    draft.Save(form.Figures, form.Prose, FigureEntry.DeriveTotals, new Actor("bench", "bench"), DateTimeOffset.UtcNow);
});

using var cluster = PostgresCluster.Start(durable: true);
using (var admin = new NpgsqlConnection(cluster.ConnectionString()))
{
    admin.Open();
    using var create = new NpgsqlCommand("CREATE DATABASE bench", admin);
    create.ExecuteNonQuery();
}
var cs = cluster.ConnectionString("bench");
int revisionId;
await using (var db = PortalDb.Create(cs))
{
    await db.Database.MigrateAsync();
    var region = new Region("990101", "东湖县", RegionLevel.County, null);
    var body = new Body("donghu-xian", "东湖县人民政府", BodyKind.CountyGovernment, region);
    var report = AnnualReport.Start(body, 2024, new Actor("bench", "bench"), DateTimeOffset.UtcNow);
    db.AddRange(region, body, report);
    await db.SaveChangesAsync();
    revisionId = report.Current.Id;
}

var variants = Enumerable.Range(0, 8)
    .Select(i => SampleReports.Generate(format, BodyKind.CountyGovernment, 2024, "东湖县人民政府", 100 + i, previous))
    .Select(d => (figures: d.Figures.ToDictionary(kv => kv.Key, kv => (decimal?)kv.Value),
                  prose: d.Prose.ToDictionary(kv => kv.Key, kv => (string?)kv.Value)))
    .ToList();
var actor = new Actor("bench", "bench");
var n = 0;
await MeasureAsync("save (every figure and prose part changed) and reload one full revision", 1_000, "ms", async () =>
{
    var v = variants[n++ % variants.Count];
    await using (var db = PortalDb.Create(cs))
    {
        var revision = await db.Revisions.SingleAsync(r => r.Id == revisionId);
        revision.Save(v.figures, v.prose, FigureEntry.AsGiven, actor, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }
    await using (var db = PortalDb.Create(cs))
    {
        var reloaded = await db.Revisions.AsNoTracking().SingleAsync(r => r.Id == revisionId);
        if (reloaded.ToData().Figures.Count != v.figures.Count) throw new InvalidOperationException("lost figures");
    }
});

static void Measure(string name, int iterations, string unit, Action action)
{
    for (var i = 0; i < iterations / 5; i++) action();
    var samples = new double[iterations];
    for (var i = 0; i < iterations; i++)
    {
        var t = Stopwatch.GetTimestamp();
        action();
        samples[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    }
    Report(name, samples, unit);
}

static async Task MeasureAsync(string name, int iterations, string unit, Func<Task> action)
{
    for (var i = 0; i < iterations / 10; i++) await action();
    var samples = new double[iterations];
    for (var i = 0; i < iterations; i++)
    {
        var t = Stopwatch.GetTimestamp();
        await action();
        samples[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    }
    Report(name, samples, unit);
}

static void Report(string name, double[] samplesMs, string unit)
{
    Array.Sort(samplesMs);
    var scale = unit == "µs" ? 1000.0 : 1.0;
    string P(double q) => (samplesMs[(int)Math.Min(samplesMs.Length - 1, q * samplesMs.Length)] * scale)
        .ToString("0.0", CultureInfo.InvariantCulture);
    Console.WriteLine($"{name}: median {P(0.5)} {unit}, p95 {P(0.95)} {unit}, p99 {P(0.99)} {unit} ({samplesMs.Length} runs)");
}
