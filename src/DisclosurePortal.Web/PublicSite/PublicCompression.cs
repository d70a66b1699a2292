using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace DisclosurePortal.Web.PublicSite;

/// <summary>
/// Compression of the public pages and open data for anonymous readers, and of nothing else (issue 6).
/// Compressing a response that holds a secret next to text an attacker can choose leaks the secret over HTTPS
/// (BREACH); the clerk's and reviewer's pages hold the antiforgery token next to what the user typed, so they are
/// never compressed. An anonymous public page holds no secret: the layout renders no form (hence no antiforgery
/// token) for a visitor who is not signed in, and such a page is the same for everyone — the output cache serves it
/// to anyone. The middleware runs inside the output cache (Program.cs: after UseOutputCache), so a page is
/// compressed once when its entry is made and the compressed bytes are what the cache keeps and serves; the cache
/// key carries the encoding chosen (<see cref="EncodingOf"/>), so a client is never sent an encoding it did not ask for.
/// </summary>
public static class PublicCompression
{
    public static IServiceCollection AddPublicCompression(this IServiceCollection services) =>
        services.AddSingleton<EncodingChoice>().AddResponseCompression(o =>
        {
            // Safe here only because UsePublicCompression limits it to anonymous public responses (see above).
            o.EnableForHttps = true;
            // Brotli at quality 2 first (every browser asks for it over HTTPS), gzip at its fastest for the rest.
            // A page is compressed once per output-cache entry and then served as is, but every cache miss pays it.
            // On the report page (71 KB of HTML), bench/public/compression: gzip fastest 9.9 KB in ~75 µs; Brotli
            // quality 2 7.2 KB in ~120 µs; quality 4 (the "optimal" level) 6.7 KB in ~210 µs, which took the
            // uncached page's p99 from 24–27 to 37–40 ms (target 50) for half a kilobyte. Qualities 0 and 1 (the
            // "fastest" level) compress each write on its own: the page reaches the compressor in several writes
            // and came out at 9.4 KB, no better than gzip.
            o.Providers.Add<BrotliQuality2Provider>();
            o.Providers.Add<GzipCompressionProvider>();
        })
        .Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);

    /// <summary>Compresses the response when the endpoint is a public (output-cached) one and the reader is anonymous.</summary>
    public static WebApplication UsePublicCompression(this WebApplication app)
    {
        app.UseWhen(IsPublicAndAnonymous, b => b.UseResponseCompression());
        return app;
    }

    /// <summary>
    /// The encoding the middleware will use for this request ("br", "gzip", or "" for none): the output cache varies
    /// by it, so at most three entries per page, whatever the browsers' many spellings of Accept-Encoding.
    /// </summary>
    public static string EncodingOf(HttpContext http) =>
        IsPublicAndAnonymous(http) ? http.RequestServices.GetRequiredService<EncodingChoice>().For(http) : "";

    /// <summary>
    /// The middleware's choice, remembered per Accept-Encoding value. The output cache asks on every hit, and parsing
    /// the header's list with its q-values each time was ~1.5 µs of the ~30 µs a cached page costs the portal (perf
    /// of bench/public). Browsers send a handful of spellings; past <see cref="Remembered"/> of them (anyone can send
    /// any header) the choice is still made, just not kept.
    /// </summary>
    internal sealed class EncodingChoice(IResponseCompressionProvider provider)
    {
        internal const int Remembered = 64;

        private readonly ConcurrentDictionary<(bool Https, string Accept), string> _byAcceptEncoding = new();

        internal int Count => _byAcceptEncoding.Count;

        public string For(HttpContext http)
        {
            var request = http.Request;
            // Only the header's value is remembered: a range request, or a header sent twice, is asked of the middleware.
            if (request.Headers.ContainsKey(HeaderNames.Range) || request.Headers.AcceptEncoding.Count > 1) return Choose(http);
            var key = (request.IsHttps, request.Headers.AcceptEncoding.ToString());
            if (_byAcceptEncoding.TryGetValue(key, out var known)) return known;
            var chosen = Choose(http);
            if (_byAcceptEncoding.Count < Remembered) _byAcceptEncoding.TryAdd(key, chosen);
            return chosen;
        }

        private string Choose(HttpContext http) =>
            provider.CheckRequestAcceptsCompression(http) ? provider.GetCompressionProvider(http)?.EncodingName ?? "" : "";
    }

    /// <summary>Brotli at quality 2, which <see cref="BrotliCompressionProviderOptions"/> cannot name (see above).</summary>
    private sealed class BrotliQuality2Provider : ICompressionProvider
    {
        public string EncodingName => "br";

        public bool SupportsFlush => true;

        public Stream CreateStream(Stream outputStream) =>
            new BrotliStream(outputStream, new BrotliCompressionOptions { Quality = 2 }, leaveOpen: true);
    }

    private static bool IsPublicAndAnonymous(HttpContext http) =>
        http.User.Identity?.IsAuthenticated != true
        && http.GetEndpoint()?.Metadata is { } metadata
        && (metadata.GetMetadata<OutputCacheAttribute>() is not null || metadata.GetMetadata<IOutputCachePolicy>() is not null);
}
