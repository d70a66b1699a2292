using System.Globalization;
using System.Net;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DisclosurePortal.Web.Tests.Attack;

/// <summary>
/// X-Forwarded-For is believed only from the configured proxy (ForwardedHeaders:KnownProxies): forged by a
/// client at another address, it changes neither the sign-in limit's partition nor the IP in the audit log.
/// </summary>
[Collection(WebTests.Name)]
public sealed class ForwardedHeadersTests(PostgresFixture pg) : IDisposable
{
    private const string Proxy = "10.9.8.7";
    private PortalFactory? _factory;

    public void Dispose() => _factory?.Dispose();

    private WebApplicationFactory<Program> App(string remote, int signInPermits)
    {
        _factory ??= new PortalFactory(pg.CreateDatabase(), new Dictionary<string, string>
        {
            ["ForwardedHeaders:KnownProxies"] = Proxy,
            ["Accounts:SignInPermitsPerMinute"] = signInPermits.ToString(CultureInfo.InvariantCulture),
        });
        return _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<IStartupFilter>(new FromAddress(IPAddress.Parse(remote)))));
    }

    private static HttpClient Client(WebApplicationFactory<Program> app, string forwardedFor)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }

    [Fact]
    public async Task A_forged_forwarded_address_from_an_unknown_client_shares_the_clients_sign_in_limit()
    {
        var app = App("203.0.113.9", signInPermits: 2);
        for (var i = 0; i < 2; i++) await Client(app, "198.51.100." + i).SignInAsync("nobody", "wrong password " + i);

        var response = await Client(app, "198.51.100.77").SignInAsync("nobody", "wrong password");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task The_forwarded_address_from_the_configured_proxy_is_the_clients()
    {
        var app = App(Proxy, signInPermits: 2);
        for (var i = 0; i < 2; i++) await Client(app, "198.51.100.1").SignInAsync("nobody", "wrong password " + i);

        var response = await Client(app, "198.51.100.2").SignInAsync("nobody", "wrong password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_audit_log_keeps_the_real_address_of_a_client_that_forges_its_forwarded_address()
    {
        var app = App("203.0.113.9", signInPermits: 100);
        var factory = _factory!;
        await factory.CreateUserAsync("admin-a", PortalAuth.Administrator);
        var client = Client(app, "198.51.100.66");
        await client.SignInAsync("admin-a");
        int county;
        using (var db = factory.Db()) county = TestWorld.Create(db).County.Id;

        var created = await client.PostFormAsync("/Admin/Regions", new()
        {
            ["Create.Code"] = "331122199", ["Create.Name"] = "伪造镇", ["Create.Level"] = "Township",
            ["Create.ParentId"] = county.ToString(CultureInfo.InvariantCulture),
        }, "/Admin/Regions?handler=Create");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var check = factory.Db();
        var ips = check.AuditLog.Select(a => a.Ip).ToList();
        Assert.NotEmpty(ips);
        Assert.All(ips, ip => Assert.Equal("203.0.113.9", ip));
        Assert.Contains(check.AuditLog, a => a.Action == "sign-in.succeeded" && a.Ip == "203.0.113.9");
    }

    /// <summary>Gives every request the connection address of a client at <paramref name="address"/>.</summary>
    private sealed class FromAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, call) =>
            {
                http.Connection.RemoteIpAddress = address;
                return call(http);
            });
            next(app);
        };
    }
}
