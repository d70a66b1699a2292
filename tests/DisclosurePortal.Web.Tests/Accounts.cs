using System.Net;
using System.Text.RegularExpressions;
using DisclosurePortal.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DisclosurePortal.Web.Tests;

/// <summary>Accounts and form posts for the page tests: real Identity, real antiforgery tokens.</summary>
public static partial class Accounts
{
    public const string Password = "correct horse battery staple";

    public static async Task<PortalUser> CreateUserAsync(this PortalFactory factory, string userName, string role,
        int? bodyId = null, int? regionId = null, string password = Password)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser
        {
            UserName = userName, DisplayName = "测试" + userName, BodyId = bodyId, RegionId = regionId,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, role);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }

    public static HttpClient Browser(this PortalFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>GETs the form page, then posts the fields with its antiforgery token (the cookie rides along).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string formUrl,
        Dictionary<string, string> fields, string? postUrl = null)
    {
        var html = await client.GetStringAsync(new Uri(formUrl, UriKind.Relative));
        var token = AntiforgeryToken(html);
        Assert.True(token is not null, $"no antiforgery token on {formUrl}");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(new Uri(postUrl ?? formUrl, UriKind.Relative), content);
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string userName, string password = Password) =>
        client.PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });

    /// <summary>The antiforgery token of the page's form, decoded as the browser would post it, or null.</summary>
    public static string? AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    /// <summary>The message shown next to a field (the span of asp-validation-for), or null.</summary>
    public static string? FieldError(string html, string field)
    {
        var m = Regex.Match(html, $"<span[^>]*data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)</span>");
        return m.Success && m.Groups[1].Value.Length > 0 ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
