using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using DisclosurePortal.Pdf;

namespace DisclosurePortal.Bench.Pdf;

/// <summary>Warm render of the seed-like report (target ≤ 10 ms median).</summary>
[SimpleJob(RuntimeMoniker.Net10_0, launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private ReportPdfRenderer _renderer = null!;
    private PdfReport _report = null!;

    [GlobalSetup]
    public void Setup()
    {
        _renderer = new ReportPdfRenderer(SeedReport.FontDirectory());
        _report = SeedReport.Create();
        _renderer.Render(_report);
    }

    [Benchmark]
    public byte[] RenderSeedReport() => _renderer.Render(_report);
}
