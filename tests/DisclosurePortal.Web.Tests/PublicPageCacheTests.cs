using System.IO.Compression;
using System.Net;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// How the public report page is cached and compressed: one output-cache entry per page
/// whatever the query string, none when the lifetime is zero, Brotli or gzip for anonymous
/// public responses (stored compressed) and never for a signed-in user's page or a form with an antiforgery token.
/// </summary>
[Collection(WebTests.Name)]
public sealed class PublicPageCacheTests : IDisposable
{
    private const string Page = "/reports/jinyun-jyj/2024";
    private const string Marker = "缓存之外改动的正文";
    private readonly PortalFactory _factory;
    private readonly PublicWorld _w;

    public PublicPageCacheTests(PostgresFixture pg)
    {
        _factory = new PortalFactory(pg.CreateDatabase());
        using var db = _factory.Db();
        _w = PublicWorld.Create(db);
    }

    public void Dispose() => _factory.Dispose();

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, string? encoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (encoding is not null) request.Headers.AcceptEncoding.ParseAdd(encoding);
        return await client.SendAsync(request);
    }

    private static async Task<string> TextOf(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var encoding = response.Content.Headers.ContentEncoding;
        if (encoding.Count == 0) return System.Text.Encoding.UTF8.GetString(bytes);
        await using Stream decoded = encoding.Single() switch
        {
            "gzip" => new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress),
            "br" => new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress),
            var other => throw new Xunit.Sdk.XunitException($"unexpected Content-Encoding {other}"),
        };
        using var reader = new StreamReader(decoded);
        return await reader.ReadToEndAsync();
    }

    private async Task ChangeProseBehindTheCacheAsync(PortalFactory factory)
    {
        await using var db = factory.Db();
        await db.Database.ExecuteSqlRawAsync(
            $"UPDATE report_revisions SET prose = jsonb_set(prose, '{{{{s6}}}}', '\"{Marker}\"') WHERE id = {{0}}",
            _w.CountyDept2024.Published!.Id);
    }

    [Fact]
    public async Task A_new_query_string_is_answered_from_the_report_pages_one_cache_entry()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, Page)).StatusCode);
        await ChangeProseBehindTheCacheAsync(_factory);

        foreach (var query in new[] { "?nocache=1", "?nocache=2&x=y", "?" + new string('a', 200) })
        {
            var response = await SendAsync(client, Page + query);
            Assert.True(response.Headers.Age is not null, $"{query} was not answered from the cache");
            Assert.DoesNotContain(Marker, await TextOf(response), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_a_lifetime_of_zero_every_request_renders_the_page_from_the_database()
    {
        using var uncached = new PortalFactory(_factory.ConnectionString,
            new Dictionary<string, string> { ["PublicCache:Lifetime"] = "0" });
        var client = uncached.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, Page)).StatusCode);
        await ChangeProseBehindTheCacheAsync(uncached);

        var response = await SendAsync(client, Page, "gzip, br");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Age);
        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains(Marker, await TextOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_public_page_is_compressed_as_the_client_accepts_and_the_cache_keeps_each_encoding_apart()
    {
        var client = _factory.CreateClient();
        // What a browser sends over HTTPS: Brotli, which makes the smallest page.
        var brotli = await SendAsync(client, Page, "gzip, deflate, br, zstd");
        Assert.Equal("br", Assert.Single(brotli.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", brotli.Headers.Vary);
        var html = await TextOf(brotli);
        Assert.Contains("<h1>", html, StringComparison.Ordinal);

        // A client without Brotli gets gzip, one that asked for no compression the plain page, and none of them
        // is ever sent bytes cached for another encoding.
        var gzipped = await SendAsync(client, Page, "gzip, deflate");
        Assert.Equal("gzip", Assert.Single(gzipped.Content.Headers.ContentEncoding));
        Assert.Equal(html, await TextOf(gzipped));
        var plain = await SendAsync(client, Page);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(html, await TextOf(plain));
        // Brotli earns its extra CPU per cache miss only by being clearly smaller than gzip.
        Assert.True(brotli.Content.Headers.ContentLength <= 0.85 * gzipped.Content.Headers.ContentLength,
            $"br {brotli.Content.Headers.ContentLength} B, gzip {gzipped.Content.Headers.ContentLength} B");
        foreach (var (accept, expected) in new[] { ("br", "br"), ("gzip", "gzip") })
        {
            var again = await SendAsync(client, Page, accept);
            Assert.NotNull(again.Headers.Age);
            Assert.Equal(expected, Assert.Single(again.Content.Headers.ContentEncoding));
            Assert.Equal(html, await TextOf(again));
        }
    }

    [Fact]
    public async Task Pages_with_an_antiforgery_token_or_a_users_name_are_never_compressed()
    {
        // BREACH: a secret (the form token) next to text an attacker can choose must not be compressed over HTTPS.
        await _factory.CreateUserAsync("clerk-gzip", PortalAuth.Clerk, bodyId: _w.World.CountyDept.Id);
        var anonymous = _factory.Browser();
        var login = await SendAsync(anonymous, "/Account/Login", "gzip");
        Assert.Contains("__RequestVerificationToken", await TextOf(login), StringComparison.Ordinal);
        Assert.Empty(login.Content.Headers.ContentEncoding);

        var signedIn = _factory.Browser();
        await signedIn.SignInAsync("clerk-gzip");
        foreach (var url in new[] { Page, "/", "/clerk" })
        {
            var response = await SendAsync(signedIn, url, "gzip");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("测试clerk-gzip", await TextOf(response), StringComparison.Ordinal);
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }
    }

    [Theory]
    [InlineData("/reports/jinyun-jyj/-2147483648")]
    [InlineData("/reports/jinyun-jyj/2147483647")]
    [InlineData("/reports/jinyun-jyj/2024/revisions/9")]
    [InlineData("/reports/no-such-body/2024")]
    public async Task A_report_page_that_does_not_exist_is_the_friendly_404(string url)
    {
        var response = await SendAsync(_factory.CreateClient(), url, "gzip");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("lang=\"zh-CN\"", await TextOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Versioned_static_assets_may_be_cached_for_a_year()
    {
        var html = await TextOf(await SendAsync(_factory.CreateClient(), Page));
        var css = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/css/site\\.css\\?v=[^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(css);
        var response = await SendAsync(_factory.CreateClient(), css);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.True(response.Headers.CacheControl?.Public);
    }
}
