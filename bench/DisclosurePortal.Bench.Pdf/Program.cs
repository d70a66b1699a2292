using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using DisclosurePortal.Bench.Pdf;
using DisclosurePortal.Pdf;

if (args.Contains("--quick"))
{
    Quick.Run(args.SkipWhile(a => a != "--quick").Skip(1).FirstOrDefault());
    return;
}
if (args.Contains("--batch") || args.Contains("--first"))
{
    Batch.Run(firstOnly: args.Contains("--first"));
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(RenderBenchmarks).Assembly).Run(args);

/// <summary>
/// What BenchmarkDotNet cannot show: the first render in a fresh process (fonts read, JIT), throughput of
/// 1,000 reports on 2 threads as the portal's publish queue runs them, peak working set, and the file size.
/// </summary>
internal static class Batch
{
    public static void Run(bool firstOnly)
    {
        var inv = CultureInfo.InvariantCulture;
        var sw = Stopwatch.StartNew();
        var renderer = new ReportPdfRenderer(SeedReport.FontDirectory());
        var load = sw.Elapsed.TotalMilliseconds;
        var seed = renderer.Render(SeedReport.Create());
        var first = sw.Elapsed.TotalMilliseconds;
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(inv,
            $"first render (fresh process, incl. font load): {first:F0} ms = {load:F0} ms fonts + {first - load:F0} ms render; process CPU {process.TotalProcessorTime.TotalMilliseconds:F0} ms (target ≤ 300)"));
        Console.WriteLine(string.Create(inv,
            $"after the first render: working set {process.WorkingSet64 / (1024.0 * 1024):F0} MB, managed heap {GC.GetTotalMemory(forceFullCollection: false) / (1024.0 * 1024):F0} MB"));
        if (firstOnly) return;
        Console.WriteLine(string.Create(inv, $"seed report size: {seed.Length / 1024.0:F1} KB (target ≤ 150)"));

        const int total = 1000;
        var threads = int.TryParse(Environment.GetEnvironmentVariable("BATCH_THREADS"), out var t) ? t : 2;
        var reports = Enumerable.Range(0, 17).Select(SeedReport.Create).ToArray();
        var next = -1;
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        sw.Restart();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total) renderer.Render(reports[i % reports.Length]);
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        var seconds = sw.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / total;
        Console.WriteLine(string.Create(inv, $"{total} reports on {threads} threads: {seconds:F2} s = {total / seconds:F0} reports/s (target ≥ 150)"));
        // CPU time per report (all threads, GC included) does not depend on what else the machine runs; two
        // otherwise idle cores can do at most 2000 / cpu reports per second.
        Console.WriteLine(string.Create(inv, $"CPU time per report: {cpu:F2} ms (2 idle cores: ≤ {2000 / cpu:F0} reports/s); load average at the end: {LoadAverage()}"));
        Console.WriteLine(string.Create(inv, $"peak working set: {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MB (target ≤ 200)"));
    }

    /// <summary>Other work on the machine skews wall-clock figures; the note records how busy it was.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

/// <summary>
/// A few seconds instead of BenchmarkDotNet's minute: median of 200 warm renders on one thread, and the seed
/// PDF written to a path for inspection (pdffonts, pdftoppm). For comparing changes, not for the record.
/// </summary>
internal static class Quick
{
    public static void Run(string? savePath)
    {
        var inv = CultureInfo.InvariantCulture;
        var renderer = new ReportPdfRenderer(SeedReport.FontDirectory());
        var report = SeedReport.Create();
        var pdf = renderer.Render(report);
        // Past tiered compilation (tier 1 after ~30 calls plus a background delay), as BenchmarkDotNet warms up.
        for (var i = 0; i < 300; i++) renderer.Render(report);
        var times = new double[int.Parse(Environment.GetEnvironmentVariable("QUICK_N") ?? "200", inv)];
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var pauseBefore = GC.GetTotalPauseDuration();
        int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        for (var i = 0; i < times.Length; i++)
        {
            var sw = Stopwatch.StartNew();
            renderer.Render(report);
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / times.Length;
        var pause = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds / times.Length;
        var gcs = string.Join('/', Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - gcBefore[g]));
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        renderer.Render(report);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Array.Sort(times);
        Console.WriteLine(string.Create(inv, $"warm render: median {times[times.Length / 2]:F2} ms, p10 {times[times.Length / 10]:F2} ms; size {pdf.Length / 1024.0:F1} KB; {allocated / (1024.0 * 1024):F2} MB allocated per render"));
        // Process CPU per render (GC threads included) does not grow when other processes take the cores.
        Console.WriteLine(string.Create(inv, $"process CPU per render {cpu:F2} ms; GC pauses {pause:F2} ms per render; gen0/1/2 collections {gcs} in {times.Length} renders; load average {Batch.LoadAverage()}"));
        if (savePath is not null) File.WriteAllBytes(savePath, pdf);
    }
}
