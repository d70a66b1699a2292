using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;

// The public pages are compressed once per output-cache entry (src/DisclosurePortal.Web/PublicSite/PublicCompression.cs),
// so every cache miss pays the compressor. This measures each candidate on a page as served (its HTML, fetched by
// bench/public/run.sh), written to the compressor in one piece and in the 16 KB and 4 KB pieces a streamed response
// can arrive in: Brotli's qualities 0 and 1 compress each write on its own, the others do not.
//   dotnet run -c Release --project bench/public/compression -- PAGE.html
if (args.Length != 1) throw new ArgumentException("usage: PAGE.html");
var page = File.ReadAllBytes(args[0]);
Console.WriteLine($"page {args[0]}: {page.Length:N0} B; median of 9 batches of 100, one thread");
Console.WriteLine($"  {"compressor",-24} {"one write",19} {"16 KB writes",19} {"4 KB writes",19}");
Row("gzip, fastest (level 1)", s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true));
Row("gzip, optimal (level 6)", s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true));
for (var q = 0; q <= 5; q++)
{
    var quality = q;
    var name = q switch { 1 => "Brotli 1 (fastest)", 4 => "Brotli 4 (optimal)", _ => $"Brotli {q}" };
    Row(name, s => new BrotliStream(s, new BrotliCompressionOptions { Quality = quality }, leaveOpen: true));
}

void Row(string name, Func<Stream, Stream> compressor) =>
    Console.WriteLine($"  {name,-24} {Cell(compressor, page.Length),19} {Cell(compressor, 16 * 1024),19} {Cell(compressor, 4 * 1024),19}");

string Cell(Func<Stream, Stream> compressor, int piece)
{
    var output = new MemoryStream(page.Length);
    void Once()
    {
        output.SetLength(0);
        using var s = compressor(output);
        for (var at = 0; at < page.Length; at += piece) s.Write(page, at, Math.Min(piece, page.Length - at));
    }
    for (var i = 0; i < 30; i++) Once(); // JIT and the native encoder warmed up
    var batches = new double[9];
    for (var b = 0; b < batches.Length; b++)
    {
        var t = Stopwatch.GetTimestamp();
        for (var i = 0; i < 100; i++) Once();
        batches[b] = Stopwatch.GetElapsedTime(t).TotalMicroseconds / 100;
    }
    Array.Sort(batches);
    return string.Create(CultureInfo.InvariantCulture, $"{output.Length / 1024.0,5:0.0} KB {batches[4],6:0} µs");
}
