using System.Diagnostics;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Tests;

[Collection(WebTests.Name)]
public sealed class CreateAdminCommandTests(PostgresFixture pg)
{
    private readonly string _cs = pg.CreateDatabase();

    private (int exit, string stdout, string stderr) Run(string? envPassword, string? stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DisclosurePortal.Web.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ConnectionStrings__Portal"] = _cs;
        if (envPassword is null) psi.Environment.Remove("DP_ADMIN_PASSWORD");
        else psi.Environment["DP_ADMIN_PASSWORD"] = envPassword;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null) p.StandardInput.WriteLine(stdin);
        p.StandardInput.Close();
        Assert.True(p.WaitForExit(60_000), "the portal did not exit");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public async Task Create_admin_creates_an_administrator_from_the_environment_password()
    {
        // --migrate as well: the running app's Identity model must match the committed migrations.
        var (exit, stdout, stderr) = Run("a long admin passphrase", null, "--migrate", "--create-admin", "root-admin");

        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("已创建管理员 root-admin", stdout, StringComparison.Ordinal);
        await using var db = PortalDb();
        var user = await db.Users.SingleAsync(u => u.UserName == "root-admin");
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
        Assert.Equal([PortalAuth.Administrator], roles);
        Assert.Single(await db.AuditLog.Where(a => a.Action == "user.create" && a.EntityId == user.Id).ToListAsync());
    }

    [Fact]
    public async Task Create_admin_whose_role_cannot_be_given_leaves_no_account_behind()
    {
        Assert.Equal(0, Run(null, null, "--migrate-only").exit);
        await using (var db = PortalDb())
        {
            // Without the role the account would exist with no role and no audit line: a sign-in that lands nowhere.
            await db.Roles.Where(r => r.Name == PortalAuth.Administrator).ExecuteDeleteAsync();
        }
        // Identity throws for a role that does not exist: the command fails, and takes the new account with it.
        var (exit, _, _) = Run("a long admin passphrase", null, "--create-admin", "root-admin");

        Assert.NotEqual(0, exit);
        await using var check = PortalDb();
        Assert.False(await check.Users.AnyAsync(u => u.UserName == "root-admin"));
        Assert.False(await check.AuditLog.AnyAsync(a => a.Action == "user.create"));
    }

    [Fact]
    public async Task Create_admin_reads_the_password_from_standard_input()
    {
        var (exit, _, stderr) = Run(null, "another long passphrase", "--create-admin", "root-admin");
        Assert.True(exit == 0, stderr);
        await using var db = PortalDb();
        Assert.True(await db.Users.AnyAsync(u => u.UserName == "root-admin"));
    }

    [Theory]
    [InlineData("12345678", "这个密码太常见")]
    [InlineData("short", "密码至少需要 8 个字符")]
    public async Task Create_admin_refuses_a_weak_password_with_the_policy_message_and_exit_code_1(string password, string message)
    {
        var (exit, _, stderr) = Run(password, null, "--create-admin", "root-admin");
        Assert.Equal(1, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        await using var db = PortalDb();
        Assert.False(await db.Users.AnyAsync());
    }

    [Fact]
    public void Create_admin_refuses_an_existing_user_name()
    {
        Assert.Equal(0, Run("a long admin passphrase", null, "--create-admin", "root-admin").exit);
        var (exit, _, stderr) = Run("a long admin passphrase", null, "--create-admin", "root-admin");
        Assert.Equal(1, exit);
        Assert.Contains("已存在", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlock_ends_a_lockout_writes_an_audit_row_and_exits_0()
    {
        Assert.Equal(0, Run("a long admin passphrase", null, "--create-admin", "root-admin").exit);
        await using (var db = PortalDb())
            await db.Users.Where(u => u.UserName == "root-admin").ExecuteUpdateAsync(s => s
                .SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(15)).SetProperty(u => u.AccessFailedCount, 5));

        var (exit, stdout, stderr) = Run(null, null, "--unlock", "root-admin");

        Assert.True(exit == 0, stderr);
        Assert.Equal("已解除账户 root-admin 的锁定", stdout.Trim());
        await using var check = PortalDb();
        var user = await check.Users.SingleAsync(u => u.UserName == "root-admin");
        Assert.Null(user.LockoutEnd);
        Assert.Equal(0, user.AccessFailedCount);
        var audit = await check.AuditLog.SingleAsync(a => a.Action == "user.unlock");
        Assert.Equal(("命令行", user.Id), (audit.ActorName, audit.EntityId));
    }

    [Theory]
    [InlineData("nobody", "无法解锁：没有用户名为「nobody」的账户")]
    [InlineData(null, "用法：--unlock 用户名")]
    public void Unlock_of_an_unknown_or_missing_name_exits_1_with_a_one_line_message(string? userName, string message)
    {
        var (exit, stdout, stderr) = userName is null ? Run(null, null, "--unlock") : Run(null, null, "--unlock", userName);
        Assert.Equal(1, exit);
        Assert.Equal(message, stderr.Trim());
        Assert.Equal("", stdout.Trim());
    }

    [Fact]
    public async Task Seed_demo_prints_how_to_sign_in_with_every_demo_account()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DisclosurePortal.Web.dll"));
        foreach (var a in new[] { "--migrate", "--seed-demo", "--urls", "http://127.0.0.1:0" }) psi.ArgumentList.Add(a);
        psi.Environment["ConnectionStrings__Portal"] = _cs;
        using var p = Process.Start(psi)!;
        var printed = new System.Text.StringBuilder();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            // The portal serves after seeding; the test reads until the last demo account is printed.
            while (await p.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                printed.AppendLine(line);
                if (line.Contains("clerk-donghu-jyj", StringComparison.Ordinal)) break;
            }
        }
        finally
        {
            p.Kill(entireProcessTree: true);
        }
        var text = printed.ToString();
        Assert.Contains("/Account/Login", text, StringComparison.Ordinal);
        Assert.Contains(Data.DemoData.DemoAccounts.Password, text, StringComparison.Ordinal);
        foreach (var a in Data.DemoData.DemoAccounts.All) Assert.Contains(a.UserName, text, StringComparison.Ordinal);
        await using var db = PortalDb();
        Assert.Equal(Data.DemoData.DemoAccounts.All.Count, await db.Users.CountAsync());
    }

    private Data.PortalDbContext PortalDb() => Data.PortalDb.Create(_cs);
}
