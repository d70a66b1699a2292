using DisclosurePortal.Data.Accounts;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Tests;

[Collection(DatabaseTests.Name)]
public sealed class AccountSchemaTests(PostgresFixture pg)
{
    private readonly string _cs = pg.CreateDatabase();

    [Fact]
    public async Task The_migrations_create_the_three_roles()
    {
        await using var db = PortalDb.Create(_cs);
        Assert.Equal(PortalAuth.Roles.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
    }

    [Fact]
    public async Task Identity_tables_follow_the_snake_case_naming_of_the_rest()
    {
        await using var db = PortalDb.Create(_cs);
        var tables = await db.Database.SqlQueryRaw<string>(
            "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToListAsync();
        Assert.Contains("asp_net_users", tables);
        Assert.Contains("asp_net_user_roles", tables);
        Assert.Contains("audit_log", tables);
        Assert.DoesNotContain(tables, t => t.Any(char.IsUpper));
    }

    [Fact]
    public async Task A_user_cannot_point_at_a_body_that_does_not_exist()
    {
        await using var db = PortalDb.Create(_cs);
        db.Users.Add(new PortalUser { UserName = "x", NormalizedUserName = "X", DisplayName = "x", BodyId = 4242 });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
