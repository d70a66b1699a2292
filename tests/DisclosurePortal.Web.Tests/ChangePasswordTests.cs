using System.Net;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Tests;

[Collection(WebTests.Name)]
public sealed class ChangePasswordTests(PostgresFixture pg) : IDisposable
{
    private readonly PortalFactory _factory = new(pg.CreateDatabase());
    private const string NewPassword = "a brand new passphrase";

    public void Dispose() => _factory.Dispose();

    private static Dictionary<string, string> Change(string current, string next, string confirm) => new()
    {
        ["Input.CurrentPassword"] = current, ["Input.NewPassword"] = next, ["Input.ConfirmPassword"] = confirm,
    };

    [Fact]
    public async Task Every_signed_in_user_has_the_page_and_an_anonymous_visitor_is_sent_to_sign_in()
    {
        await _factory.CreateUserAsync("clerk-a", PortalAuth.Clerk);
        var client = _factory.Browser();
        await client.SignInAsync("clerk-a");

        Assert.Contains("<a href=\"/Account/ChangePassword\">修改密码</a>", await client.GetStringAsync(new Uri("/", UriKind.Relative)),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Account/ChangePassword", UriKind.Relative))).StatusCode);
        var anonymous = await _factory.Browser().GetAsync(new Uri("/Account/ChangePassword", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong current password", NewPassword, NewPassword, "Input.CurrentPassword", "当前密码不正确")]
    [InlineData(Accounts.Password, NewPassword, "a different passphrase", "Input.ConfirmPassword", "两次输入的新密码不一致")]
    [InlineData(Accounts.Password, "password123", "password123", "Input.NewPassword", "这个密码太常见，很容易被猜中，请换一个")]
    [InlineData(Accounts.Password, "short", "short", "Input.NewPassword", "密码至少需要 8 个字符（目前 5 个）；可以使用一句容易记住的话")]
    [InlineData(Accounts.Password, "correct horse  battery staple", "correct horse  battery staple", "Input.NewPassword", "新密码不能与当前密码相同")]
    [InlineData("", "", "", "Input.CurrentPassword", "请输入当前密码")]
    public async Task A_refused_change_says_why_in_Chinese_at_the_field_and_keeps_the_old_password(string current, string next,
        string confirm, string field, string message)
    {
        await _factory.CreateUserAsync("clerk-a", PortalAuth.Clerk);
        var client = _factory.Browser();
        await client.SignInAsync("clerk-a");

        var response = await client.PostFormAsync("/Account/ChangePassword", Change(current, next, confirm));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, Accounts.FieldError(await response.Content.ReadAsStringAsync(), field));
        Assert.Equal(HttpStatusCode.Redirect, (await _factory.Browser().SignInAsync("clerk-a")).StatusCode);
    }

    [Fact]
    public async Task A_change_ends_the_users_other_sessions_keeps_this_one_and_is_audited()
    {
        var user = await _factory.CreateUserAsync("clerk-a", PortalAuth.Clerk);
        var elsewhere = _factory.Browser();
        await elsewhere.SignInAsync("clerk-a");
        var here = _factory.Browser();
        await here.SignInAsync("clerk-a");

        var response = await here.PostFormAsync("/Account/ChangePassword", Change(Accounts.Password, NewPassword, NewPassword));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("密码已修改", await here.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync(new Uri("/Account/ChangePassword", UriKind.Relative))).StatusCode);
        var other = await elsewhere.GetAsync(new Uri("/Account/ChangePassword", UriKind.Relative));
        Assert.StartsWith("/Account/Login", other.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _factory.Browser().SignInAsync("clerk-a")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _factory.Browser().SignInAsync("clerk-a", NewPassword)).StatusCode);
        await using var db = _factory.Db();
        var change = await db.AuditLog.SingleAsync(a => a.Action == "password.change");
        Assert.Equal(("clerk-a", user.Id, user.Id), (change.ActorName, change.ActorId, change.EntityId));
    }
}
