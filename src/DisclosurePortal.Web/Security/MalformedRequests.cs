using DisclosurePortal.Domain;
using Microsoft.AspNetCore.Diagnostics;

namespace DisclosurePortal.Web.Security;

/// <summary>
/// Refuses, before any page or endpoint runs, an address no link of the portal produces: a control character
/// (NUL, TAB, CR, LF) in the path is a 400, a route value of only whitespace a 404. PostgreSQL refuses NUL in
/// text outright, and a blank code names nothing; either way the friendly status page answers. Query values are
/// the pages' own to check (a search for a NUL simply finds nothing).
/// </summary>
public static class MalformedRequests
{
    /// <summary>After UseRouting, so the route values are known; the re-executed status page is let through.</summary>
    public static WebApplication UseMalformedRequestRefusal(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            if (http.Features.Get<IStatusCodeReExecuteFeature>() is not null) return next(http);
            if (VisibleText.HasControl(http.Request.Path.Value))
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return Task.CompletedTask;
            }
            if (http.Request.RouteValues.Any(r => r.Value is string s && (VisibleText.HasControl(s) || IsBlank(s))))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(http);
        });
        return app;
    }

    /// <summary>Whitespace of any script (U+3000 ideographic space too), which no code consists of.</summary>
    private static bool IsBlank(string value) => value.All(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
