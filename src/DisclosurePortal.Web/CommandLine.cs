using System.Globalization;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Publishing;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Data.DemoData;
using DisclosurePortal.Data.Import;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Pdf;
using DisclosurePortal.Readers;
using DisclosurePortal.Web.Publishing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web;

/// <summary>
/// The operator's command-line switches. Migrations and demo data are explicit steps, never done silently at
/// start-up; one-shot commands (import, render, create-admin, unlock, migrate-only) exit with 0 on success and 1 on failure.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>--migrate</c>: apply the committed migrations, then serve.</item>
/// <item><c>--migrate-only</c>: apply the migrations and exit (deployment step).</item>
/// <item><c>--seed-demo</c>: load the demo data when the database has no regions, and the demo accounts when it
/// has no account; print how to sign in.</item>
/// <item><c>--create-admin USER</c>: create an administrator (password from DP_ADMIN_PASSWORD or standard input), and exit.</item>
/// <item><c>--unlock USER</c>: end an account's sign-in lockout (an administrator locked out by someone's guessing), and exit.</item>
/// <item><c>--import FILE [--body CODE]</c>: import a report (JSON form or published text) as a draft, and exit.</item>
/// <item><c>--render-pdf FILE.json OUT.pdf</c>: render the PDF of a report's JSON form, and exit (no database).</item>
/// <item><c>--check FILE [--json]</c>: read a published report and run the rules without storing it (no database,
/// no host): 0 when read, 2 when refused, 1 on a usage error.</item>
/// <item><c>--verbose</c>: with a one-shot command, log at information level too (the SQL it runs among it).</item>
/// </list>
/// </remarks>
public static class CommandLine
{
    public static bool IsRenderOnly(string[] args) => args.Contains("--render-pdf");

    public static bool IsCheck(string[] args) => args.Contains("--check");

