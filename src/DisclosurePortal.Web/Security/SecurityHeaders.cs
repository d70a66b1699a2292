using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace DisclosurePortal.Web.Security;

/// <summary>
/// Browser-side hardening: response headers on every answer, the antiforgery and TempData
/// cookies' attributes (the session cookie's are set in Accounts/AccountsSetup.cs), and HTTPS in Production.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts, styles and everything else from this origin only: no inline script or style attribute, so an
    /// injected <c>&lt;script&gt;</c> or <c>onerror=</c> does not run. The pages keep their JavaScript in
    /// wwwroot/js and their styles in wwwroot/css for this reason. frame-ancestors stops clickjacking.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// An uploaded file shown inside the portal's own preview (a web page a body published): framed by the portal
    /// only, and in a sandbox — no script, no form, no same-origin access — whatever the file holds.
    /// </summary>
    public const string SandboxedFramePolicy = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

    /// <summary>A PDF shown inside the portal's preview: framed by the portal only (Chromium's viewer needs no sandbox).</summary>
    public const string FramedPdfPolicy = "default-src 'none'; frame-ancestors 'self'";

    private const string FramePolicyItem = "dp.frame-policy";

    /// <summary>Lets this one response be framed by the portal under <paramref name="policy"/> instead of the site's policy.</summary>
    public static void AllowFramingBySelf(HttpContext http, string policy) => http.Items[FramePolicyItem] = policy;

    /// <summary>A clerk's or reviewer's URLs (report ids) do not leak to other sites through links.</summary>
    public const string ReferrerPolicy = "same-origin";

    public const string AntiforgeryCookie = "dp.antiforgery";
    public const string TempDataCookie = "dp.tempdata";

    public static IServiceCollection AddPortalHardening(this IServiceCollection services, IHostEnvironment environment)
    {
        // Development and the tests run over plain HTTP; anywhere else cookies never leave TLS (as the session's).
        var secure = environment.IsDevelopment() || environment.IsEnvironment("Testing")
            ? CookieSecurePolicy.SameAsRequest
            : CookieSecurePolicy.Always;
        services.Configure<AntiforgeryOptions>(o =>
        {
            o.Cookie.Name = AntiforgeryCookie;
            o.Cookie.HttpOnly = true;
            // Forms are only ever posted from the portal's own pages.
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
        });
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = TempDataCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
        });
        services.AddHsts(o =>
        {
            // A year: the portal is HTTPS-only for good; subdomains of a government domain are not ours to bind.
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
        return services;
    }

    /// <summary>
    /// Adds the headers to every response (also error, 503 and cached pages: they are set as the response starts),
    /// and in Production HSTS and the redirect to HTTPS. The health probes stay reachable over plain HTTP from
    /// inside the deployment.
    /// </summary>
    public static WebApplication UsePortalHardening(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                var framed = http.Items[FramePolicyItem] as string;
                headers.ContentSecurityPolicy = framed ?? ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = ReferrerPolicy;
                // For browsers older than CSP level 2's frame-ancestors.
                headers.XFrameOptions = framed is null ? "DENY" : "SAMEORIGIN";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                return Task.CompletedTask;
            });
            return next(http);
        });
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            app.UseWhen(http => !Operations.OperationsSetup.IsProbe(http), b => b.UseHttpsRedirection());
        }
        return app;
    }
}
