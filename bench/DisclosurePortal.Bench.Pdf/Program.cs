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
if (args.Contains("--batch"))
{
    Batch.Run();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(RenderBenchmarks).Assembly).Run(args);

/// <summary>
/// What BenchmarkDotNet cannot show: the first render in a fresh process (fonts read, JIT), throughput of
/// 1,000 reports on 2 threads as the portal's publish queue runs them, peak working set, and the file size.
/// </summary>
internal static class Batch
{
    public static void Run()
    {
        var inv = CultureInfo.InvariantCulture;
        var sw = Stopwatch.StartNew();
        var renderer = new ReportPdfRenderer(SeedReport.FontDirectory());
        var seed = renderer.Render(SeedReport.Create());
        var first = sw.Elapsed.TotalMilliseconds;
        Console.WriteLine(string.Create(inv, $"first render (fresh process, incl. font load): {first:F0} ms (target ≤ 300)"));
        Console.WriteLine(string.Create(inv, $"seed report size: {seed.Length / 1024.0:F1} KB (target ≤ 150)"));

        const int total = 1000;
        const int threads = 2;
        var reports = Enumerable.Range(0, 17).Select(SeedReport.Create).ToArray();
        var next = -1;
        sw.Restart();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total) renderer.Render(reports[i % reports.Length]);
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        var seconds = sw.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(inv, $"{total} reports on {threads} threads: {seconds:F2} s = {total / seconds:F0} reports/s (target ≥ 150)"));
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(inv, $"peak working set: {self.PeakWorkingSet64 / (1024.0 * 1024):F0} MB (target ≤ 200)"));
    }
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
        for (var i = 0; i < 50; i++) renderer.Render(report);
        var times = new double[int.Parse(Environment.GetEnvironmentVariable("QUICK_N") ?? "200", inv)];
        for (var i = 0; i < times.Length; i++)
        {
            var sw = Stopwatch.StartNew();
            renderer.Render(report);
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        Console.WriteLine(string.Create(inv, $"warm render: median {times[times.Length / 2]:F2} ms, p10 {times[times.Length / 10]:F2} ms; size {pdf.Length / 1024.0:F1} KB"));
        if (savePath is not null) File.WriteAllBytes(savePath, pdf);
    }
}
