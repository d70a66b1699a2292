using System.Globalization;
using System.Net;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Data.DemoData;
using DisclosurePortal.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DisclosurePortal.Web.Tests;

[Collection(WebTests.Name)]
public sealed class AdminPagesTests : IDisposable
{
    private readonly PortalFactory _factory;
    private readonly TestWorld _world;

    public AdminPagesTests(PostgresFixture pg)
    {
        _factory = new PortalFactory(pg.CreateDatabase());
        using var db = _factory.Db();
        _world = TestWorld.Create(db);
    }

    public void Dispose() => _factory.Dispose();

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<HttpClient> AdminAsync()
    {
        await _factory.CreateUserAsync("admin", PortalAuth.Administrator);
        var client = _factory.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("admin")).StatusCode);
        return client;
    }

    private static Dictionary<string, string> NewUser(string userName, string role, string password = "") => new()
    {
        ["Create.UserName"] = userName, ["Create.DisplayName"] = "王填报", ["Create.Role"] = role, ["Create.Password"] = password,
    };

    [Theory]
    [InlineData("/Admin")]
    [InlineData("/Admin/Regions")]
    [InlineData("/Admin/Bodies")]
    [InlineData("/Admin/Users")]
    [InlineData("/Admin/Audit")]
    public async Task Admin_pages_send_anonymous_visitors_to_the_sign_in_page(string url)
    {
        var response = await _factory.Browser().GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalAuth.Clerk)]
    [InlineData(PortalAuth.Reviewer)]
    public async Task Admin_pages_refuse_a_signed_in_non_administrator(string role)
    {
        await _factory.CreateUserAsync("someone", role, bodyId: _world.TownshipGov.Id, regionId: _world.County.Id);
        var client = _factory.Browser();
        await client.SignInAsync("someone");

        var response = await client.GetAsync(new Uri("/Admin/Users", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var denied = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("无权访问", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A post with a valid token of a page the user may see is refused too.
        var post = await client.PostFormAsync("/", NewUser("intruder", PortalAuth.Administrator, Accounts.Password), "/Admin/Users");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        await using var db = _factory.Db();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "intruder"));
    }

    [Fact]
    public async Task Creating_a_clerk_without_a_body_is_refused_with_a_message_at_the_field()
    {
        var client = await AdminAsync();
        var response = await client.PostFormAsync("/Admin/Users", NewUser("clerk-x", PortalAuth.Clerk, Accounts.Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("填报员必须指定所属单位", Accounts.FieldError(await response.Content.ReadAsStringAsync(), "Create.BodyId"));
        await using var db = _factory.Db();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "clerk-x"));
    }

    [Fact]
    public async Task Creating_a_reviewer_without_a_region_is_refused_with_a_message_at_the_field()
    {
        var client = await AdminAsync();
        var response = await client.PostFormAsync("/Admin/Users", NewUser("reviewer-x", PortalAuth.Reviewer, Accounts.Password));
        Assert.Equal("审核员必须指定所属区划", Accounts.FieldError(await response.Content.ReadAsStringAsync(), "Create.RegionId"));
    }

    [Theory]
    [InlineData("password123", "这个密码太常见，很容易被猜中，请换一个")]
    [InlineData("woaini1314", "这个密码太常见，很容易被猜中，请换一个")]
    [InlineData("1qaz2wsx", "这个密码太常见，很容易被猜中，请换一个")]
    [InlineData("abcdefg", "密码至少需要 8 个字符（目前 7 个）；可以使用一句容易记住的话")]
    [InlineData("clerk-x", "密码至少需要 8 个字符（目前 7 个）；可以使用一句容易记住的话")]
    [InlineData("clerk-x-long", "密码不能与用户名相同")]
    [InlineData("        ", "密码不能只由空格或看不见的字符组成")]
    [InlineData("\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B", "密码不能只由空格或看不见的字符组成")]
    [InlineData("password123\u200B", "这个密码太常见，很容易被猜中，请换一个")]
    [InlineData("Password 1", "这个密码太常见，很容易被猜中，请换一个")]
    [InlineData("ｐａｓｓｗｏｒｄ１２３", "这个密码太常见，很容易被猜中，请换一个")]
    public async Task Weak_passwords_are_refused_with_a_Chinese_message_at_the_password_field(string password, string message)
    {
        var client = await AdminAsync();
        var fields = NewUser(password == "clerk-x-long" ? "clerk-x-long" : "clerk-x", PortalAuth.Clerk, password);
        fields["Create.BodyId"] = Id(_world.TownshipGov.Id);

        var response = await client.PostFormAsync("/Admin/Users", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, Accounts.FieldError(await response.Content.ReadAsStringAsync(), "Create.Password"));
    }

    [Fact]
    public async Task A_64_character_passphrase_is_accepted_and_signs_in()
    {
        var client = await AdminAsync();
        var passphrase = string.Concat(Enumerable.Repeat("春眠不觉晓 处处闻啼鸟 夜来风雨声 ", 4))[..64];
        Assert.Equal(64, passphrase.Length);
        var fields = NewUser("clerk-x", PortalAuth.Clerk, passphrase);
        fields["Create.BodyId"] = Id(_world.TownshipGov.Id);

        var response = await client.PostFormAsync("/Admin/Users", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _factory.Browser().SignInAsync("clerk-x", passphrase)).StatusCode);
    }

    [Fact]
    public async Task A_taken_user_name_is_refused_at_the_user_name_field()
    {
        var client = await AdminAsync();
        var response = await client.PostFormAsync("/Admin/Users", NewUser("admin", PortalAuth.Administrator, Accounts.Password));
        Assert.Equal("用户名「admin」已被使用", Accounts.FieldError(await response.Content.ReadAsStringAsync(), "Create.UserName"));
    }

    [Fact]
    public async Task An_administrator_cannot_disable_their_own_account()
    {
        var client = await AdminAsync();
        string id;
        await using (var db = _factory.Db()) id = (await db.Users.SingleAsync(u => u.UserName == "admin")).Id;
        var edit = $"/Admin/Users/Edit?id={id}";
        var response = await client.PostFormAsync(edit, new(), edit + "&handler=Disable");
        Assert.Contains("不能停用自己的账户", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var check = _factory.Db();
        Assert.False((await check.Users.SingleAsync(u => u.Id == id)).IsDisabled);
    }

    [Fact]
    public async Task A_password_over_128_characters_is_refused()
    {
        var client = await AdminAsync();
        var fields = NewUser("clerk-x", PortalAuth.Clerk, new string('x', 120) + "abcdefghi");
        fields["Create.BodyId"] = Id(_world.TownshipGov.Id);
        var response = await client.PostFormAsync("/Admin/Users", fields);
        Assert.Equal("密码不能超过 128 个字符", Accounts.FieldError(await response.Content.ReadAsStringAsync(), "Create.Password"));
    }

    [Fact]
    public async Task A_generated_password_is_shown_once_and_works()
    {
        var client = await AdminAsync();
        var fields = NewUser("reviewer-x", PortalAuth.Reviewer);
        fields["Create.RegionId"] = Id(_world.County.Id);

        var response = await client.PostFormAsync("/Admin/Users", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync(response.Headers.Location);
        var password = System.Text.RegularExpressions.Regex.Match(page, "<span class=\"secret\">([^<]+)</span>").Groups[1].Value;
        Assert.Equal(16, password.Length);
        Assert.DoesNotContain("class=\"secret\"", await client.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await _factory.Browser().SignInAsync("reviewer-x", password)).StatusCode);
    }

    [Fact]
    public async Task Every_admin_action_writes_an_audit_row()
    {
        var client = await AdminAsync();
        async Task Ok(string url, Dictionary<string, string> fields, string? postUrl = null)
        {
            var r = await client.PostFormAsync(url, fields, postUrl);
            Assert.True(r.StatusCode == HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        }

        await Ok("/Admin/Regions", new() { ["Create.Code"] = "331122102", ["Create.Name"] = "新建镇", ["Create.Level"] = "Township",
            ["Create.ParentId"] = Id(_world.County.Id) }, "/Admin/Regions?handler=Create");
        int regionId;
        await using (var db = _factory.Db()) regionId = (await db.Regions.SingleAsync(r => r.Code == "331122102")).Id;
        await Ok("/Admin/Regions", new() { ["Rename.RegionId"] = Id(regionId), ["Rename.Name"] = "新建乡" }, "/Admin/Regions?handler=Rename");
        await Ok("/Admin/Bodies", new() { ["Create.Code"] = "xinjian", ["Create.Name"] = "新建乡人民政府",
            ["Create.Kind"] = "TownshipGovernment", ["Create.RegionId"] = Id(regionId) });
        var fields = NewUser("clerk-x", PortalAuth.Clerk, Accounts.Password);
        fields["Create.BodyId"] = Id(_world.TownshipGov.Id);
        await Ok("/Admin/Users", fields);
        string userId;
        await using (var db = _factory.Db()) userId = (await db.Users.SingleAsync(u => u.UserName == "clerk-x")).Id;
        var edit = $"/Admin/Users/Edit?id={userId}";
        await Ok(edit, new() { ["Assign.BodyId"] = Id(_world.CountyDept.Id) }, edit + "&handler=Assign");
        await Ok(edit, new(), edit + "&handler=Disable");
        await Ok(edit, new(), edit + "&handler=Enable");
        await Ok(edit, new() { ["Reset.NewPassword"] = "a new and long passphrase" }, edit + "&handler=ResetPassword");

        await using var check = _factory.Db();
        var log = await check.AuditLog.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["sign-in.succeeded", "region.create", "region.rename", "body.create", "user.create", "user.assign", "user.disable",
            "user.enable", "user.reset-password"], log.Select(a => a.Action));
        Assert.All(log, a => Assert.Equal("admin", a.ActorName));
        Assert.All(log, a => Assert.False(string.IsNullOrEmpty(a.ActorId)));
        Assert.Equal("新建镇 → 新建乡", log[2].Detail);
        var user = await check.Users.SingleAsync(u => u.Id == userId);
        Assert.Equal(_world.CountyDept.Id, user.BodyId);
        Assert.False(user.IsDisabled);
        Assert.Equal(HttpStatusCode.Redirect, (await _factory.Browser().SignInAsync("clerk-x", "a new and long passphrase")).StatusCode);
    }

    [Fact]
    public async Task A_user_whose_password_an_administrator_set_must_change_it_before_any_other_page()
    {
        var admin = await AdminAsync();
        var fields = NewUser("clerk-x", PortalAuth.Clerk, "a password the admin knows");
        fields["Create.BodyId"] = Id(_world.TownshipGov.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Admin/Users", fields)).StatusCode);
        var clerk = _factory.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await clerk.SignInAsync("clerk-x", "a password the admin knows")).StatusCode);

        foreach (var url in new[] { "/clerk", "/", "/Admin", "/reports/qiandian/2024" })
        {
            var response = await clerk.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/ChangePassword", response.Headers.Location?.OriginalString);
        }
        var form = await clerk.GetStringAsync(new Uri("/Account/ChangePassword", UriKind.Relative));
        Assert.Contains("您的密码由管理员设定", form, StringComparison.Ordinal);

        var changed = await clerk.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = "a password the admin knows",
            ["Input.NewPassword"] = "only the clerk knows this one", ["Input.ConfirmPassword"] = "only the clerk knows this one",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync(new Uri("/clerk", UriKind.Relative))).StatusCode);

        // A reset by an administrator asks for a change again.
        string id;
        await using (var db = _factory.Db()) id = (await db.Users.SingleAsync(u => u.UserName == "clerk-x")).Id;
        var edit = $"/Admin/Users/Edit?id={id}";
        await admin.PostFormAsync(edit, new() { ["Reset.NewPassword"] = "another known password" }, edit + "&handler=ResetPassword");
        var again = _factory.Browser();
        await again.SignInAsync("clerk-x", "another known password");
        Assert.Equal("/Account/ChangePassword", (await again.GetAsync(new Uri("/clerk", UriKind.Relative))).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_audit_page_shows_account_events_newest_first_in_Beijing_time_filtered_by_user_name_and_paged()
    {
        var client = await AdminAsync();
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var db = _factory.Db())
        {
            for (var i = 0; i < 60; i++)
                db.AuditLog.Add(new AuditEntry(start.AddMinutes(i), null, "ghost", "sign-in.failed", "user", null, "用户名不存在", "10.0.0.9"));
            db.AuditLog.Add(new AuditEntry(start.AddHours(5), null, "someone-else", "sign-in.failed", "user", null, "用户名不存在", "10.0.0.8"));
            await db.SaveChangesAsync();
        }

        var first = await client.GetStringAsync(new Uri("/Admin/Audit?user=GHOST", UriKind.Relative));
        var second = await client.GetStringAsync(new Uri("/Admin/Audit?user=ghost&p=2", UriKind.Relative));

        var firstTimes = Times(first);
        Assert.Equal(AuditModelPageSize, firstTimes.Count);
        // 2026-03-01 00:59 UTC is 08:59 in Beijing, the newest of the 60.
        Assert.Equal("2026-03-01 08:59", firstTimes[0]);
        Assert.Equal(firstTimes.OrderByDescending(t => t, StringComparer.Ordinal), firstTimes);
        Assert.Contains("登录失败", first, StringComparison.Ordinal);
        Assert.DoesNotContain("someone-else", first, StringComparison.Ordinal);
        Assert.Contains("第 1 / 2 页", first, StringComparison.Ordinal);
        Assert.Equal(10, Times(second).Count);
        Assert.Equal("2026-03-01 08:00", Times(second)[^1]);
        // Unfiltered, the administrator's own sign-in is there, newest of all.
        var all = await client.GetStringAsync(new Uri("/Admin/Audit", UriKind.Relative));
        Assert.Contains("登录成功", all, StringComparison.Ordinal);
    }

    private const int AuditModelPageSize = DisclosurePortal.Web.Pages.Admin.AuditModel.PageSize;

    private static List<string> Times(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, @"<td>(\d{4}-\d\d-\d\d \d\d:\d\d)</td>").Select(m => m.Groups[1].Value)];

    [Fact]
    public async Task A_region_below_a_region_of_the_same_level_is_refused_at_the_level_field()
    {
        var client = await AdminAsync();
        var response = await client.PostFormAsync("/Admin/Regions", new()
        {
            ["Create.Code"] = "999", ["Create.Name"] = "错层县", ["Create.Level"] = "County", ["Create.ParentId"] = Id(_world.County.Id),
        }, "/Admin/Regions?handler=Create");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("层级必须低于上级区划", Accounts.FieldError(await response.Content.ReadAsStringAsync(), "Create.Level"),
            StringComparison.Ordinal);
    }

    /// <summary>The same form posted several times at once, as a double-click sends it.</summary>
    private static async Task<HttpResponseMessage[]> PostAtOnceAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var token = Accounts.AntiforgeryToken(await client.GetStringAsync(new Uri(url, UriKind.Relative)))!;
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(body))));
    }

    [Fact]
    public async Task A_double_submitted_account_or_body_is_created_once_audited_once_and_never_an_error_page()
    {
        var client = await AdminAsync();
        var accounts = await PostAtOnceAsync(client, "/Admin/Users", NewUser("twice", PortalAuth.Administrator, Accounts.Password));
        var bodies = await PostAtOnceAsync(client, "/Admin/Bodies", new()
        {
            ["Create.Code"] = "twice", ["Create.Name"] = "双击乡人民政府", ["Create.Kind"] = "TownshipGovernment",
            ["Create.RegionId"] = Id(_world.Township.Id),
        });

        Assert.All(accounts.Concat(bodies), r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Redirect }));
        await using var db = _factory.Db();
        Assert.Equal(1, await db.Users.CountAsync(u => u.UserName == "twice"));
        Assert.Equal(1, await db.Bodies.CountAsync(b => b.Code == "twice"));
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "user.create" && a.Detail!.StartsWith("twice")));
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "body.create" && a.Detail!.StartsWith("twice ")));
    }

    [Fact]
    public async Task A_duplicate_body_code_is_refused_at_the_code_field_and_the_other_entries_are_kept()
    {
        var client = await AdminAsync();
        var response = await client.PostFormAsync("/Admin/Bodies", new()
        {
            ["Create.Code"] = "qiandian", ["Create.Name"] = "另一个钱店镇", ["Create.Kind"] = "TownshipGovernment",
            ["Create.RegionId"] = Id(_world.Township.Id),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("该单位代码已存在", Accounts.FieldError(html, "Create.Code"));
        Assert.Contains("value=\"另一个钱店镇\"", html, StringComparison.Ordinal);
        Assert.Matches($"<option (selected=\"selected\" value=\"{_world.Township.Id}\"|value=\"{_world.Township.Id}\" selected=\"selected\")>", html);
        await using var db = _factory.Db();
        Assert.Equal(1, await db.Bodies.CountAsync(b => b.Code == "qiandian"));
        Assert.Empty(await db.AuditLog.Where(a => a.Entity == "body").ToListAsync());
    }

    [Fact]
    public async Task A_duplicate_region_code_and_an_empty_name_are_refused_at_their_fields()
    {
        var client = await AdminAsync();
        var response = await client.PostFormAsync("/Admin/Regions", new()
        {
            ["Create.Code"] = "331122", ["Create.Name"] = "  ", ["Create.Level"] = "County",
        }, "/Admin/Regions?handler=Create");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("请输入区划名称", Accounts.FieldError(html, "Create.Name"));

        response = await client.PostFormAsync("/Admin/Regions", new()
        {
            ["Create.Code"] = "331122", ["Create.Name"] = "重复县", ["Create.Level"] = "County",
        }, "/Admin/Regions?handler=Create");
        html = await response.Content.ReadAsStringAsync();
        Assert.Equal("该区划代码已存在", Accounts.FieldError(html, "Create.Code"));
        Assert.Contains("value=\"重复县\"", html, StringComparison.Ordinal);
        await using var db = _factory.Db();
        Assert.Equal(1, await db.Regions.CountAsync(r => r.Code == "331122"));
    }

    [Fact]
    public async Task An_empty_new_region_name_is_refused_in_that_row_and_nothing_changes()
    {
        var client = await AdminAsync();
        var response = await client.PostFormAsync("/Admin/Regions",
            new() { ["Rename.RegionId"] = Id(_world.County.Id), ["Rename.Name"] = " " }, "/Admin/Regions?handler=Rename");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("请输入新名称", Accounts.FieldError(html, "Rename.Name"));
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        await using var db = _factory.Db();
        Assert.Equal("缙云县", (await db.Regions.SingleAsync(r => r.Id == _world.County.Id)).Name);
    }

    [Fact]
    public async Task A_body_is_renamed_moved_and_given_another_kind_its_code_kept_and_the_change_audited()
    {
        var client = await AdminAsync();
        var edit = $"/Admin/Bodies/Edit?id={Id(_world.CountyDept.Id)}";
        var response = await client.PostFormAsync(edit, new()
        {
            ["Change.Name"] = "遂昌县教育局（合并后）", ["Change.Kind"] = "CountyDepartment", ["Change.RegionId"] = Id(_world.OtherCounty.Id),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = _factory.Db();
        var body = await db.Bodies.Include(b => b.Region).SingleAsync(b => b.Id == _world.CountyDept.Id);
        Assert.Equal(("jinyun-jyj", "遂昌县教育局（合并后）", "遂昌县"), (body.Code, body.Name, body.Region.Name));
        var audit = await db.AuditLog.SingleAsync(a => a.Entity == "body");
        Assert.Equal(("body.update", "admin"), (audit.Action, audit.ActorName));
        Assert.Equal("jinyun-jyj：缙云县教育局（县级政府部门），区划：缙云县 → 遂昌县教育局（合并后）（县级政府部门），区划：遂昌县", audit.Detail);
    }

    [Fact]
    public async Task A_body_left_without_a_name_or_given_a_kind_that_is_not_an_option_gets_Chinese_messages_at_the_fields()
    {
        var client = await AdminAsync();
        var edit = $"/Admin/Bodies/Edit?id={Id(_world.CountyDept.Id)}";
        var response = await client.PostFormAsync(edit, new()
        {
            ["Change.Name"] = "", ["Change.Kind"] = "<script>", ["Change.RegionId"] = "abc",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("请输入单位名称", Accounts.FieldError(html, "Change.Name"));
        Assert.Equal("「<script>」不是有效的选项或数值，请重新选择或填写", Accounts.FieldError(html, "Change.Kind"));
        Assert.Equal("「abc」不是有效的选项或数值，请重新选择或填写", Accounts.FieldError(html, "Change.RegionId"));
        Assert.DoesNotContain("<script>", html.Replace("<script src=", "", StringComparison.Ordinal), StringComparison.Ordinal);
        await using var db = _factory.Db();
        Assert.Equal("缙云县教育局", (await db.Bodies.SingleAsync(b => b.Id == _world.CountyDept.Id)).Name);
    }

    [Fact]
    public async Task The_layout_links_administrators_to_the_admin_pages()
    {
        var client = await AdminAsync();
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("href=\"/Admin\"", home, StringComparison.Ordinal);
        Assert.Contains("测试admin", home, StringComparison.Ordinal);
    }
}

[Collection(WebTests.Name)]
public sealed class DemoAccountTests(PostgresFixture pg) : IDisposable
{
    private readonly PortalFactory _factory = new(pg.CreateDatabase());

    public void Dispose() => _factory.Dispose();

    private async Task<int> SeedAsync()
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DisclosurePortal.Data.PortalDbContext>();
        await DemoSeeder.SeedIfEmptyAsync(db, DateTimeOffset.UtcNow);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return (await DemoAccounts.SeedIfNoUsersAsync(users, db, DateTimeOffset.UtcNow)).Count;
    }

    [Fact]
    public async Task Demo_seeding_creates_one_account_per_role_once_and_they_sign_in()
    {
        Assert.Equal(5, await SeedAsync());
        Assert.Equal(0, await SeedAsync());

        await using (var db = _factory.Db())
        {
            Assert.Equal(5, await db.Users.CountAsync());
            var clerk = await db.Users.Include(u => u.Body).SingleAsync(u => u.UserName == "clerk-qiandian");
            Assert.Equal("qiandian", clerk.Body!.Code);
            var reviewer = await db.Users.Include(u => u.Region).SingleAsync(u => u.UserName == "reviewer2-donghu");
            Assert.Equal("990101", reviewer.Region!.Code);
        }
        Assert.True(DisclosurePortal.Web.Accounts.PortalPasswordValidator.Check(DemoAccounts.Password, "admin").Succeeded);
        foreach (var a in DemoAccounts.All)
            Assert.Equal(HttpStatusCode.Redirect, (await _factory.Browser().SignInAsync(a.UserName, DemoAccounts.Password)).StatusCode);
    }
}
