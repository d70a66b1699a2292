using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;

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
        services.AddResponseCompression(o =>
        {
            // Safe here only because UsePublicCompression limits it to anonymous public responses (see above).
            o.EnableForHttps = true;
            // Brotli at its "optimal" level first (every browser asks for it over HTTPS), gzip at its fastest for
            // the rest. On the report page (71 KB of HTML): Brotli optimal 6.7 KB in ~0.23 ms, gzip fastest 9.9 KB
            // in ~0.06 ms. A page is compressed once per output-cache entry and then served to every reader as is,
            // so a reader on a phone or a slow county link gets a third fewer bytes, for ~0.13 ms more of CPU per
            // cache miss (bench/public: uncached p99 37.7 ms, target 50). Serving the cached page at 64
            // connections, the portal used 0.8 of the two cores against 1.3 for /healthz (perf): what limits it is
            // the kernel and the client moving the bytes, not the portal.
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        })
        .Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal)
        .Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);

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
    public static string EncodingOf(HttpContext http)
    {
        if (!IsPublicAndAnonymous(http)) return "";
        var provider = http.RequestServices.GetRequiredService<IResponseCompressionProvider>();
        return provider.CheckRequestAcceptsCompression(http) ? provider.GetCompressionProvider(http)?.EncodingName ?? "" : "";
    }

    private static bool IsPublicAndAnonymous(HttpContext http) =>
        http.User.Identity?.IsAuthenticated != true
        && http.GetEndpoint()?.Metadata is { } metadata
        && (metadata.GetMetadata<OutputCacheAttribute>() is not null || metadata.GetMetadata<IOutputCachePolicy>() is not null);
}
