using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Domain.Regions;
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
    public async Task A_region_whose_audit_line_fails_is_not_created_either()
    {
        await using (var db = PortalDb.Create(_cs))
        {
            var region = new Region("990999", "审计失败县", RegionLevel.County, null);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.AddAuditedAsync<Region>(region,
                _ => throw new InvalidOperationException("audit refused"), CancellationToken.None));
        }
        await using (var db = PortalDb.Create(_cs))
        {
            Assert.False(await db.Regions.AnyAsync(r => r.Code == "990999"));
            var region = new Region("990998", "审计成功县", RegionLevel.County, null);
            await db.AddAuditedAsync(region, r => new AuditEntry(DateTimeOffset.UtcNow, null, "test", "region.create",
                "region", r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Name, null), CancellationToken.None);
        }
        await using (var db = PortalDb.Create(_cs))
        {
            var id = (await db.Regions.SingleAsync(r => r.Code == "990998")).Id;
            Assert.Equal("region.create", (await db.AuditLog.SingleAsync(a => a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Action);
        }
    }

    [Fact]
    public async Task A_user_cannot_point_at_a_body_that_does_not_exist()
    {
        await using var db = PortalDb.Create(_cs);
        db.Users.Add(new PortalUser { UserName = "x", NormalizedUserName = "X", DisplayName = "x", BodyId = 4242 });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
