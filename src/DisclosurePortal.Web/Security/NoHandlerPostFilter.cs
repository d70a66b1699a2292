using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace DisclosurePortal.Web.Security;

/// <summary>
/// A POST (or PUT, DELETE…) to a page that has no handler for it is answered 405 Method Not Allowed. Without
/// this, Razor Pages renders such a page without running its OnGet, so a model that OnGet would have loaded
/// is null: a crafted POST to a report page, its history or its preview was a 500, and the access-denied page
/// answered 200 (found by the authorization matrix, tests/DisclosurePortal.Web.Tests/Attack).
/// </summary>
public sealed class NoHandlerPostFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        // The error page re-executed by the exception handler keeps the failed request's method: let it render.
        var reExecuted = context.HttpContext.Features.Get<IExceptionHandlerFeature>() is not null
                         || context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        if (context.HandlerMethod is null && !reExecuted && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            var handlers = context.ActionDescriptor.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Distinct();
            context.HttpContext.Response.Headers.Allow = string.Join(", ", handlers.DefaultIfEmpty("GET"));
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return;
        }
        await next();
    }
}
