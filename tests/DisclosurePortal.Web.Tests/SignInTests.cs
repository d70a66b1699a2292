using System.Buffers.Binary;
using System.Net;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        Assert.Contains(LoginMessage, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(SessionCookieOrNull(response));
    }

    private const string LoginMessage = "用户名或密码错误。连续输错 5 次后需等待 15 分钟才能再次登录";

    [Fact]
    public async Task A_locked_administrator_and_an_unknown_name_get_the_same_answer_before_and_after_the_threshold()
    {
        var factory = Factory(new() { ["Accounts:SignInPermitsPerMinute"] = "100" });
        await factory.CreateUserAsync("admin-a", PortalAuth.Administrator);
        var client = factory.Browser();

        for (var i = 0; i < 7; i++)
        {
            // The seventh try of the administrator is with the right password, refused while locked.
            var known = await client.SignInAsync("admin-a", i == 6 ? Accounts.Password : "wrong password " + i);
            var unknown = await client.SignInAsync("nobody-here", "wrong password " + i);

            Assert.Equal(unknown.StatusCode, known.StatusCode);
            Assert.Null(SessionCookieOrNull(known));
            Assert.Equal(Answer(await unknown.Content.ReadAsStringAsync(), "nobody-here"),
                Answer(await known.Content.ReadAsStringAsync(), "admin-a"));
            Assert.Contains(LoginMessage, await known.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await using var db = factory.Db();
        Assert.True((await db.Users.SingleAsync(u => u.UserName == "admin-a")).LockoutEnd > DateTimeOffset.UtcNow);
    }

    /// <summary>The page as the visitor sees it, less what differs by design: the form token and the typed name.</summary>
    private static string Answer(string html, string typedName) =>
        System.Text.RegularExpressions.Regex.Replace(html, "value=\"[^\"]{40,}\"", "value=\"token\"")
            .Replace(typedName, "NAME", StringComparison.Ordinal);

    [Fact]
    public async Task An_unknown_name_a_locked_and_a_disabled_account_each_cost_one_password_check_like_a_wrong_password()
    {
        var checks = new CountingHasher();
        using var portal = new PortalFactory(_pg.CreateDatabase(), new Dictionary<string, string> { ["Accounts:SignInPermitsPerMinute"] = "100" });
        using var factory = portal.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
                s.Replace(ServiceDescriptor.Scoped<IPasswordHasher<PortalUser>>(sp => checks.Wrapping(
                    new DisclosurePortal.Web.Accounts.PortalPasswordHasher(sp.GetService<Microsoft.Extensions.Options.IOptions<PasswordHasherOptions>>()))))));
        var users = factory.Services.GetRequiredService<IServiceScopeFactory>();
        await CreateAsync(users, "clerk-a");
        await CreateAsync(users, "clerk-locked");
        var disabled = await CreateAsync(users, "clerk-off");
        using (var scope = users.CreateScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            await manager.SetLockoutEndDateAsync((await manager.FindByNameAsync("clerk-locked"))!, DateTimeOffset.UtcNow.AddMinutes(15));
            var off = (await manager.FindByIdAsync(disabled.Id))!;
            off.IsDisabled = true;
            await manager.UpdateAsync(off);
        }
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var (name, password) in new[] { ("clerk-a", "wrong password"), ("nobody-here", "wrong password"),
                     ("clerk-locked", Accounts.Password), ("clerk-off", Accounts.Password) })
        {
            checks.Count = 0;
            var response = await client.SignInAsync(name, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(checks.Count == 1, $"{name}: {checks.Count} password checks");
        }
    }

    private static async Task<PortalUser> CreateAsync(IServiceScopeFactory scopes, string userName)
    {
        using var scope = scopes.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = userName, DisplayName = userName, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await manager.CreateAsync(user, Accounts.Password)).Succeeded);
        Assert.True((await manager.AddToRoleAsync(user, PortalAuth.Clerk)).Succeeded);
        return user;
    }

    /// <summary>Counts the password checks, the costly step whose count would show in the answer's time.</summary>
    private sealed class CountingHasher
    {
        public int Count;

        public IPasswordHasher<PortalUser> Wrapping(IPasswordHasher<PortalUser> inner) => new Hasher(this, inner);

        private sealed class Hasher(CountingHasher counter, IPasswordHasher<PortalUser> inner) : IPasswordHasher<PortalUser>
        {
            public string HashPassword(PortalUser user, string password) => inner.HashPassword(user, password);

            public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
            {
                Interlocked.Increment(ref counter.Count);
                return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
            }
        }
    }

    [Fact]
    public async Task Sign_ins_failures_a_lockout_and_sign_out_are_audited_with_the_typed_name_and_time()
    {
        var factory = Factory(new() { ["Accounts:SignInPermitsPerMinute"] = "100" });
        var clerk = await factory.CreateUserAsync("clerk-a", PortalAuth.Clerk);
        var reviewer = await factory.CreateUserAsync("reviewer-a", PortalAuth.Reviewer);
        var client = factory.Browser();
        var before = DateTimeOffset.UtcNow;

        await client.SignInAsync("ghost", "wrong password");
        for (var i = 0; i < 5; i++) await client.SignInAsync("clerk-a", "wrong password " + i);
        await client.SignInAsync("clerk-a");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("reviewer-a")).StatusCode);
        await client.PostFormAsync("/", new Dictionary<string, string>(), "/Account/Logout");

        await using var db = factory.Db();
        var log = await db.AuditLog.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["sign-in.failed", "sign-in.failed", "sign-in.failed", "sign-in.failed", "sign-in.failed", "sign-in.failed",
            "account.locked-out", "sign-in.failed", "sign-in.succeeded", "sign-out"], log.Select(a => a.Action));
        Assert.Equal(["ghost", "clerk-a", "clerk-a", "clerk-a", "clerk-a", "clerk-a", "clerk-a", "clerk-a", "reviewer-a", "reviewer-a"],
            log.Select(a => a.ActorName));
        Assert.Equal([null, clerk.Id, clerk.Id, clerk.Id, clerk.Id, clerk.Id, clerk.Id, clerk.Id, reviewer.Id, reviewer.Id],
            log.Select(a => a.EntityId));
        Assert.Equal("用户名不存在", log[0].Detail);
        Assert.Equal("密码错误", log[5].Detail);
        Assert.StartsWith("连续 5 次密码错误，锁定至 ", log[6].Detail, StringComparison.Ordinal);
        Assert.Equal("账户已锁定", log[7].Detail);
        Assert.All(log, a => Assert.Equal("user", a.Entity));
        Assert.All(log, a => Assert.InRange(a.At, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1)));
    }

    [Fact]
    public async Task A_typed_name_with_a_control_character_is_refused_like_any_unknown_name_and_audited_visibly()
    {
        var response = await Factory().Browser().SignInAsync("adm\tin", "wrong password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(LoginMessage, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = Factory().Db();
        Assert.Equal("adm\uFFFDin", (await db.AuditLog.SingleAsync()).ActorName);
    }

    [Fact]
    public async Task A_password_typed_in_full_width_or_with_a_zero_width_space_signs_in_as_the_plain_one()
    {
        await Factory().CreateUserAsync("clerk-a", PortalAuth.Clerk, password: "ｃｏｒｒｅｃｔ ｈｏｒｓｅ ｂａｔｔｅｒｙ ｓｔａｐｌｅ");

        foreach (var typed in new[] { Accounts.Password, "correct\u200B horse  battery staple ", "ｃｏｒｒｅｃｔ ｈｏｒｓｅ ｂａｔｔｅｒｙ ｓｔａｐｌｅ" })
            Assert.Equal(HttpStatusCode.Redirect, (await Factory().Browser().SignInAsync("clerk-a", typed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Factory().Browser().SignInAsync("clerk-a", "correct horse battery")).StatusCode);
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

    private static string? SessionCookieOrNull(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(c => c.StartsWith("dp.session=", StringComparison.Ordinal) && !c.StartsWith("dp.session=;", StringComparison.Ordinal))
            : null;

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
