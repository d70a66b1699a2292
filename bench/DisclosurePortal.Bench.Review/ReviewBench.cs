using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Pdf;
using DisclosurePortal.TestSupport;
using DisclosurePortal.Web.Publishing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DisclosurePortal.Bench.Review;

/// <summary>
/// Review benchmarks (bash bench/review/run.sh). A county of 2,000 bodies in 40 townships, its 2024 reports in
/// every state, 500 of them published with their PDFs. Measures, on the real application served by Kestrel:
///   the reviewer's queue (/review?year=2024, first page and filters): server time, target ≤ 100 ms;
///   the bulk zip of the 500 published PDFs: the process's memory growth while it streams, target ≤ 50 MB.
/// Server time is taken by a middleware around the whole pipeline, so it excludes only the loopback transfer.
/// </summary>
internal static partial class ReviewBench
{
    private const int Townships = 40;
    private const int BodiesPerTownship = 50;
    private const int Published = 500;
    private const string Password = "correct horse battery staple";

    public static async Task<int> Main()
    {
        var fonts = Environment.GetEnvironmentVariable("Pdf__FontDirectory")
            ?? throw new InvalidOperationException("set Pdf__FontDirectory (bench/review/run.sh does)");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        using var cluster = PostgresCluster.Start();
        await using (var admin = new NpgsqlConnection(cluster.ConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE bench_review", admin);
            await create.ExecuteNonQueryAsync();
        }
        var cs = cluster.ConnectionString("bench_review");
        var countyId = await SeedAsync(cs, fonts);

        await using var app = new Host(cs, fonts);
        var baseUrl = app.Start();
        await app.CreateReviewerAsync("bench-reviewer", countyId);
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
        await SignInAsync(client);

        await QueryAsync(cs, countyId);
        foreach (var url in new[] { "/review?year=2024", "/review?year=2024&status=late", "/review?year=2024&status=Submitted",
                     "/review/deadlines?year=2024" })
            await QueueAsync(client, app, url, 100);
        await ZipAsync(client, app);
        return 0;
    }

    private static async Task QueueAsync(HttpClient client, Host app, string url, int iterations)
    {
        for (var i = 0; i < 10; i++) (await client.GetAsync(new Uri(url, UriKind.Relative))).EnsureSuccessStatusCode();
        var samples = new List<double>();
        long bytes = 0;
        // CPU time of the process per request (server and the loopback client): unlike wall-clock server time it
        // does not grow when other work shares the machine's two cores.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < iterations; i++)
        {
            app.ServerTimes.Clear();
            var body = await client.GetByteArrayAsync(new Uri(url, UriKind.Relative));
            bytes = body.Length;
            samples.Add(app.ServerTimes.Single());
        }
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations;
        samples.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{url,-40} server time over {iterations}: median {Pct(samples, 50):0.0} ms, p95 {Pct(samples, 95):0.0} ms, max {samples[^1]:0.0} ms; CPU {cpu:0.0} ms/request ({bytes / 1024} KB HTML)"));
    }

    /// <summary>The queue's query alone (no page rendering), to tell the database's share of the server time.</summary>
    private static async Task QueryAsync(string cs, int countyId)
    {
        var samples = new List<double>();
        var cpuBefore = TimeSpan.Zero;
        for (var i = 0; i < 60; i++)
        {
            await using var db = PortalDb.Create(cs);
            var start = Stopwatch.GetTimestamp();
            var regions = await DisclosurePortal.Web.Security.ReviewerAccess.SubtreeAsync(db, countyId, default);
            var rows = await DisclosurePortal.Data.Queries.ReviewList.LoadAsync(db, regions.ToArray(), 2024, DateTimeOffset.UtcNow, default);
            if (i == 10) cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            if (i >= 10) samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (rows.Count != Townships * BodiesPerTownship) throw new InvalidOperationException($"{rows.Count} rows");
        }
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / samples.Count;
        samples.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"queue query alone (2,000 rows)",-40} over {samples.Count}: median {Pct(samples, 50):0.0} ms, p95 {Pct(samples, 95):0.0} ms; CPU {cpu:0.0} ms (this process, not PostgreSQL)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average at the start: {File.ReadAllText("/proc/loadavg").Trim()}"));
    }

