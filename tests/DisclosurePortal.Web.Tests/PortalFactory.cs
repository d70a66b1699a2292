using DisclosurePortal.Data;
using DisclosurePortal.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

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

    public PortalDbContext Db() => PortalDb.Create(ConnectionString);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Portal", ConnectionString);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
    }
}
