using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DisclosurePortal.Web.Accounts;

/// <summary>Settings of the accounts (configuration section <c>Accounts</c>); the defaults are documented in docs/operations.md.</summary>
public sealed class AccountSettings
{
    /// <summary>A session without a request for this long ends (idle timeout).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>A session ends this long after the password was checked, however active it is.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);
    /// <summary>How often the cookie's claims (roles, body, region) are rebuilt from the account.</summary>
    public TimeSpan SecurityStampValidationInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Sign-in attempts allowed per client IP and minute.</summary>
    public int SignInPermitsPerMinute { get; set; } = 10;
}

public static class AccountsSetup
{
    public const string SignInRateLimit = "sign-in";
    /// <summary>The session cookie: a request carrying it reads from the primary (Operations/PublicReadReplica.cs).</summary>
    public const string SessionCookie = "dp.session";

    public static IServiceCollection AddPortalAccounts(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment)
    {
        var settings = configuration.GetSection("Accounts").Get<AccountSettings>() ?? new AccountSettings();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(settings);
        services.AddScoped<PortalSessions>();

        services.AddIdentity<PortalUser, IdentityRole>(o =>
            {
                // NIST SP 800-63B §5.1.1.2: length and a blocklist, no composition rules (PortalPasswordValidator).
                o.Password.RequiredLength = PortalPasswordValidator.MinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                // Lockout after 5 failures; 15 minutes slows guessing without a help-desk call. The sign-in page
                // answers a locked account exactly as an unknown name (PortalSignInManager), and --unlock lets
                // an administrator locked out by someone else's guessing back in.
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddDefaultTokenProviders();
        // Identity's composition validator would add English messages and rules NIST advises against.
        services.RemoveAll<IPasswordValidator<PortalUser>>();
        services.AddScoped<IPasswordValidator<PortalUser>, PortalPasswordValidator>();
        // Hashes and checks the normalised password, as the validator checks it.
        services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<PortalUser>, PortalPasswordHasher>());

        // OWASP Password Storage Cheat Sheet: PBKDF2-HMAC-SHA512 with at least 210,000 iterations.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);

        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = settings.SecurityStampValidationInterval;
            // Keep the original sign-in time, so the absolute lifetime is not reset by each refresh.
            o.OnRefreshingPrincipal = ctx =>
            {
                // and keep the session id, so the refreshed cookie still names the same session row.
                if (ctx.NewPrincipal?.Identity is not ClaimsIdentity identity) return Task.CompletedTask;
                foreach (var type in new[] { PortalAuth.SignedInAtClaim, PortalSessions.SessionIdClaim })
                {
                    if (ctx.CurrentPrincipal?.FindFirst(type) is not { } kept) continue;
                    foreach (var fresh in identity.FindAll(type).ToList()) identity.RemoveClaim(fresh);
                    identity.AddClaim(new Claim(type, kept.Value));
                }
                return Task.CompletedTask;
            };
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = SessionCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Development and the tests run over plain HTTP; anywhere else the cookie never leaves TLS.
            o.Cookie.SecurePolicy = environment.IsDevelopment() || environment.IsEnvironment("Testing")
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = settings.IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Events.OnValidatePrincipal = async ctx =>
            {
                var now = ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                var claim = ctx.Principal?.FindFirst(PortalAuth.SignedInAtClaim)?.Value;
                if (!long.TryParse(claim, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                    || now - DateTimeOffset.FromUnixTimeSeconds(seconds) > settings.AbsoluteLifetime)
                {
                    ctx.RejectPrincipal();
                    await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                // The server-side session: gone after sign-out, outdated by a disable, reset or role change.
                var sessions = ctx.HttpContext.RequestServices.GetRequiredService<PortalSessions>();
                if (PortalSessions.IdOf(ctx.Principal) is not { } session
                    || ctx.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId
                    || !await sessions.IsLiveAsync(session, userId, ctx.HttpContext.RequestAborted))
                {
                    ctx.RejectPrincipal();
                    await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                // The validator checks the stamp only once the interval has passed since the cookie was issued;
                // before that, skip resolving it (SignInManager, UserManager, a database context) on every request.
                if (ctx.Properties.IssuedUtc is { } issued && now - issued <= settings.SecurityStampValidationInterval) return;
                await SecurityStampValidator.ValidatePrincipalAsync(ctx);
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(PortalAuth.AdministratorPolicy, p => p.RequireRole(PortalAuth.Administrator));

        // The refusal (429, Retry-After, this page) is answered in one place for every limit: Security/ClientRateLimits.cs.
        services.AddRateLimiter(o =>
            // Only the password posts are limited: reading the sign-in form costs an attacker nothing.
            o.AddPolicy(SignInRateLimit, http => HttpMethods.IsPost(http.Request.Method)
                // Counted across instances when Redis is configured (Security/SharedRateLimits.cs).
                ? Security.SharedWindowLimiter.Partition(http, SignInRateLimit, http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    settings.SignInPermitsPerMinute, TimeSpan.FromMinutes(1), _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = settings.SignInPermitsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }))
                : RateLimitPartition.GetNoLimiter("read")));
        return services;
    }

    /// <summary>
    /// While an account must change the password an administrator set, every request but the change itself and
    /// sign-out is sent to 修改密码: the account is not its owner's alone until then.
    /// </summary>
    public static IApplicationBuilder UseForcedPasswordChange(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.User.HasClaim(c => c.Type == PortalAuth.MustChangePasswordClaim)
                && !http.Request.Path.StartsWithSegments(ChangePasswordPath, StringComparison.OrdinalIgnoreCase)
                && !http.Request.Path.StartsWithSegments("/Account/Logout", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.Redirect(ChangePasswordPath);
                return;
            }
            await next(http);
        });

    public const string ChangePasswordPath = "/Account/ChangePassword";

    internal static readonly string TooManyRequestsPage = $"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>登录尝试过于频繁</title></head>
        <body><main><h1>登录尝试过于频繁</h1>
        <p>为保护账户安全，同一网络地址每分钟只能尝试登录有限次数。请一分钟后再试。</p>
        <p><a href="/Account/Login">返回登录页</a></p></main></body></html>
        """;

    /// <summary>The actor of an admin change, written with the change (audit_log).</summary>
    public static AuditEntry Audit(this HttpContext http, string action, string entity, string? entityId, string? detail) =>
        new(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            http.User.FindFirstValue(ClaimTypes.NameIdentifier),
            http.User.Identity?.Name ?? "",
            action, entity, entityId, detail,
            ClientIp(http));

    /// <summary>The client's address as the trusted proxy saw it (Security/TrustedProxies.cs), IPv4 unmapped.</summary>
    public static string? ClientIp(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null;

}
