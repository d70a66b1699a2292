using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DisclosurePortal.Data;
using DisclosurePortal.Domain.Importing;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;

// A county's 2,000 published reports (half portal PDFs, half web pages), zipped as 4 uploads of 500 and posted by a
// reviewer to /review/import of a portal running in its own process on demo data; its background reader reads,
// checks and matches every file. Timed from the first upload to the last file read; the portal process's working
// set sampled every 200 ms. Budget: ≤ 5 min, portal memory ≤ 500 MB.
//   dotnet run -c Release --project bench/import -- REAL_REPORTS_DIR [reports]
var inv = CultureInfo.InvariantCulture;
var realDir = args.Length > 0 ? args[0] : throw new ArgumentException("usage: REAL_REPORTS_DIR [reports]");
var count = args.Length > 1 ? int.Parse(args[1], inv) : 2000;
var repo = Path.GetFullPath(Path.Combine(realDir, "..", ".."));
var fonts = Path.Combine(repo, "fonts");

var dir = Directory.CreateTempSubdirectory("dp-bench-import-");
using var cluster = PostgresCluster.Start();
var connection = $"Host=127.0.0.1;Port={cluster.Port};Username=postgres;Database=importbench";
Process? app = null;
try
{
    var files = CountyFiles.Write(dir.FullName, count, realDir, fonts);
    // A batch holds at most BatchUnpacker.MaxFiles: the county comes as zips of that many.
    var zips = files.Keys.Order(StringComparer.Ordinal).Chunk(BatchUnpacker.MaxFiles).Select((names, i) =>
    {
        var path = Path.Combine(dir.FullName, $"county-{i + 1}.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var name in names) zip.CreateEntryFromFile(Path.Combine(dir.FullName, name), "history/" + name);
        return path;
    }).ToList();

    // The portal as scripts/run.sh starts it (Development: plain-HTTP cookies): a first process migrates and loads the
    // demo data, a fresh one serves, as deployed (docs/operations.md), so its memory is a serving portal's.
    var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}");
    using (var seeding = await StartPortalAsync(repo, connection, baseUrl, fonts, "--migrate", "--seed-demo"))
    {
        seeding.Kill(entireProcessTree: true);
        await seeding.WaitForExitAsync();
    }
    app = await StartPortalAsync(repo, connection, baseUrl, fonts);
    using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };

    // The county's bodies, under the demo county of reviewer-donghu, so that every file is matched to its body.
    await using (var db = PortalDb.Create(connection))
    {
        var county = await db.Regions.SingleAsync(r => r.Code == "990101");
        var n = 0;
        foreach (var (_, bodyName) in files.Values)
            db.Bodies.Add(new Body($"bench-{n++}", bodyName, BodyKindGuess.FromName(bodyName), county));
        await db.SaveChangesAsync();
    }

    await SignInAsync(http, "reviewer-donghu", "Demo-2025-portal");
    var process = Process.GetProcessById(app.Id);
    process.Refresh();
    var baseline = process.WorkingSet64;
    long peak = baseline;
    using var sampler = new Timer(_ => { process.Refresh(); Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), process.WorkingSet64)); }, null, 0, 200);
    var clock = Stopwatch.StartNew();
    foreach (var zipPath in zips)
    {
        var page = await http.GetStringAsync(new Uri("/review/import", UriKind.Relative));
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(Token(page)), "__RequestVerificationToken");
        var zipContent = new StreamContent(File.OpenRead(zipPath));
        zipContent.Headers.ContentType = new("application/zip");
        form.Add(zipContent, "files", Path.GetFileName(zipPath));
        var posted = await http.PostAsync(new Uri("/review/import", UriKind.Relative), form);
        if (posted.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"upload of {Path.GetFileName(zipPath)} answered {(int)posted.StatusCode}");
    }
    var uploaded = clock.Elapsed.TotalSeconds;
    Dictionary<ImportFileState, int> states;
    while (true)
    {
        await using var db = PortalDb.Create(connection);
        states = await db.ImportFiles.GroupBy(f => f.State).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        if (states.Values.Sum() == count && states.GetValueOrDefault(ImportFileState.Waiting) == 0) break;
        if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException("the files were not read within 10 minutes");
        await Task.Delay(500);
    }
    var seconds = clock.Elapsed.TotalSeconds;
    process.Refresh();
    peak = Math.Max(peak, process.WorkingSet64);
    int matched;
    await using (var db = PortalDb.Create(connection))
        matched = await db.ImportFiles.CountAsync(f => f.State == ImportFileState.Read && f.BodyId != null && f.Problem == null);
    var read = states.GetValueOrDefault(ImportFileState.Read);
    var met = seconds <= 300 && peak <= 500L * 1024 * 1024 && read == count;
    Console.WriteLine(string.Create(inv,
        $"RESULT a county's {count} reports uploaded by a reviewer as {zips.Count} zips in {uploaded:F1} s, read, checked and matched by the portal in {seconds:F1} s in all: {read} read ({matched} matched to their body), {states.GetValueOrDefault(ImportFileState.Refused)} refused; portal working set peak {peak / 1048576.0:F0} MB (before the uploads {baseline / 1048576.0:F0} MB) (budget 300 s, 500 MB) {(met ? "MET" : "NOT MET")}"));
}
finally
{
    if (app is { HasExited: false })
    {
        app.Kill(entireProcessTree: true);
        await app.WaitForExitAsync();
    }
    dir.Delete(recursive: true);
}

static async Task<Process> StartPortalAsync(string repo, string connection, Uri baseUrl, string fonts, params string[] args)
{
    var webDir = Path.Combine(repo, "src", "DisclosurePortal.Web");
    var dll = Path.Combine(webDir, "bin", "Release", "net10.0", "DisclosurePortal.Web.dll");
    if (!File.Exists(dll)) throw new FileNotFoundException("build the portal first: dotnet build src/DisclosurePortal.Web -c Release", dll);
    var start = new ProcessStartInfo("dotnet") { WorkingDirectory = webDir, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in new[] { dll, "--urls", baseUrl.ToString().TrimEnd('/') }.Concat(args)) start.ArgumentList.Add(a);
    start.Environment["ConnectionStrings__Portal"] = connection;
    start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
    start.Environment["Pdf__FontDirectory"] = fonts;
    start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
    var app = Process.Start(start) ?? throw new InvalidOperationException("could not start the portal");
    // Read and dropped: a full pipe would block the portal.
    app.OutputDataReceived += (_, _) => { };
    app.ErrorDataReceived += (_, _) => { };
    app.BeginOutputReadLine();
    app.BeginErrorReadLine();
    using var probe = new HttpClient { BaseAddress = baseUrl };
    var up = Stopwatch.StartNew();
    while (true)
    {
        try { if ((await probe.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode) return app; }
        catch (HttpRequestException) when (up.Elapsed < TimeSpan.FromSeconds(120) && !app.HasExited) { }
        if (app.HasExited) throw new InvalidOperationException("the portal stopped");
        await Task.Delay(200);
    }
}

static async Task SignInAsync(HttpClient http, string userName, string password)
{
    var page = await http.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
    using var content = new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["Input.UserName"] = userName, ["Input.Password"] = password, ["__RequestVerificationToken"] = Token(page),
    });
    var response = await http.PostAsync(new Uri("/Account/Login", UriKind.Relative), content);
    if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in of {userName} failed: {(int)response.StatusCode}");
}

static string Token(string page) =>
    Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } token
        ? token : throw new InvalidOperationException("no antiforgery token on the page");

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
