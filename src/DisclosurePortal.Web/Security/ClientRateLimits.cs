using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace DisclosurePortal.Web.Security;

/// <summary>How many requests one client address may make in a window (a token bucket refilled in tenths of it).</summary>
public sealed class ClientLimit
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; }
}

/// <summary>
/// Limits per client address of the public reads a scraper repeats (configuration section <c>RateLimits</c>); the
/// defaults, documented in docs/operations.md, are far above what a person clicking through the portal makes.
/// </summary>
public sealed class ClientRateLimitSettings
{
    /// <summary>Searches of the home page (a query in <c>q</c>).</summary>
    public ClientLimit Search { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };
    /// <summary>Bulk CSV/XLSX downloads and the reviewers' zip of PDFs.</summary>
    public ClientLimit Downloads { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(10) };
    /// <summary>Every request under /api/v1.</summary>
    public ClientLimit Api { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };
    /// <summary>报告体检 (posts to /check and /api/v1/check): each reads a whole report.</summary>
    public ClientLimit Check { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };
}

public static class ClientRateLimits
{
    public const string Search = "search";
    public const string Downloads = "downloads";
    public const string Api = "api";
    public const string Check = "check";

    /// <summary>
    /// The limits of <see cref="ClientRateLimitSettings"/>, partitioned by the connection's address as the trusted
    /// proxies resolved it (Security/TrustedProxies.cs), and the one answer to every refused request: 429 with
    /// Retry-After and a short Chinese message (problem+json for the API).
    /// </summary>
    public static IServiceCollection AddClientRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimits").Get<ClientRateLimitSettings>() ?? new ClientRateLimitSettings();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The home page without a query is not a search: browsing it is never limited.
            o.AddPolicy(Search, http => string.IsNullOrWhiteSpace(http.Request.Query["q"])
                ? RateLimitPartition.GetNoLimiter("browse")
                : PerAddress(http, Search, settings.Search));
            o.AddPolicy(Downloads, http => PerAddress(http, Downloads, settings.Downloads));
            o.AddPolicy(Api, http => PerAddress(http, Api, settings.Api));
            // Opening the check page costs nothing: only a check (a post) counts.
            o.AddPolicy(Check, http => HttpMethods.IsPost(http.Request.Method)
                ? PerAddress(http, Check, settings.Check)
                : RateLimitPartition.GetNoLimiter("read"));
            o.OnRejected = async (ctx, ct) =>
            {
                var http = ctx.HttpContext;
                var retryAfter = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                if (policy == Accounts.AccountsSetup.SignInRateLimit)
                {
                    http.Response.ContentType = "text/html; charset=utf-8";
                    await http.Response.WriteAsync(Accounts.AccountsSetup.TooManyRequestsPage, ct);
                    return;
                }
                var detail = $"来自同一网络地址的请求过于频繁，请 {seconds} 秒后再试。";
                await (http.Request.Path.StartsWithSegments("/api")
                        ? TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "请求过于频繁")
                        : Results.Content(Page(detail), "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status429TooManyRequests))
                    .ExecuteAsync(http);
            };
        });
        return services;
    }

    // Shared across instances through Redis when configured (a window, counted there); else a token bucket here.
    private static RateLimitPartition<string> PerAddress(HttpContext http, string policy, ClientLimit limit) =>
        SharedWindowLimiter.Partition(http, policy, http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            limit.PermitLimit, limit.Window, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = limit.PermitLimit,
                // Refilled in tenths of the window: a scraper is held to the average rate, a person's burst passes.
                ReplenishmentPeriod = limit.Window / 10,
                TokensPerPeriod = Math.Max(1, limit.PermitLimit / 10),
                QueueLimit = 0,
            }));

    private static string Page(string detail) => $"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>请求过于频繁</title><link rel="stylesheet" href="/css/site.css"></head>
        <body><main><h1>请求过于频繁</h1><p>{detail}</p><p><a href="/">返回首页</a></p></main></body></html>
        """;
}
