using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace DisclosurePortal.Web.PublicSite;

/// <summary>
/// 报告体检 reads a whole report per request, for anyone: each client address gets a few checks a minute (posts only;
/// reading the form costs nothing), and a refusal says so in Chinese, as a page or, for the API, as a problem.
/// </summary>
public sealed class CheckRateLimit(int permitsPerMinute) : IRateLimiterPolicy<string>
{
    public const string Name = "check";

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => HttpMethods.IsPost(httpContext.Request.Method)
        ? RateLimitPartition.GetFixedWindowLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
        : RateLimitPartition.GetNoLimiter("read");

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => Reject;

    private const string Message = "体检请求过于频繁，请一分钟后再试";

    private static async ValueTask Reject(OnRejectedContext ctx, CancellationToken ct)
    {
        var http = ctx.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = "60";
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await TypedResults.Problem(Message, statusCode: StatusCodes.Status429TooManyRequests, title: "请求过于频繁").ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Message}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main><h1>{Message}</h1><p><a href="/check">返回报告体检</a></p></main></body></html>
            """, ct);
    }

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Check:PermitsPerMinute", 20);
        services.AddRateLimiter(o => o.AddPolicy(Name, new CheckRateLimit(permits)));
    }
}
