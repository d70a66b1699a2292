using System.Net;
using System.Text.RegularExpressions;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.TestSupport;
using DisclosurePortal.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DisclosurePortal.Web.Tests;

/// <summary>Each response header and cookie attribute, in the test setting (HTTP) and in Production (HTTPS).</summary>
[Collection(WebTests.Name)]
public sealed partial class SecurityHeadersTests : IDisposable
{
    private readonly PortalFactory _factory;

    public SecurityHeadersTests(PostgresFixture pg) => _factory = new PortalFactory(pg.CreateDatabase());

    public void Dispose() => _factory.Dispose();

    private static string Header(HttpResponseMessage response, string name) =>
        string.Join(", ", response.Headers.TryGetValues(name, out var v) ? v : []);

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/css/site.css")]
    [InlineData("/reports/none/2024")]
    [InlineData("/healthz")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await _factory.CreateClient().GetAsync(new Uri(path, UriKind.Relative));

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        // HSTS only in Production and over HTTPS: a browser that saw it on localhost would refuse plain HTTP there.
        Assert.Empty(Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Session_and_antiforgery_cookies_are_HttpOnly_and_SameSite_and_not_Secure_over_plain_HTTP_in_tests()
    {
        await _factory.CreateUserAsync("clerk-cookie", PortalAuth.Administrator);
        var client = _factory.Browser();

        var form = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));
        var antiforgery = Cookie(form, SecurityHeaders.AntiforgeryCookie);
        var session = Cookie(await client.SignInAsync("clerk-cookie"), "dp.session");

        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", antiforgery.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
    }

    private static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Single(c => c.StartsWith(name + "=", StringComparison.Ordinal))
            : throw new Xunit.Sdk.XunitException($"no Set-Cookie on {response.RequestMessage?.RequestUri}");

    private WebApplicationFactory<Program> Production() => _factory.WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Production");
        b.UseSetting("HTTPS_PORT", "443");
    });

    private static HttpClient Https(WebApplicationFactory<Program> app) => app.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://portal.example.gov.cn"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    [Fact]
    public async Task In_Production_HTTPS_answers_carry_HSTS_and_every_cookie_is_Secure()
    {
        await _factory.CreateUserAsync("admin-prod", PortalAuth.Administrator);
        using var app = Production();
        var client = Https(app);

        var form = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));
        var signIn = await client.SignInAsync("admin-prod");

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("max-age=31536000", Header(form, "Strict-Transport-Security"));
        Assert.Contains("frame-ancestors 'none'", Header(form, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        foreach (var cookie in new[] { Cookie(form, SecurityHeaders.AntiforgeryCookie), Cookie(signIn, "dp.session") })
        {
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("samesite=strict", Cookie(form, SecurityHeaders.AntiforgeryCookie), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", Cookie(signIn, "dp.session"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task In_Production_plain_HTTP_is_redirected_to_HTTPS_except_the_health_probes()
    {
        using var app = Production();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("http://portal.example.gov.cn"),
            AllowAutoRedirect = false,
        });

        var page = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, page.StatusCode);
        Assert.Equal("https://portal.example.gov.cn/Account/Login", page.Headers.Location?.ToString());
        Assert.Empty(Header(page, "Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
    }

    /// <summary>
    /// The CSP allows no inline script, handler or style attribute; a page that had one would break in the browser
    /// (the entry form's JavaScript above all), so the sources are kept free of them.
    /// </summary>
    [Fact]
    public void No_page_has_an_inline_script_an_event_handler_attribute_or_a_style_attribute()
    {
        var web = Path.Combine(RepoRoot(), "src", "DisclosurePortal.Web");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(web, "Pages"), "*.cshtml", SearchOption.AllDirectories)
                     .Concat(Directory.EnumerateFiles(Path.Combine(web, "wwwroot", "js"), "*.js"))
                     .Concat(Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal))))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in InlineScript().Matches(text)) offenders.Add($"{file}: {m.Value}");
            foreach (Match m in HandlerOrStyleAttribute().Matches(text)) offenders.Add($"{file}: {m.Value}");
        }
        Assert.Empty(offenders);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DisclosurePortal.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }

    // A <script> without src, i.e. with code inline.
    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<[a-z][^>]*\\s(on[a-z]+|style)\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex HandlerOrStyleAttribute();
}
