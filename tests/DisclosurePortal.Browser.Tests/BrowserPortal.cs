using DisclosurePortal.Data;
using DisclosurePortal.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using DisclosurePortal.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DisclosurePortal.Browser.Tests;

[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<PostgresFixture>
{
    public const string Name = "Browser on PostgreSQL";
}

/// <summary>
/// The real application on a fresh, migrated database, served by Kestrel on a free port of 127.0.0.1 so that a
/// real browser can reach it (the in-memory TestServer has no socket).
/// </summary>
/// <remarks>
/// Nothing is replaced: the browser signs in through the login page with a real Identity account
/// (<see cref="CreateClerkAsync"/>), and the app's cookies, antiforgery and authorization run as in production.
/// </remarks>
public sealed class BrowserPortal : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">Configuration to override, e.g. <c>Accounts:SecurityStampValidationInterval</c>.</param>
    public BrowserPortal(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        ConnectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(0);
    }

    public string ConnectionString { get; }

    public PortalDbContext Db() => PortalDb.Create(ConnectionString);

    /// <summary>Starts Kestrel and returns where it listens, e.g. http://127.0.0.1:41234.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Portal", ConnectionString);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public const string Password = "correct horse battery staple";

    /// <summary>Creates a reviewer account of the region (and its sub-regions), as an administrator would.</summary>
    public async Task CreateReviewerAsync(string userName, string displayName, int regionId)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = userName, DisplayName = displayName, RegionId = regionId, CreatedAt = DateTimeOffset.UtcNow };
        var result = await users.CreateAsync(user, Password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, PortalAuth.Reviewer);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Creates a clerk account of the body, as an administrator would.</summary>
    public Task CreateClerkAsync(string userName, string displayName, int bodyId) =>
        CreateAccountAsync(userName, displayName, PortalAuth.Clerk, bodyId);

    /// <summary>Creates an account of the role (the first administrator comes from --create-admin in a deployment).</summary>
    public async Task CreateAccountAsync(string userName, string displayName, string role, int? bodyId = null, int? regionId = null)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser
        {
            UserName = userName, DisplayName = displayName, BodyId = bodyId, RegionId = regionId, CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(user, Password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, role);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}

/// <summary>Debian's Chromium driven by the driver inside the Microsoft.Playwright package; nothing is downloaded.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>
    /// A browser context that waits up to a minute for a page or an element. The first test of a run meets a cold
    /// portal (every path still to be compiled) while the web tests start dozens of portals beside it on the same
    /// two cores: one CI run timed out after Playwright's default 30 s on the reviewer's first page, which passes in
    /// seconds on its own. A real failure still fails, only later.
    /// </summary>
    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser, BrowserNewContextOptions options)
    {
        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        // Expect(…) waits 5 s by default, for a page answered by the same cold portal.
        Assertions.SetDefaultExpectTimeout(15_000);
        return context;
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        // No sandbox: CI runs as root in a container. The background-networking flags keep Chromium from calling
        // Google's services, whose refused connections on this closed network otherwise stall the browser.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"],
        Env = Environment(),
    });

    /// <summary>
    /// The test process's environment plus a fontconfig file that adds the repository's Noto Serif SC (fetched by
    /// scripts/test.sh for the PDFs): a bare CI machine has no Chinese font, and the screenshots would show every
    /// character as a box. Playwright's Env replaces the browser's environment, hence the copy; the locale is
    /// fixed to C.UTF-8, which every Debian has.
    /// </summary>
    private static Dictionary<string, string> Environment()
    {
        var env = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        var fonts = TestFonts.Directory();
        var dir = Path.Combine(AppContext.BaseDirectory, "fontconfig");
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "fonts.conf");
        File.WriteAllText(config, $"""
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
            <fontconfig>
              <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
              <dir>{System.Security.SecurityElement.Escape(fonts)}</dir>
              <cachedir>{System.Security.SecurityElement.Escape(Path.Combine(dir, "cache"))}</cachedir>
            </fontconfig>
            """);
        env["FONTCONFIG_FILE"] = config;
        // Chromium names a download after its Chinese Content-Disposition only under a UTF-8 locale; under POSIX
        // (a normal user's login on a bare Debian sets none) every PDF would save as "download".
        env["LC_ALL"] = "C.UTF-8";
        return env;
    }
}

/// <summary>The sign-in form, used as a person uses it; every browser test signs in through here.</summary>
public static class LoginForm
{
    /// <summary>Opens /Account/Login for the return address, signs in, and waits until the browser is there.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password, string returnUrl)
    {
        await page.GotoAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        await SubmitAsync(page, userName, password);
        await ArriveAsync(page, returnUrl);
    }

    /// <summary>Fills the form the page shows and submits it (a refusal leaves the browser on the form).</summary>
    public static async Task SubmitAsync(IPage page, string userName, string password)
    {
        await page.FillAsync("#Input_UserName", userName);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("button[type=submit]");
    }

    /// <summary>
    /// Waits for the page to reach the path (and any query after it). When it does not, the failure says where
    /// the browser is and what the page says — a sign-in answered by an error page otherwise shows only a timeout.
    /// </summary>
    public static async Task ArriveAsync(IPage page, string path)
    {
        try
        {
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
        }
        catch (TimeoutException e)
        {
            var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            throw new TimeoutException($"expected {path}, the browser is at {page.Url}, the page says: " +
                                       (text.Length > 400 ? text[..400] : text), e);
        }
    }
}
