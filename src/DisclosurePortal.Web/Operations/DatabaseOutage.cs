using Npgsql;

namespace DisclosurePortal.Web.Operations;

/// <summary>
/// When PostgreSQL is down or restarting, a request that needs it gets a friendly 503 page with Retry-After
/// instead of the generic error page; the same request succeeds once the database is back.
/// </summary>
public sealed class DatabaseOutage(RequestDelegate next, ILogger<DatabaseOutage> logger)
{
    /// <summary>Seconds a browser or client should wait before trying again (Retry-After).</summary>
    public const int RetryAfterSeconds = 10;

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception ex) when (IsDatabaseUnavailable(ex) && !http.Response.HasStarted)
        {
            // Pooled connections died with the server and would each fail one more request after it returns;
            // dropping them now lets the first requests after a restart succeed (recovery within 5 s).
            NpgsqlConnection.ClearAllPools();
            logger.LogWarning("Database unavailable ({Error}); answered 503", ex.GetBaseException().Message);
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.Headers.CacheControl = "no-store";
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(Page, http.RequestAborted);
        }
    }

    /// <summary>
    /// True when the exception (or one it wraps, e.g. EF Core's DbUpdateException) says the database cannot be
    /// reached: a failed or broken connection, or the server shutting down, starting or out of connections
    /// (SQLSTATE classes 08, 53 and 57P). A constraint or query error is a bug and stays a 500.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || pg.SqlState.StartsWith("57P", StringComparison.Ordinal);
                case NpgsqlException:
                    return true;
            }
        }
        return false;
    }

    private static readonly string Page = $"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>系统维护中，请稍后再试 - 政府信息公开工作年度报告平台</title>
        <link rel="stylesheet" href="/css/site.css"></head>
        <body><main id="main"><h1>系统暂时无法提供服务</h1>
        <p>平台的数据库暂时无法访问，可能正在维护或重新启动。您已保存的内容不受影响。</p>
        <p>请约 {RetryAfterSeconds} 秒后刷新本页面重试。如刚才正在提交表单，请在恢复后返回上一页重新提交。</p>
        <p><a href="/">返回首页</a></p></main></body></html>
        """;
}

public static class DatabaseOutageExtensions
{
    public static IApplicationBuilder UseDatabaseOutagePage(this IApplicationBuilder app) => app.UseMiddleware<DatabaseOutage>();
}