    /// <summary>
    /// Reads a report as <c>--import</c> does and runs the rules on it, storing nothing. Called before the host is
    /// built, so no logger or banner can write to standard output, which with <c>--json</c> holds one JSON object.
    /// </summary>
    public static int Check(string[] args)
    {
        var file = ValueAfter(args, "--check");
        if (file is null || file.StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("用法：--check 报告文件 [--json]");
            return 1;
        }
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"检查失败：找不到文件 {file}");
            return 1;
        }
        var reading = ReportReader.ReadFile(file);
        if ((reading.Succeeded ? ReportCheck.Of(reading.Document!) : null) is not { } check)
        {
            Console.Error.WriteLine($"无法读取 {Path.GetFileName(file)}：{reading.Refusal}");
            return 2;
        }
        Console.Out.Write(args.Contains("--json") ? check.ToJson(reading.Json!) : check.ToSummary());
        Console.Out.Flush();
        return 0;
    }

    private static readonly string[] OneShot = ["--import", "--render-pdf", "--create-admin", "--unlock", "--migrate-only"];

    /// <summary>
    /// One-shot commands log warnings and errors only: the operator reads their one line of result, not the host's
    /// and EF Core's information lines. Added last, so it wins over appsettings and the environment.
    /// </summary>
    public static void QuietenOneShotLogging(IConfigurationBuilder configuration, string[] args)
    {
        if (!args.Any(OneShot.Contains) || args.Contains("--verbose")) return;
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Warning" });
    }

    /// <summary>
    /// <c>--import FILE --history [--body CODE] [--published-on YYYY-MM-DD]</c>: the report as the body published it,
    /// stored as its published history with the file kept (HistoryImport).
    /// </summary>
    private static async Task<int> ImportHistoryAsync(IServiceProvider services, PortalDbContext db, string file,
        ReportDocument document, string[] args)
    {
        var body = await ReportImport.FindBodyAsync(db, ValueAfter(args, "--body"), document.Body.Name, default);
        if (body is null)
        {
            await Console.Error.WriteLineAsync($"导入失败：平台中没有名为「{document.Body.Name}」的单位，请用 --body 指定单位代码");
            return 1;
        }
        DateOnly? publishedOn = null;
        if (ValueAfter(args, "--published-on") is { } day)
        {
            if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                await Console.Error.WriteLineAsync($"导入失败：原发布日期「{day}」应写作 YYYY-MM-DD");
                return 1;
            }
            publishedOn = parsed;
        }
        var outcome = await services.GetRequiredService<HistoryImport>().ImportAsync(body, document, Path.GetFileName(file),
            await File.ReadAllBytesAsync(file), publishedOn, new Actor("cli", "命令行导入"), DateTimeOffset.UtcNow, default);
        if (!outcome.Succeeded)
        {
            foreach (var e in outcome.Errors) await Console.Error.WriteLineAsync($"导入失败：{e}");
            return 1;
        }
        Console.WriteLine($"已作为历史报告（导入）发布：{body.Name} {document.Year} 年，报告编号 {outcome.ReportId}");
        return 0;
    }

    /// <summary>Runs the switches that come before serving. Returns an exit code to stop with, or null to serve.</summary>
    public static async Task<int?> RunAsync(WebApplication app, string[] args)
    {
        var has = args.ToHashSet(StringComparer.Ordinal);
        if (has.Contains("--render-pdf")) return RenderPdf(app, args);
        if (!(has.Contains("--migrate") || has.Contains("--migrate-only") || has.Contains("--seed-demo") || has.Contains("--import")
              || has.Contains("--create-admin") || has.Contains("--unlock")))
            return null;

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var log = app.Logger;
        if (has.Contains("--migrate") || has.Contains("--migrate-only"))
        {
            await db.Database.MigrateAsync();
            var codes = await VerificationCodeBackfill.RecordMissingAsync(db, default);
            log.LogInformation("Database migrations applied; verification codes recorded: {Count}", codes);
            if (await ProseFingerprints.FillMissingAsync(db, CancellationToken.None) is > 0 and var filled)
                log.LogInformation("Prose fingerprints made for {Count} earlier published revisions", filled);
        }
        if (has.Contains("--migrate-only")) return 0;
        if (has.Contains("--seed-demo"))
        {
            await SeedDemoAsync(scope.ServiceProvider, log);
            await PrintDemoSignInAsync(app, db);
        }
        if (has.Contains("--create-admin"))
            return await CreateAdminAsync(scope.ServiceProvider, ValueAfter(args, "--create-admin"));
        if (has.Contains("--unlock"))
            return await UnlockAsync(scope.ServiceProvider, ValueAfter(args, "--unlock"));
        if (has.Contains("--import"))
        {
            var file = ValueAfter(args, "--import");
            if (file is null || !File.Exists(file))
            {
                await Console.Error.WriteLineAsync($"导入失败：找不到文件 {file}");
                return 1;
            }
            // Web page, PDF, Word, text or the JSON form: the same readers as every other way in.
            var reading = ReportReader.ReadFile(file);
            if (!reading.Succeeded)
            {
                await Console.Error.WriteLineAsync($"导入失败：{reading.Refusal}");
                return 1;
            }
            if (has.Contains("--history"))
                return await ImportHistoryAsync(scope.ServiceProvider, db, file, reading.Document!, args);
            var outcome = await ReportImport.ImportAsync(db, reading.Document!, ValueAfter(args, "--body"),
                new Actor("cli", "命令行导入"), DateTimeOffset.UtcNow);
            if (!outcome.Succeeded)
            {
                foreach (var e in outcome.Errors) await Console.Error.WriteLineAsync($"导入失败：{e}");
                return 1;
            }
            Console.WriteLine($"已导入为草稿，报告编号 {outcome.ReportId}");
            return 0;
        }
        return null;
    }

    /// <summary>The demo regions, bodies, reports with their official PDFs, and accounts; skipped parts that exist.</summary>
    public static async Task SeedDemoAsync(IServiceProvider services, ILogger log)
    {
        var db = services.GetRequiredService<PortalDbContext>();
        var loaded = await DemoSeeder.SeedIfEmptyAsync(db, DateTimeOffset.UtcNow);
        log.LogInformation("Demo data loaded: {Loaded} (skipped when the database already has data)", loaded);
        // The seeder publishes through the domain, below the web layer; the official PDFs are made here.
        var pdfs = await services.GetRequiredService<ReportPublisher>().StoreMissingPdfsAsync(default);
        log.LogInformation("Official PDFs rendered for published demo revisions: {Count}", pdfs);
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var accounts = await DemoAccounts.SeedIfNoUsersAsync(users, db, DateTimeOffset.UtcNow);
        log.LogInformation("Demo accounts created: {Count} (none when the database already has accounts)", accounts.Count);
    }

    private static async Task PrintDemoSignInAsync(WebApplication app, PortalDbContext db)
    {
        var names = DemoAccounts.All.Select(a => a.UserName).ToList();
        var present = await db.Users.Where(u => names.Contains(u.UserName!)).Select(u => u.UserName).ToListAsync();
        if (present.Count == 0) return;
        var url = (app.Configuration["urls"] ?? "http://localhost:5000").Split(';')[0].TrimEnd('/');
        Console.WriteLine($"演示账户：在 {url}/Account/Login 登录，初始密码均为 {DemoAccounts.Password}");
        foreach (var a in DemoAccounts.All.Where(a => present.Contains(a.UserName)))
            Console.WriteLine($"  {a.UserName,-18} {PortalAuth.RoleLabel(a.Role)}  {a.DisplayName}");
    }

    /// <summary>
    /// Creates the first administrator of a real deployment. The password comes from DP_ADMIN_PASSWORD or standard
    /// input, never from the command line, where it would stay in the shell history and the process list.
    /// </summary>
    private static async Task<int> CreateAdminAsync(IServiceProvider services, string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("用法：--create-admin 用户名（密码取自环境变量 DP_ADMIN_PASSWORD 或标准输入）");
            return 1;
        }
        var password = Environment.GetEnvironmentVariable("DP_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password)) password = ReadPassword($"请输入管理员 {userName} 的密码：");
        if (string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync("未提供密码：请设置 DP_ADMIN_PASSWORD 或从标准输入输入");
            return 1;
        }
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            await Console.Error.WriteLineAsync($"无法创建管理员：用户名「{userName}」已存在");
            return 1;
        }
        var user = new PortalUser { UserName = userName, DisplayName = "系统管理员", CreatedAt = DateTimeOffset.UtcNow };
        // The account, its role and its audit line, or none of them (the user manager works in this same context).
        var db = services.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, PortalAuth.Administrator);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) await Console.Error.WriteLineAsync($"无法创建管理员：{e.Description}");
            return 1;
        }
        db.AuditLog.Add(new AuditEntry(DateTimeOffset.UtcNow, null, "命令行", "user.create", "user", user.Id,
            $"{userName}（管理员），--create-admin", null));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        Console.WriteLine($"已创建管理员 {userName}");
        return 0;
    }

    /// <summary>
    /// Ends the lockout of an account and resets its failure count. The sign-in page cannot say an account is
    /// locked (that would tell which names exist), so an operator on the server is the way back in.
    /// </summary>
    private static async Task<int> UnlockAsync(IServiceProvider services, string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("用法：--unlock 用户名");
            return 1;
        }
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            await Console.Error.WriteLineAsync($"无法解锁：没有用户名为「{userName}」的账户");
            return 1;
        }
        var wasLocked = await users.IsLockedOutAsync(user);
        var db = services.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await users.SetLockoutEndDateAsync(user, null);
        if (result.Succeeded) result = await users.ResetAccessFailedCountAsync(user);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) await Console.Error.WriteLineAsync($"无法解锁：{e.Description}");
            return 1;
        }
        db.AuditLog.Add(new AuditEntry(DateTimeOffset.UtcNow, null, "命令行", Accounts.AccountAudit.Unlocked, "user", user.Id,
            $"{userName}，--unlock" + (wasLocked ? "" : "（原本未锁定）"), null));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        Console.WriteLine((wasLocked ? $"已解除账户 {userName} 的锁定" : $"账户 {userName} 未被锁定，已清零失败次数")
            + (user.IsDisabled ? "；注意：该账户已停用" : ""));
        return 0;
    }

    private static string? ReadPassword(string prompt)
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine();
        Console.Error.Write(prompt);
        var chars = new System.Text.StringBuilder();
        // Not echoed: the password must not stay on the screen or in a terminal recording.
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace) { if (chars.Length > 0) chars.Length--; }
            else if (!char.IsControl(key.KeyChar)) chars.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return chars.ToString();
    }

    private static int RenderPdf(WebApplication app, string[] args)
    {
        var i = Array.IndexOf(args, "--render-pdf");
        if (i + 2 >= args.Length)
        {
            Console.Error.WriteLine("用法：--render-pdf 报告.json 输出.pdf");
            return 1;
        }
        if (!File.Exists(args[i + 1]))
        {
            Console.Error.WriteLine($"无法读取报告：找不到文件 {args[i + 1]} (file not found)");
            return 1;
        }
        var parsed = ReportJson.Parse(File.ReadAllText(args[i + 1]));
        if (!parsed.Succeeded)
        {
            foreach (var e in parsed.Errors) Console.Error.WriteLine($"无法读取报告：{e.Message}");
            return 1;
        }
        var doc = parsed.Document!;
        var fonts = PublishingSetup.FontDirectory(app.Configuration, app.Environment.ContentRootPath);
        if (!ReportPdfRenderer.HasFonts(fonts))
        {
            Console.Error.WriteLine($"无法生成 PDF：找不到字体 Noto Serif SC（{fonts}），请运行 scripts/run.sh 获取字体或设置 Pdf__FontDirectory / "
                + "PDF fonts not found: run scripts/run.sh to fetch them or set Pdf__FontDirectory");
            return 1;
        }
        var published = doc.Revision is { Status: RevisionStatus.Published } r ? r.PublishedAt : null;
        var report = new PdfReport(doc.Body.Name, doc.Year, doc.Data, doc.Revision?.Number ?? 1, published,
            VerificationCode.For(doc), IsDraft: published is null,
            DraftTimestamp: new DateTimeOffset(doc.Year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero));
        try
        {
            File.WriteAllBytes(args[i + 2], new ReportPdfRenderer(fonts).Render(report));
        }
        catch (MissingGlyphException ex)
        {
            Console.Error.WriteLine($"无法生成 PDF：{ex.Message}");
            return 1;
        }
        Console.WriteLine($"已生成 {args[i + 2]}");
        return 0;
    }

    private static string? ValueAfter(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
