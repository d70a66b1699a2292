using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.Domain.Samples;
using DisclosurePortal.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Issue 3's figures (run with: bash bench/clerk/run.sh):
//   saving a full form (every figure and prose part) with 16 clerks saving at once   p95 ≤ 50 ms server time
//   the entry page's first load (HTML + CSS + JS)                                     ≤ 150 KB, no outside host
// The portal runs as in production: the Release build in its own process, Kestrel on a real port, real sign-in,
// antiforgery tokens, the session cookie, PostgreSQL with fsync and synchronous commit on.
// Saves are posted as the entry form's script posts them (X-Entry-Save: inline, answered in place with the status
// block); --page posts them as a browser without the script does, and follows the redirect to the whole form.
var pageMode = args.Contains("--page");
var clerks = IntArg("--clerks", 16);
var rounds = IntArg("--rounds", 40);
var warmupRounds = IntArg("--warmup", 5);
// After the fixed warm-up, rounds go on until the runtime's tiered compilation has settled (--settle 0 skips it):
// a fresh portal runs precompiled (ReadyToRun) and quickly-JIT-compiled code, and its background thread replaces it
// with optimised code only as the calls are counted, which on two cores takes thousands of saves; until then a save
// costs the portal 30–60 % more CPU (bench/README.md). The figure is for the portal as it serves in steady state;
// what the warm-up rounds measured is printed too.
var settleLimit = IntArg("--settle", 1000);
// The portal's own output (its request log) goes to this file when given; the portal inherits this environment,
// so e.g. Serilog__MinimumLevel__Override__Microsoft.EntityFrameworkCore.Database.Command=Information adds SQL times.
var appLogPath = Array.IndexOf(args, "--app-log") is var li and >= 0 && li + 1 < args.Length ? args[li + 1] : null;
const string Password = "correct horse battery staple";
const int Year = 2024;
var format = Format2021.Definition;
var repo = RepoRoot();

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {clerks} clerks × {rounds} saves (+{warmupRounds} warm-up); " +
                  (pageMode ? "saves as without the script: post, redirect, whole form again (--page)" : "saves as entry.js makes them: answered in place"));

using var cluster = PostgresCluster.Start(durable: true);
await using (var admin = new NpgsqlConnection(cluster.ConnectionString()))
{
    await admin.OpenAsync();
    await using var create = new NpgsqlCommand("CREATE DATABASE clerkbench", admin);
    await create.ExecuteNonQueryAsync();
}
var cs = cluster.ConnectionString("clerkbench");

// 16 township governments of one county, each with a full 2024 draft and one clerk account.
var reportIds = new int[clerks];
await using (var db = PortalDb.Create(cs))
{
    await db.Database.MigrateAsync();
    var county = new Region("990101", "东湖县", RegionLevel.County, null);
    db.Regions.Add(county);
    for (var i = 0; i < clerks; i++)
    {
        var town = new Region($"990101{i + 100:000}", $"第{i + 1}镇", RegionLevel.Township, county);
        var body = new Body($"town-{i + 1}", $"第{i + 1}镇人民政府", BodyKind.TownshipGovernment, town);
        var data = SampleReports.Generate(format, BodyKind.TownshipGovernment, Year, body.Name, i, newApplications: 40);
        var report = AnnualReport.Start(body, Year, new Actor("bench", "bench"), DateTimeOffset.UtcNow);
        report.Current.Save(data.Figures.ToDictionary(kv => kv.Key, kv => (decimal?)kv.Value),
            data.Prose.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), FigureEntry.DeriveTotals,
            new Actor("bench", "bench"), DateTimeOffset.UtcNow);
        db.AddRange(town, body, report);
    }
    await db.SaveChangesAsync();
    var reports = await db.Reports.OrderBy(r => r.Body.Code.Length).ThenBy(r => r.Body.Code)
        .Select(r => new { r.Id, r.BodyId, r.Body.Code }).ToListAsync();
    var services = new ServiceCollection().AddLogging()
        .AddDbContext<PortalDbContext>(o => PortalDb.Configure(o, cs));
    services.AddIdentityCore<PortalUser>(o =>
        {
            o.Password.RequireDigit = o.Password.RequireUppercase = o.Password.RequireLowercase = o.Password.RequireNonAlphanumeric = false;
        })
        .AddRoles<IdentityRole>().AddEntityFrameworkStores<PortalDbContext>();
    // The portal's own iteration count (AccountsSetup): sign-in costs what it costs in production.
    services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
    await using var provider = services.BuildServiceProvider();
    for (var i = 0; i < clerks; i++)
    {
        var r = reports.Single(x => x.Code == $"town-{i + 1}");
        reportIds[i] = r.Id;
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = $"clerk-{i + 1}", DisplayName = $"填报员{i + 1}", BodyId = r.BodyId, CreatedAt = DateTimeOffset.UtcNow };
        var result = await users.CreateAsync(user, Password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, PortalAuth.Clerk);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}