    private static async Task ZipAsync(HttpClient client, Host app)
    {
        // A first download warms up the code paths (JIT, connection pool) so the second measures the streaming itself.
        await DownloadAsync(client);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseWorkingSet = process.WorkingSet64;
        var baseHeap = GC.GetTotalMemory(forceFullCollection: false);
        long peakWorkingSet = baseWorkingSet, peakHeap = baseHeap;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                try { await Task.Delay(10, stop.Token); } catch (OperationCanceledException) { break; }
            }
        });
        app.ServerTimes.Clear();
        var (size, entries) = await DownloadAsync(client);
        await stop.CancelAsync();
        await sampler;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"zip of {entries} PDFs ({size / 1024.0 / 1024:0.0} MB) in {app.ServerTimes.Single() / 1000:0.0} s: " +
            $"working set growth {(peakWorkingSet - baseWorkingSet) / 1024.0 / 1024:0.0} MB, managed heap growth {(peakHeap - baseHeap) / 1024.0 / 1024:0.0} MB " +
            $"(working set {baseWorkingSet / 1024 / 1024} → peak {peakWorkingSet / 1024 / 1024} MB)"));
    }

    /// <summary>
    /// Writes the zip to a temporary file as it arrives (the file system's cache is not the process's memory), then
    /// opens it to count the entries.
    /// </summary>
    private static async Task<(long Size, int Entries)> DownloadAsync(HttpClient client)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bench-review-{Environment.ProcessId}.zip");
        try
        {
            using (var response = await client.GetAsync(new Uri("/review/pdfs?year=2024", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead))
            {
                response.EnsureSuccessStatusCode();
                await using var stream = await response.Content.ReadAsStreamAsync();
                await using var file = File.Create(path);
                await stream.CopyToAsync(file);
            }
            using var zip = System.IO.Compression.ZipFile.OpenRead(path);
            return (new FileInfo(path).Length, zip.Entries.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double Pct(List<double> sorted, int p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];

    private static async Task SignInAsync(HttpClient client)
    {
        var page = await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        var token = TokenPattern().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "bench-reviewer", ["Input.Password"] = Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        });
        var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), form);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException("sign-in failed");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>
    /// The county, its 40 townships with 50 bodies each, and their 2024 reports: 300 not started, 400 drafts,
    /// 500 submitted, 300 returned, 500 published. Every published revision gets a real official PDF of one report
    /// (the same bytes for all: the zip streams them, so their content does not change what it costs).
    /// </summary>
    private static async Task<int> SeedAsync(string cs, string fonts)
    {
        var watch = Stopwatch.StartNew();
        await using (var db = PortalDb.Create(cs))
        {
            await db.Database.MigrateAsync();
        }
        int countyId;
        var bodyIds = new List<int>();
        await using (var db = PortalDb.Create(cs))
        {
            var city = new Region("9901", "基准市", RegionLevel.City, null);
            var county = new Region("990101", "基准县", RegionLevel.County, city);
            db.AddRange(city, county);
            var kinds = new[] { BodyKind.TownshipGovernment, BodyKind.CountyDepartment, BodyKind.SubDistrictOffice, BodyKind.OtherPublicBody };
            for (var t = 0; t < Townships; t++)
            {
                var township = new Region($"990101{t:000}", $"第{t + 1}镇", RegionLevel.Township, county);
                db.Add(township);
                for (var b = 0; b < BodiesPerTownship; b++)
                    db.Add(new Body($"b{t:00}-{b:00}", $"第{t + 1}镇第{b + 1}单位", kinds[b % kinds.Length], township));
            }
            await db.SaveChangesAsync();
            countyId = county.Id;
            bodyIds = await db.Bodies.OrderBy(b => b.Id).Select(b => b.Id).ToListAsync();
        }
        var statuses = new List<RevisionStatus?>();
        statuses.AddRange(Enumerable.Repeat<RevisionStatus?>(null, 300));
        statuses.AddRange(Enumerable.Repeat<RevisionStatus?>(RevisionStatus.Draft, 400));
        statuses.AddRange(Enumerable.Repeat<RevisionStatus?>(RevisionStatus.Submitted, 500));
        statuses.AddRange(Enumerable.Repeat<RevisionStatus?>(RevisionStatus.Returned, 300));
        statuses.AddRange(Enumerable.Repeat<RevisionStatus?>(RevisionStatus.Published, Published));
        // Spread the states over the townships, as a real county's are.
        var order = bodyIds.OrderBy(id => (id * 7919) % bodyIds.Count).ToList();
        for (var start = 0; start < order.Count; start += 200)
        {
            await using var db = PortalDb.Create(cs);
            var batch = order.Skip(start).Take(200).ToList();
            var bodies = await db.Bodies.Where(b => batch.Contains(b.Id)).ToDictionaryAsync(b => b.Id);
            for (var i = 0; i < batch.Count; i++)
                if (statuses[start + i] is { } status)
                    db.Reports.Add(TestWorld.Report(bodies[batch[i]], 2024, seed: start + i, status));
            await db.SaveChangesAsync();
        }

        byte[] pdf;
        await using (var db = PortalDb.Create(cs))
        {
            var report = await db.Reports.Include(r => r.Body).Include(r => r.Revisions)
                .FirstAsync(r => r.Revisions.Any(v => v.Status == RevisionStatus.Published));
            pdf = new OfficialPdf(new ReportPdfRenderer(fonts)).Published(report, report.Current);
        }
        await using (var connection = new NpgsqlConnection(cs))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO published_pdfs (revision_id, sha256, content, length, rendered_at)
                SELECT id, $1, $2, $3, now() FROM report_revisions WHERE status = 'Published'
                """, connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = Convert.ToHexStringLower(SHA256.HashData(pdf)) });
            insert.Parameters.Add(new NpgsqlParameter { Value = pdf });
            insert.Parameters.Add(new NpgsqlParameter { Value = pdf.Length });
            var rows = await insert.ExecuteNonQueryAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seeded {bodyIds.Count} bodies, {statuses.Count(s => s is not null)} reports, {rows} published PDFs of {pdf.Length / 1024} KB in {watch.Elapsed.TotalSeconds:0} s"));
        }
        return countyId;
    }

    /// <summary>The application on Kestrel (127.0.0.1, a free port) with a timer around the whole pipeline.</summary>
    private sealed class Host : WebApplicationFactory<Program>
    {
        private readonly string _cs;
        private readonly string _fonts;

        public Host(string cs, string fonts)
        {
            (_cs, _fonts) = (cs, fonts);
            UseKestrel(0);
        }

        public System.Collections.Concurrent.ConcurrentBag<double> ServerTimes { get; } = [];

        public Uri Start()
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSolutionRelativeContentRoot("src/DisclosurePortal.Web");
            builder.UseSetting("ConnectionStrings:Portal", _cs);
            builder.UseSetting("Pdf:FontDirectory", _fonts);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            // "Testing" keeps the session cookie usable over plain http on loopback; nothing else differs from production.
            builder.UseEnvironment("Testing");
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new TimingFilter(ServerTimes)));
        }

        public async Task CreateReviewerAsync(string userName, int regionId)
        {
            using var scope = Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = userName, DisplayName = "基准审核员", RegionId = regionId, CreatedAt = DateTimeOffset.UtcNow };
            var result = await users.CreateAsync(user, Password);
            if (result.Succeeded) result = await users.AddToRoleAsync(user, PortalAuth.Reviewer);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private sealed class TimingFilter(System.Collections.Concurrent.ConcurrentBag<double> times) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext http, RequestDelegate inner) =>
            {
                var start = Stopwatch.GetTimestamp();
                await inner(http);
                if (http.Request.Path.StartsWithSegments("/review")) times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            });
            next(app);
        };
    }
}
