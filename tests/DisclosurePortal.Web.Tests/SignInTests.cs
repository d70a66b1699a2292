using System.Buffers.Binary;
using System.Net;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DisclosurePortal.Web.Tests;

[Collection(WebTests.Name)]
public sealed class SignInTests(PostgresFixture pg) : IDisposable
{
    private readonly PostgresFixture _pg = pg;
    private PortalFactory? _factory;

    private PortalFactory Factory(Dictionary<string, string>? settings = null) =>
        _factory ??= new PortalFactory(_pg.CreateDatabase(), settings);

    public void Dispose() => _factory?.Dispose();

    [Fact]
    public async Task Sign_in_with_the_right_password_sets_an_HttpOnly_SameSite_cookie_and_redirects()
    {
        await Factory().CreateUserAsync("clerk-a", PortalAuth.Administrator);
        var client = Factory().Browser();

        var response = await client.SignInAsync("clerk-a");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dp.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("测试clerk-a", home, StringComparison.Ordinal);
        Assert.Contains("退出登录", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_clerk_sees_a_link_to_their_work_in_the_header()
    {
        await Factory().CreateUserAsync("clerk-a", PortalAuth.Clerk);
        var client = Factory().Browser();

        await client.SignInAsync("clerk-a");

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("<a href=\"/clerk\">我的填报</a>", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clerk_signing_in_without_a_return_address_lands_on_their_work_and_a_reviewer_on_the_home_page()
    {
        await Factory().CreateUserAsync("clerk-b", PortalAuth.Clerk);
        await Factory().CreateUserAsync("reviewer-b", PortalAuth.Reviewer);

        var clerk = await Factory().Browser().SignInAsync("clerk-b");
        var reviewer = await Factory().Browser().SignInAsync("reviewer-b");

        Assert.Equal("/clerk", clerk.Headers.Location?.OriginalString);
        Assert.Equal("/", reviewer.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_generic_message()
    {
        await Factory().CreateUserAsync("clerk-a", PortalAuth.Clerk);
        var client = Factory().Browser();

        foreach (var (user, password) in new[] { ("clerk-a", "wrong password here"), ("nobody", Accounts.Password) })
        {
            var response = await client.SignInAsync(user, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("用户名或密码错误", html, StringComparison.Ordinal);
            Assert.DoesNotContain("dp.session=", string.Join(";", response.Headers.TryGetValues("Set-Cookie", out var c) ? c : []),
                StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Empty_fields_get_messages_at_the_field()
    {
        var response = await Factory().Browser().SignInAsync("", "");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("请输入用户名", Accounts.FieldError(html, "Input.UserName"));
        Assert.Equal("请输入密码", Accounts.FieldError(html, "Input.Password"));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_and_the_sixth_try_with_the_right_password_is_refused()
    {
        await Factory().CreateUserAsync("clerk-a", PortalAuth.Clerk);
        var client = Factory().Browser();
        for (var i = 0; i < 5; i++) await client.SignInAsync("clerk-a", "wrong password " + i);

        var response = await client.SignInAsync("clerk-a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("账户已暂时锁定", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in()
    {
        var user = await Factory().CreateUserAsync("clerk-a", PortalAuth.Clerk);
        await using (var db = Factory().Db())
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true));
        }
        var response = await Factory().Browser().SignInAsync("clerk-a");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码错误", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_get_429_with_a_Chinese_page()
    {
        var client = Factory(new() { ["Accounts:SignInPermitsPerMinute"] = "3" }).Browser();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("nobody", "wrong password")).StatusCode);

        var refused = await client.SignInAsync("nobody", "wrong password");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("登录尝试过于频繁", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Reading the form is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Account/Login", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_default_limit_is_ten_sign_in_posts_a_minute()
    {
        var client = Factory().Browser();
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("nobody", "wrong password")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SignInAsync("nobody", "wrong password")).StatusCode);
    }

    [Fact]
    public async Task The_stored_hash_is_PBKDF2_format_v3_with_at_least_210000_iterations()
    {
        var user = await Factory().CreateUserAsync("clerk-a", PortalAuth.Clerk);
        await using var db = Factory().Db();
        var hash = Convert.FromBase64String((await db.Users.SingleAsync(u => u.Id == user.Id)).PasswordHash!);

        // Format v3: 0x01, PRF (uint32 BE), iteration count (uint32 BE), salt length, salt, subkey.
        Assert.Equal(0x01, hash[0]);
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4)) >= 210_000);
    }

    [Fact]
    public async Task A_disabled_users_existing_session_stops_working_at_the_next_request()
    {
        var factory = Factory();
        var user = await factory.CreateUserAsync("admin-a", PortalAuth.Administrator);
        var client = factory.Browser();
        await client.SignInAsync("admin-a");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Admin", UriKind.Relative))).StatusCode);

        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var stored = await users.FindByIdAsync(user.Id);
            stored!.IsDisabled = true;
            await users.UpdateSecurityStampAsync(stored);
        }

        var after = await client.GetAsync(new Uri("/Admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copied_session_cookie_opens_nothing_after_sign_out()
    {
        var factory = Factory();
        await factory.CreateUserAsync("admin-a", PortalAuth.Administrator);
        var client = factory.Browser();
        var signIn = await client.SignInAsync("admin-a");
        var copied = SessionCookie(signIn);
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(factory, copied, "/Admin")).StatusCode);

        await client.PostFormAsync("/", new Dictionary<string, string>(), "/Account/Logout");

        var replay = await WithCookie(factory, copied, "/Admin");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/Account/Login", replay.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_disabling_a_user_ends_the_users_open_session_at_once()
    {
        var factory = Factory();
        var victim = await factory.CreateUserAsync("admin-b", PortalAuth.Administrator);
        await factory.CreateUserAsync("admin-a", PortalAuth.Administrator);
        var user = factory.Browser();
        await user.SignInAsync("admin-b");
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(new Uri("/Admin", UriKind.Relative))).StatusCode);
        var admin = factory.Browser();
        await admin.SignInAsync("admin-a");

        var edit = "/Admin/Users/Edit?id=" + victim.Id;
        var disabled = await admin.PostFormAsync(edit, new(), edit + "&handler=Disable");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        var after = await user.GetAsync(new Uri("/Admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static string SessionCookie(HttpResponseMessage signIn) =>
        signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dp.session=", StringComparison.Ordinal)).Split(';')[0];

    /// <summary>A GET from another client carrying only the given cookie, as an attacker with a copy would send it.</summary>
    private static async Task<HttpResponseMessage> WithCookie(PortalFactory factory, string cookie, string url)
    {
        using var thief = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return await thief.SendAsync(request);
    }

    [Fact]
    public async Task A_session_older_than_the_absolute_lifetime_ends_however_active()
    {
        // A negative lifetime makes every session too old at its first check, without waiting eight hours.
        var factory = Factory(new() { ["Accounts:AbsoluteLifetime"] = "-00:00:01" });
        await factory.CreateUserAsync("admin-a", PortalAuth.Administrator);
        var client = factory.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("admin-a")).StatusCode);

        var after = await client.GetAsync(new Uri("/Admin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_is_a_post_that_ends_the_session()
    {
        await Factory().CreateUserAsync("admin-a", PortalAuth.Administrator);
        var client = Factory().Browser();
        await client.SignInAsync("admin-a");

        var response = await client.PostFormAsync("/", new Dictionary<string, string>(), "/Account/Logout");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/Admin", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_refused()
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "x", ["Input.Password"] = "y",
        });
        var response = await Factory().Browser().PostAsync(new Uri("/Account/Login", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