// Eight full variants of the form: every figure and every prose part differs from one save to the next.
var variants = Enumerable.Range(0, 8).Select(v => SampleReports.Generate(format, BodyKind.TownshipGovernment, Year, "第1镇人民政府", 100 + v,
        newApplications: 30 + v)).ToList();
var typedCells = format.Cells.Where(c => !c.IsDerived).ToList();
Dictionary<string, string> FormValues(ReportData d)
{
    var values = new Dictionary<string, string>(StringComparer.Ordinal);
    foreach (var cell in typedCells)
        values[$"f:{cell.Ref}"] = d[cell.Ref] is { } v ? FigureValues.Display(cell.Kind, v) : "0";
    foreach (var part in format.ProseParts) values[$"p:{part.Code}"] = d.ProseOf(part.Code);
    return values;
}
var variantForms = variants.Select(FormValues).ToList();
MachineSpeed(); // compiled and tiered up before it is timed
Console.WriteLine($"form: {typedCells.Count} figure cells, {variants[0].AllProse.Length} prose characters per save");

// The portal, as scripts/run.sh starts it, in its own process.
var port = FreePort();
var baseUrl = new Uri($"http://127.0.0.1:{port}");
var webDir = Path.Combine(repo, "src", "DisclosurePortal.Web");
var dll = Path.Combine(webDir, "bin", "Release", "net10.0", "DisclosurePortal.Web.dll");
if (!File.Exists(dll)) throw new FileNotFoundException("build the portal first: dotnet build src/DisclosurePortal.Web -c Release", dll);
var start = new ProcessStartInfo("dotnet") { WorkingDirectory = webDir, RedirectStandardOutput = true, RedirectStandardError = true };
foreach (var a in new[] { dll, "--urls", baseUrl.ToString().TrimEnd('/') }) start.ArgumentList.Add(a);
// The portal's pool as deployed (docs/operations.md: Npgsql's defaults), not the test cluster's: its connection string
// closes connections idle for 3 s, which suits a suite of a few hundred databases but made this portal's pool close
// and reopen a dozen connections every few seconds between rounds, each new backend forking, faulting its memory in
// and preparing its statements again (a perf profile: 35 backends in 8 s, 11 % of PostgreSQL's samples page faults).
start.Environment["ConnectionStrings__Portal"] = $"Host=127.0.0.1;Port={cluster.Port};Username=postgres;Database=clerkbench";
// Plain HTTP on the loopback: outside Development the session cookie is Secure-only (scripts/run.sh does the same).
start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
start.Environment["ServerTiming__Enabled"] = "true";
// 16 sign-ins from one IP in a few seconds: above the per-IP limit meant for password guessing.
start.Environment["Accounts__SignInPermitsPerMinute"] = "1000";
start.Environment["Pdf__FontDirectory"] = Path.Combine(repo, "fonts");
using var app = Process.Start(start) ?? throw new InvalidOperationException("could not start the portal");
var requestLog = new ConcurrentQueue<(string Method, string Path, int Status, double Ms)>();
var logPattern = new Regex(@"HTTP (GET|POST) (\S+) responded (\d+) in ([\d.]+) ms", RegexOptions.CultureInvariant);
using var appLog = appLogPath is null ? null : new StreamWriter(appLogPath) { AutoFlush = true };
var appLogLock = new Lock();
app.OutputDataReceived += (_, e) =>
{
    if (e.Data is null) return;
    if (appLog is not null) lock (appLogLock) appLog.WriteLine(e.Data);
    var m = logPattern.Match(e.Data);
    if (m.Success)
        requestLog.Enqueue((m.Groups[1].Value, m.Groups[2].Value, int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture)));
};
var errors = new ConcurrentQueue<string>();
app.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
app.BeginOutputReadLine();
app.BeginErrorReadLine();
try
{
    using (var probe = new HttpClient { BaseAddress = baseUrl })
    {
        var up = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await probe.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) when (up.Elapsed < TimeSpan.FromSeconds(60) && !app.HasExited)
            {
            }
            if (app.HasExited) throw new InvalidOperationException("the portal stopped: " + string.Join('\n', errors));
            await Task.Delay(200);
        }
    }

    // Each clerk signs in through the login page with their own cookie jar, then opens their form.
    var sessions = await Task.WhenAll(Enumerable.Range(0, clerks).Select(async i =>
    {
        var s = new Session(baseUrl, reportIds[i]);
        await s.SignInAsync($"clerk-{i + 1}", Password);
        await s.OpenAsync();
        s.Prepare(variantForms);
        return s;
    }));

    // Rounds in step: the 16 saves of a round leave together (the target's "saving at once"). With --page the 16
    // forms then reload together as the browsers follow the redirect, so saves are timed against saves, not renders.
    async Task<List<Sample>> RunAsync(int roundsEach)
    {
        var samples = new List<Sample>(roundsEach * sessions.Length);
        for (var r = 0; r < roundsEach; r++)
        {
            var round = r;
            var posted = await Task.WhenAll(sessions.Select((s, i) => Task.Run(() => s.PostAsync((i + round) % variantForms.Count, inline: !pageMode))));
            if (pageMode) posted = await Task.WhenAll(sessions.Select((s, i) => Task.Run(() => s.ReloadAsync(posted[i]))));
            samples.AddRange(posted);
        }
        return samples;
    }

    var warmup = await RunAsync(warmupRounds);
    var settleRounds = 0;
    var tiering = TieringCpuMs(app);
    var tieringMs = tiering.Values.Sum();
    // Settled: a batch of 10 rounds during which the tiering thread used under 20 ms of CPU (two clock ticks). The
    // runtime ends an idle worker and starts another when needed, so the CPU is counted per thread.
    while (settleRounds < settleLimit)
    {
        warmup.AddRange(await RunAsync(10));
        settleRounds += 10;
        var now = TieringCpuMs(app);
        var spent = now.Sum(t => t.Value - tiering.GetValueOrDefault(t.Key));
        tiering = now;
        tieringMs += spent;
        if (spent < 20) break;
    }
    if (settleLimit > 0)
        Console.WriteLine($"warm-up: {warmupRounds} rounds, then {settleRounds} more until the portal's tiered compilation settled " +
                          $"({(settleRounds >= settleLimit ? "NOT settled, limit reached" : "its thread used < 20 ms of CPU in the last 10 rounds")}; " +
                          $"{tieringMs / 1000.0:0.0} s of CPU in all)");
    Report("  warm-up saves, server time (Server-Timing)", [.. warmup.Select(x => x.SaveServerMs)]);
    await Task.Delay(500);
    var speedBefore = MachineSpeed();
    var loadBefore = LoadAverage();
    var logMark = requestLog.Count;
    var cpu = CpuTime(app);
    var pgCpu = PostgresCpuTime(cluster.Folder);
    var benchCpu = CpuTime(Process.GetCurrentProcess());
    var wall = Stopwatch.StartNew();
    var measured = await RunAsync(rounds);
    wall.Stop();
    var cycleCpu = CpuTime(app) - cpu;
    var cycleBenchCpu = CpuTime(Process.GetCurrentProcess()) - benchCpu;
    var speedAfter = MachineSpeed();
    var cyclePgCpu = PostgresCpuTime(cluster.Folder) - pgCpu;
    await Task.Delay(500);
    var logged = requestLog.Skip(logMark).ToList();
    // The same number of form loads alone, to split the portal's CPU time between the save and the reload.
    cpu = CpuTime(app);
    pgCpu = PostgresCpuTime(cluster.Folder);
    await Task.WhenAll(sessions.Select(s => Task.Run(async () => { for (var r = 0; r < rounds; r++) await s.OpenAsync(); })));
    var loadCpu = CpuTime(app) - cpu;
    var loadPgCpu = PostgresCpuTime(cluster.Folder) - pgCpu;
    // The floor: the same requests' worth of the cheapest endpoint, one at a time and 16 at once.
    cpu = CpuTime(app);
    using (var probe = new HttpClient { BaseAddress = baseUrl })
        for (var r = 0; r < 400; r++) (await probe.GetAsync(new Uri("/healthz", UriKind.Relative))).EnsureSuccessStatusCode();
    var healthCpu = (CpuTime(app) - cpu).TotalMilliseconds / 400;
    var loadAfter = LoadAverage();

    var refused = measured.Count(s => !s.Saved);
    if (refused > 0) Console.WriteLine($"WARNING: {refused} saves were not accepted " +
                                       (pageMode ? "(expected 302 after a save)" : "(expected 200 with 已保存草稿 in the status block)"));
    var loggedSaves = logged.Where(l => l.Method == "POST" && l.Path.StartsWith("/clerk/reports/", StringComparison.Ordinal)).Select(l => l.Ms).ToArray();
    var loggedLoads = logged.Where(l => l.Method == "GET" && l.Path.StartsWith("/clerk/reports/", StringComparison.Ordinal)).Select(l => l.Ms).ToArray();

    Console.WriteLine();
    Console.WriteLine($"save of the full form, {clerks} clerks at once, {measured.Count} saves in {wall.Elapsed.TotalSeconds:0.0} s " +
                      $"({measured.Count / wall.Elapsed.TotalSeconds:0.0} saves/s); target p95 ≤ 50 ms server time");
    Report("  server time (Server-Timing)", [.. measured.Select(s => s.SaveServerMs)]);
    Report("  server time (request log)  ", loggedSaves);
    Report("  client time (round trip)   ", [.. measured.Select(s => s.SaveClientMs)]);
    var perLoad = loadCpu.TotalMilliseconds / (clerks * rounds);
    var pgPerLoad = loadPgCpu.TotalMilliseconds / (clerks * rounds);
    var perCycle = cycleCpu.TotalMilliseconds / measured.Count;
    var pgPerCycle = cyclePgCpu.TotalMilliseconds / measured.Count;
    if (pageMode)
    {
        Console.WriteLine($"  portal CPU time per save: {perCycle - perLoad:0.0} ms (per save and reload {perCycle:0.0} ms, per form load alone {perLoad:0.0} ms)");
        Console.WriteLine($"  PostgreSQL CPU time per save: {pgPerCycle - pgPerLoad:0.0} ms (per save and reload {pgPerCycle:0.0} ms, " +
                          $"per form load alone {pgPerLoad:0.0} ms; every process of the cluster, 10 ms clock ticks)");
    }
    else
    {
        Console.WriteLine($"  portal CPU time per save: {perCycle:0.0} ms (a form load alone, for comparison: {perLoad:0.0} ms)");
        Console.WriteLine($"  PostgreSQL CPU time per save: {pgPerCycle:0.0} ms (a form load alone: {pgPerLoad:0.0} ms; " +
                          "every process of the cluster, 10 ms clock ticks)");
    }
    Console.WriteLine($"  portal and PostgreSQL CPU time per {(pageMode ? "save and reload" : "save")}: " +
                      $"{perCycle + pgPerCycle:0.0} ms; on {Environment.ProcessorCount} cores, " +
                      $"{clerks} at once need ≥ {(perCycle + pgPerCycle) * clerks / Environment.ProcessorCount:0} ms per round");
    // The load generator shares the machine's cores with the portal: what it spends while a round is in flight
    // stretches the server times above, where a real clerk's browser runs on the clerk's own computer.
    Console.WriteLine($"  this load generator's CPU time per save (posting the form, reading the answer): " +
                      $"{cycleBenchCpu.TotalMilliseconds / measured.Count:0.00} ms");
    Console.WriteLine($"  portal CPU time per GET /healthz (the floor of any request on this machine now): {healthCpu:0.00} ms");
    Console.WriteLine($"  machine load average (1 min) before/after: {loadBefore} / {loadAfter} on {Environment.ProcessorCount} cores");
    Console.WriteLine($"  machine speed before/after (the rules on one report, one thread, the portal idle): {speedBefore:0.0} / {speedAfter:0.0} µs " +
                      "(lower is faster; this shared machine's slow minutes show here as well as in the CPU times)");
    if (pageMode)
    {
        Console.WriteLine($"the form reloaded after each save (post/redirect/get), {clerks} at once:");
        Report("  server time (Server-Timing)", [.. measured.Select(s => s.LoadServerMs)]);
        Report("  server time (request log)  ", loggedLoads);
        Report("  client time (round trip)   ", [.. measured.Select(s => s.LoadClientMs)]);
    }

    Console.WriteLine();
    await sessions[0].ReportPageWeightAsync();
    foreach (var s in sessions) s.Dispose();
}
finally
{
    // Only the process this program started.
    if (!app.HasExited)
    {
        app.Kill(entireProcessTree: true);
        await app.WaitForExitAsync();
    }
}

