using DisclosurePortal.Data;
using DisclosurePortal.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DisclosurePortal.Web.Tests;

[CollectionDefinition(Name)]
public sealed class WebTests : ICollectionFixture<PostgresFixture>
{
    public const string Name = "Web on PostgreSQL";
}

/// <summary>The real application on a fresh, migrated PostgreSQL database of the shared test cluster.</summary>
public sealed class PortalFactory(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public string ConnectionString { get; } = connectionString;

    private static readonly Dictionary<string, string> UnthrottledLimits = new()
    {
        ["RateLimits:Search:PermitLimit"] = "1000000",
        ["RateLimits:Downloads:PermitLimit"] = "1000000",
        ["RateLimits:Api:PermitLimit"] = "1000000",
        ["RateLimits:Check:PermitLimit"] = "1000000",
    };

    public PortalDbContext Db() => PortalDb.Create(ConnectionString);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Portal", ConnectionString);
        builder.UseEnvironment("Testing");
        // Every TestServer request comes from one (unknown) address: the per-address limits are raised for the tests
        // that hammer the API and the downloads; a test of the limits sets its own.
        foreach (var (key, value) in UnthrottledLimits) builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
    }
}

public static class LoopbackServer
{
    /// <summary>
    /// Serves the application with Kestrel on a free port of 127.0.0.1 instead of the in-memory TestServer, and
    /// returns its address: several instances then talk over real sockets, each request from 127.0.0.1.
    /// </summary>
    public static Uri ServeOnLoopback(this WebApplicationFactory<Program> factory)
    {
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .GetRequiredFeature<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First().Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }
}
