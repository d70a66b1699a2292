using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Publishing;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Samples;
using DisclosurePortal.Pdf;
using DisclosurePortal.TestSupport;
using DisclosurePortal.Web.Publishing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// Several instances on the real distributed parts, in one run: a durable PostgreSQL primary, a streaming replica
// made with pg_basebackup -R, a redis-server, and the Release portal in two processes on loopback ports
// (ConnectionStrings:Redis and :PortalReplica set), on the demo data.
//   1. the cached report page's requests per second on one instance, then spread over two (same total connections),
//      with the CPU seconds of each portal process and of the rest of the machine;
//   2. a publication (the portal's own history import from the command line, which publishes and evicts) visible
//      on both instances: from the command's exit to both region pages listing it, 20 times (budget ≤ 1 s);
//   3. the replica's lag during a storm of 1,000 publications (report, revision and official PDF per publication,
//      four writers at once), sampled every 100 ms from pg_stat_replication.
//   dotnet run -c Release --project bench/instances -- REPO_ROOT [seconds per load run]
var inv = CultureInfo.InvariantCulture;
var repo = Path.GetFullPath(args.Length > 0 ? args[0] : throw new ArgumentException("usage: REPO_ROOT [seconds]"));
var seconds = args.Length > 1 ? int.Parse(args[1], inv) : 15;
var fonts = Path.Combine(repo, "fonts");
var dll = Path.Combine(repo, "src", "DisclosurePortal.Web", "bin", "Release", "net10.0", "DisclosurePortal.Web.dll");
if (!File.Exists(dll)) throw new FileNotFoundException("build the portal first: dotnet build src/DisclosurePortal.Web -c Release", dll);