// The same fixed work timed on one thread: the machine's speed at the moment of the run, so that a run in one of the
// shared machine's slow minutes can be told from a change in the portal. Median of 15 batches of 200 evaluations.
double MachineSpeed()
{
    var input = new RuleInput(variants[0], BodyKind.TownshipGovernment, variants[1], null, "第1镇人民政府");
    var batches = new double[15];
    for (var b = 0; b < batches.Length; b++)
    {
        var t = Stopwatch.GetTimestamp();
        for (var i = 0; i < 200; i++) ReportRules.Evaluate(input);
        batches[b] = Stopwatch.GetElapsedTime(t).TotalMicroseconds / 200;
    }
    Array.Sort(batches);
    return batches[batches.Length / 2];
}

// CPU time of the runtime's tiered-compilation thread (".NET Tiered Compilation Worker", 15 characters in comm) by
// thread id, from /proc, in milliseconds; none where there is no such thread (tiered compilation off, or not Linux).
static Dictionary<string, double> TieringCpuMs(Process p)
{
    var tasks = $"/proc/{p.Id}/task";
    var byThread = new Dictionary<string, double>(StringComparer.Ordinal);
    if (!Directory.Exists(tasks)) return byThread;
    foreach (var task in Directory.GetDirectories(tasks))
    {
        string comm;
        try
        {
            comm = File.ReadAllText(Path.Combine(task, "comm"));
        }
        catch (IOException)
        {
            continue; // the thread ended between the listing and the read
        }
        if (!comm.StartsWith(".NET Tiered", StringComparison.Ordinal) || StatFields(task) is not { } f) continue;
        // USER_HZ is 100 on Linux: a tick is 10 ms.
        byThread[Path.GetFileName(task)] = 10 * (f(14) + f(15));
    }
    return byThread;
}

