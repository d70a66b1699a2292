using System.Net;
using DisclosurePortal.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DisclosurePortal.Web.Tests.Attack;

/// <summary>
/// Search, the bulk downloads and the API are limited per client address (configuration section RateLimits): one
/// more request than the limit from one address is answered 429 with Retry-After; another address goes on.
/// </summary>
[Collection(WebTests.Name)]
public sealed class ClientRateLimitTests : IDisposable
{
    private const int Limit = 3;
    private const string ScraperAddress = "203.0.113.10";
    private const string OtherAddress = "203.0.113.20";
    private readonly PortalFactory _factory;
    private readonly WebApplicationFactory<Program> _app;

    public ClientRateLimitTests(PostgresFixture pg)
    {
        // A window of an hour: the bucket is not refilled while the test runs.
        _factory = new PortalFactory(pg.CreateDatabase(), new Dictionary<string, string>
        {
            ["RateLimits:Search:PermitLimit"] = "3", ["RateLimits:Search:Window"] = "01:00:00",
            ["RateLimits:Downloads:PermitLimit"] = "3", ["RateLimits:Downloads:Window"] = "01:00:00",
            ["RateLimits:Api:PermitLimit"] = "3", ["RateLimits:Api:Window"] = "01:00:00",
        });
        using (var db = _factory.Db()) TestWorld.Create(db);
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new AddressFromHeader())));
    }

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
    }

    [Theory]
    [InlineData("/api/v1/regions")]
    [InlineData("/open-data/331122/2024.xlsx")]
    [InlineData("/?q=%E6%95%99%E8%82%B2")]
    public async Task One_request_more_than_the_limit_from_one_address_gets_429_with_Retry_After_and_another_address_does_not(string url)
    {
        var scraper = Client(ScraperAddress);
        for (var i = 0; i < Limit; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await scraper.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);

        var refused = await scraper.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, "Retry-After in seconds");
        Assert.Contains("请求过于频繁", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Client(OtherAddress).GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_api_refuses_with_problem_json()
    {
        var scraper = Client(ScraperAddress);
        for (var i = 0; i < Limit; i++) await scraper.GetAsync(new Uri("/api/v1/regions", UriKind.Relative));

        var refused = await scraper.GetAsync(new Uri("/api/v1/regions", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Browsing_the_home_page_without_a_query_is_not_limited()
    {
        var visitor = Client(ScraperAddress);
        for (var i = 0; i < Limit + 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    private HttpClient Client(string address)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(AddressFromHeader.Header, address);
        return client;
    }

    /// <summary>Gives each request the connection address its test client names, as distinct clients would have.</summary>
    private sealed class AddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Connection-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, call) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(http.Request.Headers[Header].ToString());
                return call(http);
            });
            next(app);
        };
    }
}