using var primary = PostgresCluster.Start(durable: true);
using var standby = PostgresCluster.StartStandby(primary);
using var redis = new RedisFixture();
var portalDb = $"Host=127.0.0.1;Port={primary.Port};Username=postgres;Database=instancesbench";
var replicaDb = $"Host=127.0.0.1;Port={standby.Port};Username=postgres;Database=instancesbench";
var environment = new Dictionary<string, string>
{
    ["ConnectionStrings__Portal"] = portalDb,
    ["ConnectionStrings__PortalReplica"] = replicaDb,
    ["ConnectionStrings__Redis"] = redis.ConnectionString,
    ["ASPNETCORE_ENVIRONMENT"] = "Production",
    ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
    ["Pdf__FontDirectory"] = fonts,
    ["Serilog__MinimumLevel__Default"] = "Warning",
    ["RateLimits__Search__PermitLimit"] = "1000000", ["RateLimits__Downloads__PermitLimit"] = "1000000",
    ["RateLimits__Api__PermitLimit"] = "1000000", ["RateLimits__Check__PermitLimit"] = "1000000",
};
var processes = new List<Process>();
try
{
    await RunToEndAsync(Portal(dll, environment, "--migrate-only"));
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
    // The demo data is loaded by a first serving process, stopped once it answers; two fresh ones serve.
    var seeding = new Uri($"http://127.0.0.1:{FreePort()}");
    using (var seeder = Portal(dll, environment, "--urls", seeding.ToString().TrimEnd('/'), "--seed-demo"))
    {
        await WaitForAsync(http, new Uri(seeding, "/healthz"), "");
        seeder.Kill(entireProcessTree: true);
        await seeder.WaitForExitAsync();
    }
    var a = new Uri($"http://127.0.0.1:{FreePort()}");
    var b = new Uri($"http://127.0.0.1:{FreePort()}");
    var appA = Portal(dll, environment, "--urls", a.ToString().TrimEnd('/'));
    var appB = Portal(dll, environment, "--urls", b.ToString().TrimEnd('/'));
    processes.AddRange([appA, appB]);
    foreach (var instance in new[] { a, b }) await WaitForAsync(http, new Uri(instance, "/readyz"), "replica: Healthy");

    string reportPath;
    await using (var db = PortalDb.Create(portalDb))
    {
        var sample = await db.CurrentPublishedRevisions().OrderBy(v => v.Id).Select(v => new { v.Report.Body.Code, v.Report.Year }).FirstAsync();
        reportPath = $"/reports/{sample.Code}/{sample.Year}";
    }

    // 1. Requests per second of the cached report page: one instance, then two, same total connections.
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores; page {reportPath}; wrk {seconds} s per run, 64 connections in all");
    await Task.WhenAll(Wrk(a, reportPath, 2, 16, 3), Wrk(b, reportPath, 2, 16, 3));
    var (one, cpuOne) = await MeasureAsync([appA, appB], () => Task.WhenAll(Wrk(a, reportPath, 2, 64, seconds)));
    var (two, cpuTwo) = await MeasureAsync([appA, appB], () => Task.WhenAll(Wrk(a, reportPath, 1, 32, seconds), Wrk(b, reportPath, 1, 32, seconds)));
    Console.WriteLine(string.Create(inv, $"RESULT cached report page  one instance {one:N0} req/s, two instances {two:N0} req/s: ratio {two / one:0.00}"));
    Console.WriteLine(string.Create(inv, $"  CPU seconds one instance: A {cpuOne[0]:0.0}, B {cpuOne[1]:0.0}, the rest of the machine (wrk, PostgreSQL, Redis, system) {cpuOne[2]:0.0} of {cpuOne[3]:0.0} available"));
    Console.WriteLine(string.Create(inv, $"  CPU seconds two instances: A {cpuTwo[0]:0.0}, B {cpuTwo[1]:0.0}, the rest {cpuTwo[2]:0.0} of {cpuTwo[3]:0.0} available"));

    // 2. A publication seen on both instances: the region page, cached on both, must list it.
    var source = Path.Combine(repo, "tests", "real-reports", "14-pingtan-2024", "source.html");
    await using (var db = PortalDb.Create(portalDb))
    {
        var county = await db.Regions.SingleAsync(r => r.Code == "990101");
        for (var i = 0; i < 20; i++) db.Bodies.Add(new Body($"bench-pub-{i}", $"东湖县基准单位{i}", BodyKind.CountyDepartment, county));
        await db.SaveChangesAsync();
    }
    var visible = new List<double>();
    for (var i = 0; i < 20; i++)
    {
        foreach (var instance in new[] { a, b }) await http.GetStringAsync(new Uri(instance, "/regions/990101"));
        await RunToEndAsync(Portal(dll, environment, "--import", source, "--history", "--body", $"bench-pub-{i}", "--published-on", "2025-03-01"));
        var clock = Stopwatch.StartNew();
        var link = $"/reports/bench-pub-{i}/2024";
        var seen = new bool[2];
        while (!seen.All(s => s))
        {
            for (var k = 0; k < 2; k++)
                seen[k] = seen[k] || (await http.GetStringAsync(new Uri(k == 0 ? a : b, "/regions/990101"))).Contains(link, StringComparison.Ordinal);
            if (clock.Elapsed > TimeSpan.FromSeconds(70)) throw new TimeoutException($"publication {i} not visible on both instances");
            await Task.Delay(20);
        }
        visible.Add(clock.Elapsed.TotalMilliseconds);
    }
    visible.Sort();
    var p95 = visible[(int)Math.Ceiling(visible.Count * 0.95) - 1];
    Console.WriteLine(string.Create(inv, $"RESULT publish visible on both instances  p50 {visible[visible.Count / 2]:0} ms, p95 {p95:0} ms, max {visible[^1]:0} ms over {visible.Count} publications (budget ≤ 1000 ms) {(visible[^1] <= 1000 ? "MET" : "NOT MET")}"));

    // 3. The replica's lag during a storm of 1,000 publications.
    var lag = await StormAsync(portalDb, primary.ConnectionString(), fonts, 1000);
    Console.WriteLine(string.Create(inv, $"RESULT replica lag during 1,000 publications in {lag.Seconds:0.0} s ({1000 / lag.Seconds:0.0} a second): replay behind by p95 {lag.BytesP95 / 1024.0:0} KB, max {lag.BytesMax / 1024.0:0} KB; replay_lag p95 {lag.TimeP95 * 1000:0} ms, max {lag.TimeMax * 1000:0} ms; caught up {lag.CatchUp * 1000:0} ms after the last"));
}
finally
{
    foreach (var p in processes.Where(p => !p.HasExited)) p.Kill(entireProcessTree: true);
}