// The numbered fields of /proc/…/stat (utime is the 14th, as proc(5) counts them), or null when the process or
// thread ended while we looked. Counted after "pid (comm) ", since a command's name may hold spaces.
static Func<int, long>? StatFields(string procDir)
{
    string stat;
    try
    {
        stat = File.ReadAllText(Path.Combine(procDir, "stat"));
    }
    catch (IOException)
    {
        return null;
    }
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return n => long.Parse(fields[n - 3], CultureInfo.InvariantCulture);
}

static TimeSpan CpuTime(Process p)
{
    p.Refresh();
    return p.TotalProcessorTime;
}

// The cluster's CPU time: the postmaster (with its reaped children) and every process it started (backends,
// walwriter, checkpointer…), from /proc; ticks are 1/100 s on Linux.
static TimeSpan PostgresCpuTime(string clusterFolder)
{
    var pidFile = Path.Combine(clusterFolder, "data", "postmaster.pid");
    if (!File.Exists(pidFile) || !Directory.Exists("/proc")) return TimeSpan.Zero;
    var postmaster = int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture);
    long ticks = 0;
    foreach (var dir in Directory.EnumerateDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
        // ppid is the 4th field; utime, stime, cutime and cstime the 14th to 17th.
        if (StatFields(dir) is not { } Field) continue;
        if (pid == postmaster) ticks += Field(14) + Field(15) + Field(16) + Field(17);
        else if (Field(4) == postmaster) ticks += Field(14) + Field(15);
    }
    return TimeSpan.FromSeconds(ticks / 100.0);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

