using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.TestSupport;
using DisclosurePortal.Web.Operations;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace DisclosurePortal.Web.Tests;

/// <summary>Receives the app's log events and formats them with the app's console formatter (compact JSON).</summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Serilog.Formatting.ITextFormatter _formatter = OperationsSetup.ConsoleFormatter(json: true);

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        _formatter.Format(logEvent, writer);
        _lines.Enqueue(writer.ToString());
    }

    public string Text => string.Concat(_lines);

    public IReadOnlyList<JsonElement> Json => _lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    /// <summary>The request line of a method and path; the request logger writes it as the response completes.</summary>
    public async Task<JsonElement> RequestLineAsync(string method, string path)
    {
        for (var i = 0; i < 100; i++)
        {
            var line = Json.FirstOrDefault(j => j.TryGetProperty("RequestPath", out var p) && p.GetString() == path
                && j.GetProperty("RequestMethod").GetString() == method);
            if (line.ValueKind == JsonValueKind.Object) return line;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"no request line for {method} {path} in:\n{Text}");
    }
}

[Collection(WebTests.Name)]
public sealed class LoggingTests : IDisposable
{
    private readonly PortalFactory _factory;
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app;
    private readonly CapturedLog _log = new();
    private readonly TestWorld _world;

    public LoggingTests(PostgresFixture pg)
    {
        _factory = new PortalFactory(pg.CreateDatabase());
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILogEventSink>(_log)));
        using var db = _factory.Db();
        _world = TestWorld.Create(db);
    }

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task Each_request_is_one_JSON_line_with_user_body_status_and_elapsed_time()
    {
        var user = await _factory.CreateUserAsync("clerk-log", PortalAuth.Clerk, bodyId: _world.TownshipGov.Id);
        var client = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("clerk-log")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/clerk", UriKind.Relative))).StatusCode);

        var line = await _log.RequestLineAsync("GET", "/clerk");
        Assert.Equal(user.Id, line.GetProperty("UserId").GetString());
        Assert.Equal(_world.TownshipGov.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), line.GetProperty("BodyId").GetString());
        Assert.Equal(200, line.GetProperty("StatusCode").GetInt32());
        Assert.True(line.GetProperty("Elapsed").GetDouble() > 0);
        Assert.Equal("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms", line.GetProperty("@mt").GetString());
        Assert.True(DateTimeOffset.TryParse(line.GetProperty("@t").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Single(_log.Json, j => j.TryGetProperty("RequestPath", out var p) && p.GetString() == "/clerk");
        var anonymous = await _log.RequestLineAsync("GET", "/Account/Login");
        Assert.False(anonymous.TryGetProperty("UserId", out _));
    }

    [Fact]
    public async Task A_sign_in_leaves_neither_the_password_nor_the_form_nor_the_name_in_the_log()
    {
        const string password = "Zhang-San 的秘密口令 2025!";
        await _factory.CreateUserAsync("clerk-secret", PortalAuth.Clerk, bodyId: _world.TownshipGov.Id, password: password);
        var client = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        await client.SignInAsync("clerk-secret", password + "x");
        var success = await client.SignInAsync("clerk-secret", password);
        Assert.Equal(HttpStatusCode.Redirect, success.StatusCode);
        await client.GetAsync(new Uri("/", UriKind.Relative));

        var post = await _log.RequestLineAsync("POST", "/Account/Login");
        Assert.Equal(200, post.GetProperty("StatusCode").GetInt32());
        await _log.RequestLineAsync("GET", "/");
        var text = _log.Text;
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(password), text, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Password", text, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", text, StringComparison.Ordinal);
        Assert.DoesNotContain("测试clerk-secret", text, StringComparison.Ordinal);
    }
}
