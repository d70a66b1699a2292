using System.Security.Claims;
using System.Text.Encodings.Web;
using DisclosurePortal.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// Authenticates a test request as the user named in the X-Test-User header ("id|name|role|bodyId").
/// Only who-is-signed-in is replaced; the app's authorization policies and body checks run as in production.
/// Real sign-in through the login page is tested separately.
/// </summary>
public sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string Header = "X-Test-User";

    /// <summary>
    /// Makes this scheme the one that authenticates and challenges (the app's Identity cookie sets its own
    /// defaults, which would otherwise win); an anonymous request is then answered 401.
    /// </summary>
    public static void Register(IServiceCollection services)
    {
        services.AddAuthentication(SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(SchemeName, null);
        services.PostConfigure<AuthenticationOptions>(o =>
        {
            o.DefaultScheme = SchemeName;
            o.DefaultAuthenticateScheme = SchemeName;
            o.DefaultChallengeScheme = SchemeName;
            o.DefaultForbidScheme = SchemeName;
        });
    }

    public static string Clerk(string id, int bodyId, string name = "测试填报员") => $"{id}|{name}|{ClerkAccess.Role}|{bodyId}";

    public static string Reviewer(string id, int regionId, string name = "测试审核员") =>
        $"{id}|{Uri.EscapeDataString(name)}|{ReviewerAccess.Role}||{regionId}";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var value)) return Task.FromResult(AuthenticateResult.NoResult());
        var parts = value.ToString().Split('|');
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, parts[0]),
            new(ClaimTypes.Name, parts[0]),
            new(ClerkAccess.NameClaim, Uri.UnescapeDataString(parts[1])),
            new(ClaimTypes.Role, parts[2]),
        };
        if (parts.Length > 3 && parts[3].Length > 0) claims.Add(new Claim(ClerkAccess.BodyClaim, parts[3]));
        if (parts.Length > 4 && parts[4].Length > 0) claims.Add(new Claim(ReviewerAccess.RegionClaim, parts[4]));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