static Process Portal(string dll, Dictionary<string, string> environment, params string[] args)
{
    var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
    start.ArgumentList.Add(dll);
    foreach (var a in args) start.ArgumentList.Add(a);
    foreach (var (k, v) in environment) start.Environment[k] = v;
    var p = Process.Start(start) ?? throw new InvalidOperationException("could not start the portal");
    // Read and dropped: a full pipe would block the portal.
    var errors = new ConcurrentQueue<string>();
    p.OutputDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
    p.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
    p.BeginOutputReadLine();
    p.BeginErrorReadLine();
    p.EnableRaisingEvents = true;
    p.Exited += (_, _) => { if (p.ExitCode != 0 && p.ExitCode != 137) Console.Error.WriteLine($"portal {string.Join(' ', args)} exited {p.ExitCode}: {string.Join('\n', errors.TakeLast(20))}"); };
    return p;
}

// A one-shot command, to its exit.
static async Task RunToEndAsync(Process p)
{
    await p.WaitForExitAsync();
    if (p.ExitCode != 0) throw new InvalidOperationException($"the portal command exited with {p.ExitCode}");
}

static async Task WaitForAsync(HttpClient http, Uri url, string expected)
{
    var clock = Stopwatch.StartNew();
    while (true)
    {
        try { if ((await http.GetStringAsync(url)).Contains(expected, StringComparison.Ordinal)) return; }
        catch (HttpRequestException) { }
        if (clock.Elapsed > TimeSpan.FromSeconds(120)) throw new TimeoutException($"{url} did not say {expected}");
        await Task.Delay(200);
    }
}

// Requests per second that wrk measured (Debian's wrk), as a browser asks: HTTPS behind the proxy, Brotli.
static async Task<double> Wrk(Uri instance, string path, int threads, int connections, int seconds)
{
    var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in new[] { $"-t{threads}", $"-c{connections}", $"-d{seconds}s", "--timeout", "5s",
                 "-H", "X-Forwarded-Proto: https", "-H", "Accept-Encoding: br", new Uri(instance, path).ToString() })
        start.ArgumentList.Add(a);
    using var p = Process.Start(start) ?? throw new InvalidOperationException("wrk is missing: apt-get install wrk");
    var output = await p.StandardOutput.ReadToEndAsync();
    await p.WaitForExitAsync();
    var match = Regex.Match(output, @"Requests/sec:\s+([\d.]+)");
    if (!match.Success || output.Contains("Non-2xx", StringComparison.Ordinal)) throw new InvalidOperationException("wrk: " + output);
    return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
}

// The load's total requests per second, and CPU seconds of A, B, the rest, and the machine's available.
static async Task<(double Rps, double[] Cpu)> MeasureAsync(Process[] portals, Func<Task<double[]>> load)
{
    var before = portals.Select(CpuSeconds).ToArray();
    var (busy0, total0) = MachineCpu();
    var rps = (await load()).Sum();
    var after = portals.Select(CpuSeconds).ToArray();
    var (busy1, total1) = MachineCpu();
    var a = after[0] - before[0];
    var b = after[1] - before[1];
    return (rps, [a, b, Math.Max(0, busy1 - busy0 - a - b), total1 - total0]);
}

