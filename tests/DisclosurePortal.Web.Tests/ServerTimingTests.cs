using System.Globalization;
using DisclosurePortal.TestSupport;

namespace DisclosurePortal.Web.Tests;

[Collection(WebTests.Name)]
public sealed class ServerTimingTests(PostgresFixture pg)
{
    [Fact]
    public async Task Responses_carry_no_Server_Timing_header_unless_it_is_configured()
    {
        using var factory = new PortalFactory(pg.CreateDatabase());
        var response = await factory.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.False(response.Headers.Contains("Server-Timing"));
    }

    [Fact]
    public async Task With_ServerTiming_enabled_every_response_says_how_long_the_server_took()
    {
        using var factory = new PortalFactory(pg.CreateDatabase(), new Dictionary<string, string> { ["ServerTiming:Enabled"] = "true" });
        var response = await factory.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));
        var value = Assert.Single(response.Headers.GetValues("Server-Timing"));
        Assert.StartsWith("app;dur=", value, StringComparison.Ordinal);
        Assert.InRange(double.Parse(value["app;dur=".Length..], CultureInfo.InvariantCulture), 0, 60_000);
    }
}
