using System.Diagnostics;
using System.Globalization;

namespace DisclosurePortal.Web.Diagnostics;

/// <summary>
/// Adds <c>Server-Timing: app;dur=…</c> (W3C Server Timing) to every response: the milliseconds from the request
/// entering the pipeline to its headers leaving. The clerk-entry benchmark (bench/clerk) reads it to report
/// server time apart from the network and the client. Off unless <c>ServerTiming:Enabled</c> is true, so a
/// deployment shows it only when its operators choose to.
/// </summary>
public static class ServerTiming
{
    public const string Header = "Server-Timing";

    public static IApplicationBuilder UseServerTiming(this IApplicationBuilder app, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>("ServerTiming:Enabled")) return app;
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            context.Response.OnStarting(() =>
            {
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                context.Response.Headers.Append(Header, "app;dur=" + ms.ToString("0.###", CultureInfo.InvariantCulture));
                return Task.CompletedTask;
            });
            await next(context);
        });
    }
}
