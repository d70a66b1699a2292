using DisclosurePortal.Data;
using DisclosurePortal.Data.DemoData;
using DisclosurePortal.Data.Import;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Pdf;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web;

/// <summary>
/// The operator's command-line switches. Migrations and demo data are explicit steps, never done silently at
/// start-up; one-shot commands (import, render, migrate-only) exit with 0 on success and 1 on failure.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>--migrate</c>: apply the committed migrations, then serve.</item>
/// <item><c>--migrate-only</c>: apply the migrations and exit (deployment step).</item>
/// <item><c>--seed-demo</c>: load the demo data when the database has no regions.</item>
/// <item><c>--import FILE [--body CODE]</c>: import a report (JSON form or published text) as a draft, and exit.</item>
/// <item><c>--render-pdf FILE.json OUT.pdf</c>: render the PDF of a report's JSON form, and exit (no database).</item>
/// </list>
/// </remarks>
public static class CommandLine
{
    public static bool IsRenderOnly(string[] args) => args.Contains("--render-pdf");

    /// <summary>Runs the switches that come before serving. Returns an exit code to stop with, or null to serve.</summary>
    public static async Task<int?> RunAsync(WebApplication app, string[] args)
    {
        var has = args.ToHashSet(StringComparer.Ordinal);
        if (has.Contains("--render-pdf")) return RenderPdf(app, args);
        if (!(has.Contains("--migrate") || has.Contains("--migrate-only") || has.Contains("--seed-demo") || has.Contains("--import")))
            return null;

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var log = app.Logger;
        if (has.Contains("--migrate") || has.Contains("--migrate-only"))
        {
            await db.Database.MigrateAsync();
            log.LogInformation("Database migrations applied");
        }
        if (has.Contains("--migrate-only")) return 0;
        if (has.Contains("--seed-demo"))
        {
            var loaded = await DemoSeeder.SeedIfEmptyAsync(db, DateTimeOffset.UtcNow);
            log.LogInformation("Demo data loaded: {Loaded} (skipped when the database already has data)", loaded);
        }
        if (has.Contains("--import"))
        {
            var file = ValueAfter(args, "--import");
            if (file is null || !File.Exists(file))
            {
                await Console.Error.WriteLineAsync($"导入失败：找不到文件 {file}");
                return 1;
            }
            var outcome = await ReportImport.ImportAsync(db, await File.ReadAllTextAsync(file), ValueAfter(args, "--body"),
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

    private static int RenderPdf(WebApplication app, string[] args)
    {
        var i = Array.IndexOf(args, "--render-pdf");
        if (i + 2 >= args.Length)
        {
            Console.Error.WriteLine("用法：--render-pdf 报告.json 输出.pdf");
            return 1;
        }
        var parsed = ReportJson.Parse(File.ReadAllText(args[i + 1]));
        if (!parsed.Succeeded)
        {
            foreach (var e in parsed.Errors) Console.Error.WriteLine($"无法读取报告：{e.Message}");
            return 1;
        }
        var doc = parsed.Document!;
        var fonts = app.Configuration["Pdf:FontDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "fonts");
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
