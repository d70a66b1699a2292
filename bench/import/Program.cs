using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using DisclosurePortal.Data;
using DisclosurePortal.Domain.Importing;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using DisclosurePortal.Web.Importing;
using Microsoft.EntityFrameworkCore;

// A county's 2,000 published reports (half portal PDFs, half web pages) zipped, unpacked into import batches and
// read by ImportBatches.ReadPendingAsync — the function the portal's background reader runs — against a throwaway
// PostgreSQL with the county's bodies, so each file is read, checked and matched to its body. Budget: ≤ 5 min,
// memory ≤ 500 MB (this process hosts the reader as the portal does).
//   dotnet run -c Release --project bench/import -- REAL_REPORTS_DIR [reports]
var inv = CultureInfo.InvariantCulture;
var realDir = args.Length > 0 ? args[0] : throw new ArgumentException("usage: REAL_REPORTS_DIR [reports]");
var count = args.Length > 1 ? int.Parse(args[1], inv) : 2000;
var fonts = Environment.GetEnvironmentVariable("Pdf__FontDirectory")
            ?? throw new InvalidOperationException("set Pdf__FontDirectory to the repository's fonts/");

var dir = Directory.CreateTempSubdirectory("dp-bench-import-");
using var cluster = PostgresCluster.Start();
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

    var connection = cluster.ConnectionString("postgres");
    int regionId;
    await using (var db = PortalDb.Create(connection))
    {
        await db.Database.MigrateAsync();
        var county = new Region("990001", "样例县", RegionLevel.County, null);
        db.Regions.Add(county);
        var n = 0;
        foreach (var (_, bodyName) in files.Values)
            db.Bodies.Add(new Body($"b{n++}", bodyName, BodyKindGuess.FromName(bodyName), county));
        await db.SaveChangesAsync();
        regionId = county.Id;
    }

    // Making the files (fonts, renderer) is not the portal's work: its memory is given back before measuring.
    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var baseline = process.WorkingSet64;
    long peak = 0;
    using var sampler = new Timer(_ => { process.Refresh(); peak = Math.Max(peak, process.WorkingSet64); }, null, 0, 200);
    var start = Stopwatch.GetTimestamp();
    foreach (var zipPath in zips)
    {
        await using var db = PortalDb.Create(connection);
        await using var upload = File.OpenRead(zipPath);
        var unpacked = BatchUnpacker.Unpack([(Path.GetFileName(zipPath), upload)]);
        if (unpacked.Refusal is { } refusal) throw new InvalidOperationException(refusal);
        db.ImportBatches.Add(ImportBatch.Start(regionId, unpacked.Files, new Actor("bench", "基准测试"), DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }
    var stored = Stopwatch.GetElapsedTime(start).TotalSeconds;
    var peakStoring = peak;
    await using (var db = PortalDb.Create(connection)) await ImportBatches.ReadPendingAsync(db, default);
    var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
    process.Refresh();
    peak = Math.Max(peak, process.WorkingSet64);
    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    process.Refresh();
    var after = process.WorkingSet64;

    await using (var db = PortalDb.Create(connection))
    {
        var states = await db.ImportFiles.GroupBy(f => f.State)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var matched = await db.ImportFiles.CountAsync(f => f.BodyId != null && f.Problem == null);
        var read = states.GetValueOrDefault(ImportFileState.Read);
        Console.WriteLine(string.Create(inv,
            $"RESULT a county's {count} reports as {zips.Count} zips, unpacked and stored in {stored:F1} s, read, checked and matched in {seconds:F1} s in all: {read} read ({matched} matched to their body), {states.GetValueOrDefault(ImportFileState.Refused)} refused; peak working set {peak / 1024.0 / 1024:F0} MB (at the start {baseline / 1024.0 / 1024:F0} MB, storing {peakStoring / 1024.0 / 1024:F0} MB, after a full collection {after / 1024.0 / 1024:F0} MB) (budget 300 s, 500 MB) {(seconds <= 300 && peak <= 500L * 1024 * 1024 && read == count ? "MET" : "NOT MET")}"));
    }
}
finally
{
    dir.Delete(recursive: true);
}