static void Report(string name, double[] ms)
{
    if (ms.Length == 0)
    {
        Console.WriteLine($"{name}: no samples");
        return;
    }
    Array.Sort(ms);
    string P(double q) => ms[(int)Math.Min(ms.Length - 1, q * ms.Length)].ToString("0.0", CultureInfo.InvariantCulture);
    Console.WriteLine($"{name}: p50 {P(0.50)} ms, p95 {P(0.95)} ms, p99 {P(0.99)} ms, max {P(1)} ms ({ms.Length} requests)");
}

int IntArg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "DisclosurePortal.sln"))) return dir.FullName;
    throw new InvalidOperationException("DisclosurePortal.sln not found above " + AppContext.BaseDirectory);
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

internal readonly record struct Sample(bool Saved, double SaveServerMs, double SaveClientMs, double LoadServerMs, double LoadClientMs);

/// <summary>One clerk's browser: a cookie jar, the open form's fields, and its antiforgery token and version.</summary>
internal sealed partial class Session : IDisposable
{
    private readonly HttpClient _http;
    private readonly CookieContainer _cookies = new();
    private readonly Uri _baseUrl;
    private readonly string _formUrl;
    private List<KeyValuePair<string, string>> _fields = [];
    private IReadOnlyList<Dictionary<string, string>> _variants = [];
    // Each variant's body, encoded once, without the version: the load generator shares the two cores with the
    // portal, and percent-encoding 180 fields (the Chinese prose three bytes a character, nine characters a byte)
    // inside every round took CPU from the saves being timed. A browser does this work on the clerk's own computer.
    private byte[][] _encoded = [];
    private string _version = "0";

