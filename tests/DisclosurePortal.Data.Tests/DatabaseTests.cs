using DisclosurePortal.TestSupport;

namespace DisclosurePortal.Data.Tests;

[CollectionDefinition(Name)]
public sealed class DatabaseTests : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
