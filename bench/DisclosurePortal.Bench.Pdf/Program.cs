using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using DisclosurePortal.Bench.Pdf;
using DisclosurePortal.Pdf;

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
