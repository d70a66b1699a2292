using System.Diagnostics;
using System.Globalization;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.Domain.Samples;
using DisclosurePortal.Pdf;
using DisclosurePortal.Readers;

// Reading published reports as the check and the history import do: ReportReader, then the rules with the kind
// guessed from the name. (1) one real 5-page PDF and one real web page, read and checked many times, warm;
// (2) a county's 2,000 reports as files — half PDFs the portal's renderer printed from generated reports, half the
// real web page with the body's name changed — read and checked one after another, as the import's reader does.
//   dotnet run -c Release --project bench/readers -- REAL_REPORTS_DIR [reports]
var inv = CultureInfo.InvariantCulture;
var realDir = args.Length > 0 ? args[0] : throw new ArgumentException("usage: REAL_REPORTS_DIR [reports]");
var count = args.Length > 1 ? int.Parse(args[1], inv) : 2000;
var fonts = Environment.GetEnvironmentVariable("Pdf__FontDirectory")
            ?? throw new InvalidOperationException("set Pdf__FontDirectory to the repository's fonts/");

static int Check(string name, byte[] bytes)
{
    var reading = ReportReader.Read(name, bytes);
    if (!reading.Succeeded) return -1;
    var doc = reading.Document!;
    return ReportRules.Evaluate(new RuleInput(doc.Data, BodyKindGuess.FromName(doc.Body.Name), BodyName: doc.Body.Name)).Count;
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

foreach (var (label, path) in new[] { ("real PDF, 5 pages (02-hongze-qu-2023)", "02-hongze-qu-2023/source.pdf"),
                                      ("real web page (14-pingtan-2024)", "14-pingtan-2024/source.html") })
{
    var bytes = File.ReadAllBytes(Path.Combine(realDir, path));
    var name = Path.GetFileName(path);
    if (Check(name, bytes) < 0) throw new InvalidOperationException($"{path} was refused");
    for (var i = 0; i < 20; i++) Check(name, bytes);
    var times = new List<double>();
    for (var i = 0; i < 100; i++)
    {
        var t = Stopwatch.GetTimestamp();
        Check(name, bytes);
        times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }
    times.Sort();
    var p95 = Percentile(times, 0.95);
    Console.WriteLine(string.Create(inv, $"RESULT read and check, {label}: p50 {Percentile(times, 0.5):F1} ms, p95 {p95:F1} ms (budget 200 ms) {(p95 <= 200 ? "MET" : "NOT MET")}"));
}

// The county's files, written first (not timed).
var dir = Directory.CreateTempSubdirectory("dp-bench-readers-");
try
{
    var expected = CountyFiles.Write(dir.FullName, count, realDir, fonts);

    var process = Process.GetCurrentProcess();
    GC.Collect();
    var read = 0;
    var wrong = 0;
    var refused = new List<string>();
    long peak = 0;
    var start = Stopwatch.GetTimestamp();
    foreach (var file in Directory.EnumerateFiles(dir.FullName).Order(StringComparer.Ordinal))
    {
        var reading = ReportReader.ReadFile(file);
        if (reading.Succeeded)
        {
            var doc = reading.Document!;
            ReportRules.Evaluate(new RuleInput(doc.Data, BodyKindGuess.FromName(doc.Body.Name), BodyName: doc.Body.Name));
            read++;
            var truth = expected[Path.GetFileName(file)].Data;
            if (truth.Figures.Count != doc.Data.Figures.Count || truth.Figures.Any(f => doc.Data[f.Key] != f.Value)) wrong++;
        }
        else refused.Add($"{Path.GetFileName(file)}: {reading.Refusal}");
        process.Refresh();
        peak = Math.Max(peak, process.WorkingSet64);
    }
    var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
    foreach (var r in refused.Take(5)) Console.WriteLine("refused " + r);
    Console.WriteLine(string.Create(inv, $"RESULT a county's {count} reports ({count / 2} PDFs, {count - count / 2} web pages) read and checked: {seconds:F1} s, {read} read ({wrong} with a figure wrong), {refused.Count} refused, peak working set {peak / 1024.0 / 1024:F0} MB (budget 300 s) {(seconds <= 300 && refused.Count == 0 && wrong == 0 ? "MET" : "NOT MET")}"));
}
finally
{
    dir.Delete(recursive: true);
}
return 0;
