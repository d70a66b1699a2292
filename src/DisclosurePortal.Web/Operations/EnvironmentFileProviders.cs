using Microsoft.Extensions.FileProviders;

namespace DisclosurePortal.Web.Operations;

/// <summary>
/// Releases the file watchers of the host's web root and content root when the application stops.
/// </summary>
/// <remarks>
/// The host creates a <see cref="PhysicalFileProvider"/> for each root but never disposes it, and the first
/// <c>asp-append-version</c> link makes the one of wwwroot watch its files: one inotify instance that outlives the
/// host. A single portal per process never notices; a test process starts hundreds of hosts, and Linux allows 128
/// inotify instances per user by default — past that, a page with a versioned asset link answers 500 (this is what
/// failed a browser test's sign-in in CI while the web tests ran beside it).
/// </remarks>
public static class EnvironmentFileProviders
{
    public static WebApplication DisposeFileProvidersOnStop(this WebApplication app)
    {
        var environment = app.Environment;
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            Dispose(environment.WebRootFileProvider);
            Dispose(environment.ContentRootFileProvider);
        });
        return app;
    }

    private static void Dispose(IFileProvider? provider)
    {
        switch (provider)
        {
            case CompositeFileProvider composite:
                foreach (var inner in composite.FileProviders) Dispose(inner);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