static double CpuSeconds(Process p)
{
    var fields = File.ReadAllText($"/proc/{p.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
}

static (double Busy, double Total) MachineCpu()
{
    var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
        .Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
    var idle = cpu[3] + cpu[4];
    var total = cpu.Take(8).Sum();
    return ((total - idle) / 100.0, total / 100.0);
}

// Four writers publish 1,000 reports as the portal does (the revision published through the domain, its official
// PDF rendered and stored in the same SaveChanges); the primary's pg_stat_replication is sampled every 100 ms.
static async Task<(double Seconds, long BytesP95, long BytesMax, double TimeP95, double TimeMax, double CatchUp)> StormAsync(
    string portalDb, string admin, string fonts, int count)
{
    int regionId;
    await using (var db = PortalDb.Create(portalDb))
        regionId = (await db.Regions.SingleAsync(r => r.Code == "990101")).Id;
    var pdf = new OfficialPdf(new ReportPdfRenderer(fonts));
    var bytes = new ConcurrentBag<long>();
    var times = new ConcurrentBag<double>();
    using var stop = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        await using var c = new NpgsqlConnection(admin);
        await c.OpenAsync();
        while (!stop.IsCancellationRequested)
        {
            await using var command = new NpgsqlCommand(
                "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint, COALESCE(EXTRACT(EPOCH FROM replay_lag), 0)::float8 FROM pg_stat_replication", c);
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync()) { bytes.Add(reader.GetInt64(0)); times.Add(reader.GetDouble(1)); }
            await Task.Delay(100);
        }
    });
    var clock = Stopwatch.StartNew();
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
    {
        for (int i; (i = Interlocked.Increment(ref next)) < count;)
        {
            await using var db = PortalDb.Create(portalDb);
            var region = await db.Regions.SingleAsync(r => r.Id == regionId);
            var body = new Body($"storm-{i}", $"东湖县风暴单位{i}", BodyKind.CountyDepartment, region);
            var data = SampleReports.Generate(Format2021.Definition, body.Kind, 2024, body.Name, i);
            var report = AnnualReport.Start(body, 2024, new Actor("bench-clerk", "基准填报"), DateTimeOffset.UtcNow);
            report.Current.Save(data.Figures.ToDictionary(kv => kv.Key, kv => (decimal?)kv.Value),
                data.Prose.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), FigureEntry.AsGiven, new Actor("bench-clerk", "基准填报"), DateTimeOffset.UtcNow);
            report.Current.Submit(body.Kind, null, null, new Actor("bench-clerk", "基准填报"), DateTimeOffset.UtcNow);
            report.Current.Publish(new Actor("bench-reviewer", "基准审核"), DateTimeOffset.UtcNow);
            db.Bodies.Add(body);
            db.Reports.Add(report);
            db.PublishedPdfs.Add(PublishedPdf.Of(report.Current, pdf.Published(report, report.Current), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
    })));
    var elapsed = clock.Elapsed.TotalSeconds;
    var caughtUp = Stopwatch.StartNew();
    await using (var c = new NpgsqlConnection(admin))
    {
        await c.OpenAsync();
        while (true)
        {
            await using var command = new NpgsqlCommand("SELECT bool_and(replay_lsn >= pg_current_wal_lsn()) FROM pg_stat_replication", c);
            if (await command.ExecuteScalarAsync() is true) break;
            await Task.Delay(5);
        }
    }
    var catchUp = caughtUp.Elapsed.TotalSeconds;
    await stop.CancelAsync();
    await sampler;
    static T P95<T>(IEnumerable<T> values) { var v = values.Order().ToList(); return v.Count == 0 ? default! : v[(int)Math.Ceiling(v.Count * 0.95) - 1]; }
    return (elapsed, P95(bytes), bytes.DefaultIfEmpty(0).Max(), P95(times), times.DefaultIfEmpty(0).Max(), catchUp);
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