    public Session(Uri baseUrl, int reportId)
    {
        _baseUrl = baseUrl;
        _formUrl = $"/clerk/reports/{reportId}";
#pragma warning disable CA2000 // the client owns the handler (disposeHandler: true)
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = _cookies, AllowAutoRedirect = false, UseCookies = true }, disposeHandler: true)
#pragma warning restore CA2000
        { BaseAddress = baseUrl };
    }

    public void Dispose() => _http.Dispose();

    public async Task SignInAsync(string userName, string password)
    {
        var page = await _http.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName, ["Input.Password"] = password, ["__RequestVerificationToken"] = Token(page),
        });
        var response = await _http.PostAsync(new Uri("/Account/Login", UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in of {userName} failed: {(int)response.StatusCode}");
    }

    public async Task OpenAsync() => _fields = EntryForm.Fields(await _http.GetStringAsync(new Uri(_formUrl, UriKind.Relative)));

    /// <summary>
    /// Encodes the form once per variant, exactly as <see cref="FormUrlEncodedContent"/> encodes it, with every field of
    /// the open page (its antiforgery token, which stays the page's) except the version, which each answer moves.
    /// </summary>
    public void Prepare(IReadOnlyList<Dictionary<string, string>> variants)
    {
        _variants = variants;
        _version = _fields.Single(f => f.Key == "version").Value;
        _encoded = variants.Select(values =>
        {
            using var content = new FormUrlEncodedContent(Body(values).Where(f => f.Key != "version"));
            return content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        }).ToArray();
    }

    private IEnumerable<KeyValuePair<string, string>> Body(Dictionary<string, string> values) =>
        _fields.Select(f => values.TryGetValue(f.Key, out var v) ? new KeyValuePair<string, string>(f.Key, v) : f);

    /// <summary>
    /// Posts the whole form with these values. Inline, as entry.js does: the answer is the status block, whose
    /// data-version is the page's next version. Otherwise the redirect is not followed yet (<see cref="ReloadAsync"/>).
    /// </summary>
    public async Task<Sample> PostAsync(int variant, bool inline)
    {
        HttpContent content;
        if (inline)
        {
            // The prepared body and this answer's version: the same bytes FormUrlEncodedContent would send.
            var version = System.Text.Encoding.ASCII.GetBytes("&version=" + _version);
            var bytes = new byte[_encoded[variant].Length + version.Length];
            _encoded[variant].CopyTo(bytes, 0);
            version.CopyTo(bytes, _encoded[variant].Length);
            content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }
        else
        {
            // Without the script every save is followed by a new page, whose fields are read again (ReloadAsync).
            content = new FormUrlEncodedContent(Body(_variants[variant]).ToList());
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_formUrl + "?handler=Save", UriKind.Relative))
        {
            Content = content,
        };
        if (inline) request.Headers.Add("X-Entry-Save", "inline");
        var t = Stopwatch.GetTimestamp();
        using var save = await _http.SendAsync(request);
        var answer = await save.Content.ReadAsStringAsync();
        var saveClient = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        if (!inline) return new Sample(save.StatusCode == HttpStatusCode.Redirect, ServerMs(save), saveClient, double.NaN, double.NaN);
        var saved = save.StatusCode == HttpStatusCode.OK && answer.Contains("已保存草稿", StringComparison.Ordinal);
        if (VersionPattern().Match(answer) is { Success: true } m) _version = m.Groups[1].Value;
        return new Sample(saved, ServerMs(save), saveClient, double.NaN, double.NaN);
    }

    /// <summary>Follows the save's redirect back to the form, as the browser does, for the next version and token.</summary>
    public async Task<Sample> ReloadAsync(Sample saved)
    {
        var t = Stopwatch.GetTimestamp();
        using var load = await _http.GetAsync(new Uri(_formUrl, UriKind.Relative));
        var html = await load.Content.ReadAsStringAsync();
        var loadClient = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        _fields = EntryForm.Fields(html);
        return saved with { LoadServerMs = ServerMs(load), LoadClientMs = loadClient };
    }

    /// <summary>
    /// The entry page's first load: the HTML and every stylesheet, script and image it references, as bytes on the
    /// wire without compression and with gzip/Brotli where the server offers it; and whether each is same-origin.
    /// </summary>
    public async Task ReportPageWeightAsync()
    {
        Console.WriteLine("entry page, first load (HTML + CSS + JS); target ≤ 150 KB transferred, no outside host");
        var (plain, html) = await FetchAsync(_formUrl, "identity");
        var (packed, _) = await FetchAsync(_formUrl, "gzip, br");
        var assets = AssetPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[2].Value)).Distinct().ToList();
        long totalPlain = plain.Bytes, totalPacked = packed.Bytes;
        Console.WriteLine($"  {"page " + _formUrl,-46} {plain.Bytes,8:N0} B {packed.Bytes,8:N0} B {packed.Encoding}");
        var outside = 0;
        foreach (var asset in assets)
        {
            var url = new Uri(_baseUrl, asset);
            var same = url.Scheme == _baseUrl.Scheme && url.Authority == _baseUrl.Authority;
            if (!same)
            {
                outside++;
                Console.WriteLine($"  OUTSIDE HOST: {asset}");
                continue;
            }
            var (a, _) = await FetchAsync(url.PathAndQuery, "identity");
            var (b, _) = await FetchAsync(url.PathAndQuery, "gzip, br");
            totalPlain += a.Bytes;
            totalPacked += b.Bytes;
            Console.WriteLine($"  {url.AbsolutePath,-46} {a.Bytes,8:N0} B {b.Bytes,8:N0} B {b.Encoding}");
        }
        Console.WriteLine($"  total ({assets.Count} assets){"",-29} {totalPlain,8:N0} B {totalPacked,8:N0} B " +
                          $"= {totalPlain / 1024.0:0.0} KB uncompressed, {totalPacked / 1024.0:0.0} KB as served with Accept-Encoding: gzip, br");
        Console.WriteLine($"  assets from an outside host: {outside}");
    }

    private async Task<((long Bytes, string Encoding), string Text)> FetchAsync(string url, string acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var encoding = string.Join(",", response.Content.Headers.ContentEncoding);
        // Headers count too: on a first load they are a few hundred bytes per response.
        var headerBytes = response.Headers.ToString().Length + response.Content.Headers.ToString().Length;
        return ((bytes.Length + headerBytes, encoding.Length == 0 ? "(not compressed)" : encoding),
            encoding.Length == 0 ? System.Text.Encoding.UTF8.GetString(bytes) : "");
    }

    private static double ServerMs(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Server-Timing", out var values)
        && ServerTimingPattern().Match(string.Join(",", values)) is { Success: true } m
            ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : double.NaN;

    private static string Token(string html) =>
        WebUtility.HtmlDecode(TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value
            : throw new InvalidOperationException("no antiforgery token on the page"));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("data-version=\"(\\d+)\"")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"dur=([\d.]+)")]
    private static partial Regex ServerTimingPattern();

    /// <summary>What a browser fetches on load: stylesheets and icons (link href), scripts and images (src).</summary>
    [GeneratedRegex("<(?:link[^>]*\\shref|script[^>]*\\ssrc|img[^>]*\\ssrc)=(\"|')([^\"']+)\\1", RegexOptions.IgnoreCase)]
    private static partial Regex AssetPattern();
}
