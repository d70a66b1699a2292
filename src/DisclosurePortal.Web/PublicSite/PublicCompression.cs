using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;

namespace DisclosurePortal.Web.PublicSite;

/// <summary>
/// Compression of the public pages and open data for anonymous readers, and of nothing else.
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
            // Brotli at quality 2 first (every browser asks for it over HTTPS), gzip at its fastest for the rest: a page
            // is compressed once per output-cache entry, and qualities 0 and 1 compress each write on its own.
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
        IsPublicAndAnonymous(http)
        && http.RequestServices.GetRequiredService<IResponseCompressionProvider>() is var provider
        && provider.CheckRequestAcceptsCompression(http)
            ? provider.GetCompressionProvider(http)?.EncodingName ?? "" : "";

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
