using System.Diagnostics;
using System.Globalization;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Pdf;
using Microsoft.Playwright;

// The official PDF of one published report against the obvious alternative, Chromium printing the same
// report's public page. Both warm, in one process:
//   dotnet run -c Release --project bench/DisclosurePortal.Bench.Pdf -- PORTAL_URL /reports/BODY/YEAR [iterations]
// (bench/pdf/run.sh starts the portal and passes these.) Budget: ≥ 50× faster and ≤ ⅓ of Chromium's bytes.
var inv = CultureInfo.InvariantCulture;
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: PORTAL_URL /reports/BODY/YEAR [iterations]");
    return 2;
}
var baseUrl = args[0].TrimEnd('/');
var page = args[1];
var iterations = args.Length > 2 ? int.Parse(args[2], inv) : 20;
var fonts = Environment.GetEnvironmentVariable("Pdf__FontDirectory")
            ?? throw new InvalidOperationException("set Pdf__FontDirectory to the repository's fonts/");

// The portal's renderer, fed as its --render-pdf command feeds it: the report's open-data JSON.
using var http = new HttpClient();
http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
var parsed = ReportJson.Parse(await http.GetStringAsync($"{baseUrl}{page}.json"));
if (!parsed.Succeeded) throw new InvalidOperationException(string.Join("; ", parsed.Errors.Select(e => e.Message)));
var doc = parsed.Document!;
var revision = doc.Revision ?? throw new InvalidOperationException("the JSON carries no published revision");
var report = new PdfReport(doc.Body.Name, doc.Year, doc.Data, revision.Number, revision.PublishedAt,
    VerificationCode.For(doc), IsDraft: false);
var renderer = new ReportPdfRenderer(fonts);
var official = renderer.Render(report);
for (var i = 0; i < 50; i++) renderer.Render(report);
var portalMs = Median(Enumerable.Range(0, Math.Max(iterations * 10, 200)).Select(_ => Time(() => renderer.Render(report))));

// Chromium's print of the public page, with the same Noto Serif SC available to it (fontconfig), warm.
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    Env = BrowserEnvironment(fonts),
});
var context = await browser.NewContextAsync(new() { ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" } });
var tab = await context.NewPageAsync();
byte[] printed = [];
async Task<double> PrintAsync()
{
    var t = Stopwatch.GetTimestamp();
    await tab.GotoAsync(baseUrl + page, new() { WaitUntil = WaitUntilState.Load });
    printed = await tab.PdfAsync(new() { Format = "A4", PrintBackground = true });
    return Stopwatch.GetElapsedTime(t).TotalMilliseconds;
}
for (var i = 0; i < 3; i++) await PrintAsync();
var samples = new List<double>();
for (var i = 0; i < iterations; i++) samples.Add(await PrintAsync());
var chromiumMs = Median(samples);

// BENCH_PDF_OUT=DIR keeps both files, to check that both show the same report (pdffonts, pdftoppm).
if (Environment.GetEnvironmentVariable("BENCH_PDF_OUT") is { Length: > 0 } outDir)
{
    Directory.CreateDirectory(outDir);
    File.WriteAllBytes(Path.Combine(outDir, "official.pdf"), official);
    File.WriteAllBytes(Path.Combine(outDir, "chromium.pdf"), printed);
}
var speed = chromiumMs / portalMs;
var bytes = (double)official.Length / printed.Length;
Console.WriteLine(string.Create(inv, $"official PDF {portalMs:F2} ms, {official.Length / 1024.0:F1} KB; Chromium print {chromiumMs:F1} ms, {printed.Length / 1024.0:F1} KB ({page}, medians)"));
Console.WriteLine(string.Create(inv, $"RESULT official-pdf-speed   {speed:F0}× faster than Chromium (budget ≥ 50×) {(speed >= 50 ? "MET" : "NOT MET")}"));
Console.WriteLine(string.Create(inv, $"RESULT official-pdf-bytes   {bytes:P0} of Chromium's bytes (budget ≤ 33 %) {(bytes <= 1 / 3.0 ? "MET" : "NOT MET")}"));
return 0;

static double Time(Action action)
{
    var t = Stopwatch.GetTimestamp();
    action();
    return Stopwatch.GetElapsedTime(t).TotalMilliseconds;
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted[sorted.Length / 2];
}

// Playwright's Env replaces the browser's environment: the process's own, plus a fontconfig file adding fonts/.
static Dictionary<string, string> BrowserEnvironment(string fonts)
{
    var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
        .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
    var dir = Path.Combine(Path.GetTempPath(), $"dp-bench-fontconfig-{Environment.ProcessId}");
    Directory.CreateDirectory(dir);
    var config = Path.Combine(dir, "fonts.conf");
    File.WriteAllText(config, $"""
        <?xml version="1.0"?>
        <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
        <fontconfig>
          <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
          <dir>{System.Security.SecurityElement.Escape(fonts)}</dir>
          <cachedir>{System.Security.SecurityElement.Escape(Path.Combine(dir, "cache"))}</cachedir>
        </fontconfig>
        """);
    env["FONTCONFIG_FILE"] = config;
    return env;
}
