using System.Net;
using DisclosurePortal.TestSupport;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// A stopped portal gives back its file watchers (Operations/EnvironmentFileProviders.cs). Linux allows 128 inotify
/// instances per user by default, and the test suites start hundreds of portals: before the fix every host that had
/// rendered a page kept one, and pages began to answer 500 once the web and browser tests together passed the limit.
/// </summary>
[Collection(WebTests.Name)]
public sealed class HostResourcesTests(PostgresFixture pg)
{
    private static int InotifyInstances() => new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
        .Count(fd => fd.LinkTarget == "anon_inode:inotify");

    [Fact]
    public async Task Portals_that_rendered_a_page_with_versioned_assets_leave_no_file_watcher_behind_when_disposed()
    {
        var connectionString = pg.CreateDatabase();
        var before = InotifyInstances();

        for (var i = 0; i < 8; i++)
        {
            using var factory = new PortalFactory(connectionString);
            var response = await factory.CreateClient().GetAsync(new Uri("/Account/Login", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("css/site.css?v=", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A watcher's descriptor is closed by its reader thread after the dispose: give it a moment.
        var after = InotifyInstances();
        for (var wait = 0; wait < 50 && after > before + 1; wait++)
        {
            await Task.Delay(100);
            after = InotifyInstances();
        }
        Assert.True(after <= before + 1, $"{after - before} inotify instances left behind by 8 stopped portals");
    }
}
