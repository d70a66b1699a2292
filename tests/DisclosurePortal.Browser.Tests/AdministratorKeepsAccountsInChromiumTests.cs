using DisclosurePortal.Data.Accounts;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DisclosurePortal.Browser.Tests;

/// <summary>
/// An administrator keeps bodies and accounts in real Chromium: creates a body and a clerk
/// account for it, resets the clerk's password and disables the account; the clerk's open session ends each time
/// and the disabled account can no longer sign in. Screenshots land in the test output's artifacts/ folder.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class AdministratorKeepsAccountsInChromiumTests(PostgresFixture pg) : IAsyncLifetime, IDisposable
{
    private const string AdminUser = "admin-lishui";
    private const string ClerkUser = "clerk-xinjian";
    private const string NewPassword = "spring rain on the tea hills";
    private const string OwnPassword = "only the clerk knows this";
    private const string OwnPassword2 = "and then another one of mine";

    private BrowserPortal _portal = null!;
    private Uri _baseUrl = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        // Every request re-checks the security stamp, so "the next request" is when a changed account's session ends
        // (in production: within Accounts:SecurityStampValidationInterval, one minute).
        _portal = new BrowserPortal(pg.CreateDatabase(),
            new Dictionary<string, string> { ["Accounts:SecurityStampValidationInterval"] = "00:00:00" });
        await using (var db = _portal.Db()) TestWorld.Create(db);
        _baseUrl = _portal.Start();
        await _portal.CreateAccountAsync(AdminUser, "丽水管理员", PortalAuth.Administrator);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    public void Dispose() => _portal.Dispose();

    private Task<IBrowserContext> ContextAsync() => Chromium.NewContextAsync(_browser, new()
    {
        BaseURL = _baseUrl.ToString(),
        Locale = "zh-CN",
        ViewportSize = new() { Width = 1280, Height = 900 },
    });

    private static async Task SignInAsync(IPage page, string userName, string password, string returnUrl)
    {
        await page.GotoAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        await LoginForm.SubmitAsync(page, userName, password);
    }

    /// <summary>A password an administrator set is changed by its owner before anything else (修改密码).</summary>
    private static async Task ChangePasswordAsync(IPage page, string current, string next)
    {
        await LoginForm.ArriveAsync(page, "/Account/ChangePassword");
        await Expect(page.Locator(".notice")).ToContainTextAsync("您的密码由管理员设定");
        await page.FillAsync("#Input_CurrentPassword", current);
        await page.FillAsync("#Input_NewPassword", next);
        await page.FillAsync("#Input_ConfirmPassword", next);
        await page.GetByRole(AriaRole.Button, new() { Name = "修改密码" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("密码已修改");
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    private static ILocator FieldError(IPage page, string field) => page.Locator($"span[data-valmsg-for='{field}']");

    [Fact]
    public async Task An_administrator_creates_a_body_and_its_clerk_resets_the_password_and_disables_the_account_whose_session_ends()
    {
        await using var adminContext = await ContextAsync();
        var admin = await adminContext.NewPageAsync();
        await SignInAsync(admin, AdminUser, BrowserPortal.Password, "/Admin");
        await LoginForm.ArriveAsync(admin, "/Admin");

        // A body whose code is taken: the message at the code field, the name and the choices still there.
        await admin.GetByRole(AriaRole.Link, new() { Name = "单位", Exact = true }).ClickAsync();
        await admin.FillAsync("#Create_Code", "qiandian");
        await admin.FillAsync("#Create_Name", "新建乡人民政府");
        await admin.SelectOptionAsync("#Create_Kind", new SelectOptionValue { Label = "乡镇人民政府" });
        await admin.SelectOptionAsync("#Create_RegionId", new SelectOptionValue { Label = "钱店镇（331122101）" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "新增" }).ClickAsync();
        await Expect(FieldError(admin, "Create.Code")).ToHaveTextAsync("该单位代码已存在");
        await Expect(admin.Locator("#Create_Name")).ToHaveValueAsync("新建乡人民政府");
        await Expect(admin.Locator("#Create_RegionId option:checked")).ToHaveTextAsync("钱店镇（331122101）");
        await ScreenshotAsync(admin, "admin-1-duplicate-body-code");
        await admin.FillAsync("#Create_Code", "xinjian");
        await admin.GetByRole(AriaRole.Button, new() { Name = "新增" }).ClickAsync();
        await Expect(admin.Locator(".notice")).ToHaveTextAsync("已新增单位「新建乡人民政府」");
        await Expect(admin.Locator("table.list")).ToContainTextAsync("新建乡人民政府");

        // A clerk without a body is refused at the body field, the typed entries kept; then created with a
        // one-time password shown once.
        await admin.GotoAsync("/Admin/Users");
        await admin.FillAsync("#Create_UserName", ClerkUser);
        await admin.FillAsync("#Create_DisplayName", "王新建");
        await admin.SelectOptionAsync("#Create_Role", new SelectOptionValue { Label = "填报员" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "创建" }).ClickAsync();
        await Expect(FieldError(admin, "Create.BodyId")).ToHaveTextAsync("填报员必须指定所属单位");
        await Expect(admin.Locator("#Create_UserName")).ToHaveValueAsync(ClerkUser);
        await Expect(admin.Locator("#Create_DisplayName")).ToHaveValueAsync("王新建");
        await ScreenshotAsync(admin, "admin-2-clerk-without-body");
        await admin.SelectOptionAsync("#Create_BodyId", new SelectOptionValue { Label = "新建乡人民政府（xinjian）" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "创建" }).ClickAsync();
        await admin.WaitForURLAsync("**/Admin/Users/Edit?id=*");
        var oneTimePassword = (await admin.Locator(".secret").TextContentAsync())!.Trim();
        Assert.Equal(16, oneTimePassword.Length);
        await Expect(admin.Locator("dl")).ToContainTextAsync("新建乡人民政府");
        await ScreenshotAsync(admin, "admin-3-clerk-created");
        var clerkPage = admin.Url;

        // The clerk signs in with it and keeps the session open.
        await using var clerkContext = await ContextAsync();
        var clerk = await clerkContext.NewPageAsync();
        await SignInAsync(clerk, ClerkUser, oneTimePassword, "/clerk");
        await ChangePasswordAsync(clerk, oneTimePassword, OwnPassword);
        await clerk.GotoAsync("/clerk");
        await Expect(clerk.Locator("h1")).ToContainTextAsync("新建乡人民政府");

        // A password reset ends the clerk's session; the new password works, the old one no longer does.
        await admin.FillAsync("#Reset_NewPassword", NewPassword);
        await admin.GetByRole(AriaRole.Button, new() { Name = "重置密码" }).ClickAsync();
        await Expect(admin.Locator(".notice")).ToContainTextAsync("密码已重置");
        await clerk.GotoAsync("/clerk");
        await clerk.WaitForURLAsync("**/Account/Login**");
        await SignInAsync(clerk, ClerkUser, OwnPassword, "/clerk");
        await Expect(clerk.Locator(".errors")).ToContainTextAsync("用户名或密码错误");
        await SignInAsync(clerk, ClerkUser, NewPassword, "/clerk");
        await ChangePasswordAsync(clerk, NewPassword, OwnPassword2);
        await clerk.GotoAsync("/clerk");
        await LoginForm.ArriveAsync(clerk, "/clerk");

        // Disabled: the open session ends at its next request, and signing in is refused.
        await admin.GotoAsync(clerkPage);
        await admin.GetByRole(AriaRole.Button, new() { Name = "停用账户" }).ClickAsync();
        await Expect(admin.Locator(".notice")).ToHaveTextAsync("账户已停用");
        await Expect(admin.Locator("dl")).ToContainTextAsync("已停用");
        await ScreenshotAsync(admin, "admin-4-clerk-disabled");
        await clerk.ReloadAsync();
        await clerk.WaitForURLAsync("**/Account/Login**");
        await SignInAsync(clerk, ClerkUser, OwnPassword2, "/clerk");
        await Expect(clerk.Locator(".errors")).ToContainTextAsync("用户名或密码错误");
        Assert.Contains("/Account/Login", clerk.Url, StringComparison.Ordinal);
        await ScreenshotAsync(clerk, "admin-5-disabled-clerk-refused");

        // Every change is in the audit log under the administrator's name.
        await using var db = _portal.Db();
        var log = await db.AuditLog.Where(a => a.ActorName == AdminUser && !a.Action.StartsWith("sign-")).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["body.create", "user.create", "user.reset-password", "user.disable"], log.Select(a => a.Action));
        Assert.All(log, a => Assert.Equal(AdminUser, a.ActorName));
        Assert.All(log, a => Assert.Equal("127.0.0.1", a.Ip));
        var account = await db.Users.Include(u => u.Body).SingleAsync(u => u.UserName == ClerkUser);
        Assert.True(account.IsDisabled);
        Assert.Equal("xinjian", account.Body!.Code);
    }
}
