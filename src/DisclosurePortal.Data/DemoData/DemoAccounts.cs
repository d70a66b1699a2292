using DisclosurePortal.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.DemoData;

/// <summary>
/// One demo account per role, created with the demo data when the database has no account yet. They share one
/// documented password (README), which passes the password policy; a real deployment uses --create-admin.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "Demo-2025-portal";

    public sealed record Account(string UserName, string DisplayName, string Role, string? BodyCode, string? RegionCode);

    public static readonly IReadOnlyList<Account> All =
    [
        new("admin", "演示管理员", PortalAuth.Administrator, null, null),
        new("reviewer-donghu", "东湖县审核员甲", PortalAuth.Reviewer, null, "990101"),
        // A second reviewer of the same county, for the two-person rule (the submitter may not publish).
        new("reviewer2-donghu", "东湖县审核员乙", PortalAuth.Reviewer, null, "990101"),
        new("clerk-qiandian", "钱店镇填报员", PortalAuth.Clerk, "qiandian", null),
        new("clerk-donghu-jyj", "东湖县教育局填报员", PortalAuth.Clerk, "donghu-jyj", null),
    ];

    /// <summary>Creates the accounts whose body or region exists; none when any account exists already.</summary>
    public static async Task<IReadOnlyList<Account>> SeedIfNoUsersAsync(UserManager<PortalUser> users, PortalDbContext db,
        DateTimeOffset now, CancellationToken ct = default)
    {
        if (await db.Users.AnyAsync(ct)) return [];
        var created = new List<Account>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var a in All)
        {
            int? bodyId = a.BodyCode is null ? null
                : await db.Bodies.Where(b => b.Code == a.BodyCode).Select(b => (int?)b.Id).FirstOrDefaultAsync(ct);
            int? regionId = a.RegionCode is null ? null
                : await db.Regions.Where(r => r.Code == a.RegionCode).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            if ((a.BodyCode is not null && bodyId is null) || (a.RegionCode is not null && regionId is null)) continue;
            var user = new PortalUser
            {
                UserName = a.UserName, DisplayName = a.DisplayName, BodyId = bodyId, RegionId = regionId, CreatedAt = now,
            };
            var result = await users.CreateAsync(user, Password);
            if (result.Succeeded) result = await users.AddToRoleAsync(user, a.Role);
            if (!result.Succeeded)
                throw new InvalidOperationException($"demo account {a.UserName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            created.Add(a);
        }
        await tx.CommitAsync(ct);
        return created;
    }
}
