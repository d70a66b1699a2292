using System.Net;
using System.Text.RegularExpressions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace DisclosurePortal.Web.Tests.Attack;

/// <summary>
/// NUL bytes, whitespace-only route values and dates at the ends of the calendar, sent to the pages' routes and
/// handlers: each is answered with a 4xx and a Chinese message, never a 500, and none is logged as an error.
/// </summary>
[Collection(WebTests.Name)]
public sealed partial class MalformedInputTests : IDisposable
{
    private readonly PortalFactory _factory;
    private readonly WebApplicationFactory<Program> _app;
    private readonly CapturedLog _log = new();
    private readonly TestWorld _world;
    private readonly int _submittedId;

    public MalformedInputTests(PostgresFixture pg)
    {
        _factory = new PortalFactory(pg.CreateDatabase());
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            TestAuthHandler.Register(s);
            s.AddSingleton<ILogEventSink>(_log);
        }));
        using var db = _factory.Db();
        _world = TestWorld.Create(db);
        var submitted = TestWorld.Report(_world.TownshipGov, 2024, seed: 31, RevisionStatus.Submitted);
        db.Reports.Add(submitted);
        db.SaveChanges();
        _submittedId = submitted.Id;
    }

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
    }

    private HttpClient Client(string? user = null)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (user is not null) client.DefaultRequestHeaders.Add(TestAuthHandler.Header, user);
        return client;
    }

    private static string Administrator => $"admin-1|管理员|{Data.Accounts.PortalAuth.Administrator}";
    private string Reviewer => TestAuthHandler.Reviewer("reviewer-1", _world.County.Id, "李审核");

    public static TheoryData<string> AnonymousUrls =>
    [
        // A NUL in the path itself is refused by the server before the application (Kestrel: 400).
        "/reports/%20/2024", "/reports/%09/2024", "/reports/%E3%80%80/2024", "/reports/%20/2024/revisions/1",
        "/regions/%20", "/regions/%09", "/regions/%20?year=%00",
        "/api/v1/bodies/%2e%2e", "/api/v1/bodies/%20", "/api/v1/bodies/%20/reports/2024",
        "/api/v1/regions/%20/reports/2024", "/api/v1/regions/%0A/aggregates/2024", "/api/v1/bodies?page=%00",
    ];

    [Theory]
    [MemberData(nameof(AnonymousUrls))]
    public async Task A_malformed_public_address_gets_a_4xx_in_Chinese_and_no_error_in_the_log(string url)
    {
        var response = await Client().GetAsync(new Uri(url, UriKind.Relative));

        await AssertRefusedAsync(response, url);
    }

    public static TheoryData<string> AdministratorUrls =>
    [
        "/Admin/Users/Edit?id=%00", "/Admin/Users/Edit?id=%20", "/Admin/Users/Edit?id=a%00b",
        "/Admin/Bodies/Edit?id=%00", "/Admin/Bodies/Edit?id=%20",
    ];

    [Theory]
    [MemberData(nameof(AdministratorUrls))]
    public async Task A_malformed_admin_address_gets_a_4xx_in_Chinese(string url)
    {
        var response = await Client(Administrator).GetAsync(new Uri(url, UriKind.Relative));

        await AssertRefusedAsync(response, url);
    }

    public static TheoryData<string> ExtremeDates =>
        ["0001-01-01T00:00", "9999-12-31T23:59", "0001-01-01", "1900-01-01T00:00", "\0"];

    [Theory]
    [MemberData(nameof(ExtremeDates))]
    public async Task A_schedule_at_the_ends_of_the_calendar_is_refused_in_Chinese_and_nothing_changes(string publishAt)
    {
        var client = Client(Reviewer);
        var page = await client.GetStringAsync(new Uri($"/review/reports/{_submittedId}", UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value),
            ["Version"] = VersionField().Match(page).Groups[1].Value,
            ["PublishAt"] = publishAt,
        });

        var response = await client.PostAsync(new Uri($"/review/reports/{_submittedId}?handler=Schedule", UriKind.Relative), content);

        Assert.True((int)response.StatusCode < 500, $"{publishAt}: {(int)response.StatusCode}");
        Assert.Matches(Chinese(), WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        using var db = _factory.Db();
        Assert.Equal(RevisionStatus.Submitted,
            db.Revisions.Where(v => v.ReportId == _submittedId).OrderByDescending(v => v.Number).First().Status);
        Assert.DoesNotContain("\"Level\":\"Error\"", _log.Text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> ControlCharacterNames =>
    new()
    {
        { "/Admin/Bodies", "Create.Name", "某某局\r\nX-Injected: yes" },
        { "/Admin/Bodies", "Create.Name", "某某\t局" },
        { "/Admin/Bodies", "Create.Code", "code-x\n" },
        { "/Admin/Bodies", "Create.Name", "\u200B\u3164\u115F" },
        { "/Admin/Regions", "Create.Name", "某某\r\n区" },
        { "/Admin/Regions", "Create.Code", "r-1\t" },
        { "/Admin/Users", "Create.DisplayName", "王\r\n填报" },
        { "/Admin/Users", "Create.DisplayName", "\uFEFF\u2060" },
    };

    [Theory]
    [MemberData(nameof(ControlCharacterNames))]
    public async Task A_name_or_code_with_a_control_character_or_nothing_visible_is_refused_at_the_field(
        string page, string field, string value)
    {
        var client = Client(Administrator);
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value),
            ["Create.Code"] = "new-code", ["Create.Name"] = "新名称", ["Create.Kind"] = "CountyGovernment",
            ["Create.Level"] = "Township", ["Create.ParentId"] = _world.County.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Create.RegionId"] = _world.County.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Create.UserName"] = "new-user", ["Create.DisplayName"] = "王填报", ["Create.Role"] = "Administrator",
            ["Create.Password"] = "a long enough passphrase 42",
            [field] = value,
        };
        using var content = new FormUrlEncodedContent(fields);

        var post = page == "/Admin/Regions" ? page + "?handler=Create" : page;
        var response = await client.PostAsync(new Uri(post, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(Chinese(), Accounts.FieldError(await response.Content.ReadAsStringAsync(), field) ?? "");
        using var db = _factory.Db();
        Assert.False(db.Bodies.Any(b => b.Code == "new-code" || b.Name.Contains("X-Injected")));
        Assert.False(db.Regions.Any(r => r.Code == "new-code"));
        Assert.False(db.Users.Any(u => u.UserName == "new-user"));
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, string url)
    {
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{url}: {status}");
        Assert.Matches(Chinese(), await response.Content.ReadAsStringAsync());
        // The request line is written as the response completes; give it the moment it takes.
        await Task.Delay(100);
        Assert.DoesNotContain("\"Level\":\"Error\"", _log.Text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
