using DisclosurePortal.Data;
using DisclosurePortal.Data.DemoData;
using Microsoft.EntityFrameworkCore;
using Serilog;

// Command-line switches (explicit steps, never silent at start-up in production):
//   --migrate     apply the committed EF Core migrations, then serve
//   --seed-demo   load the demo region tree and reports when the database has no regions
//   --migrate-only  apply the migrations and exit (operators, deployment)
Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .CreateBootstrapLogger();

var builder = WebApplication.CreateBuilder(args);
builder.Host.UseSerilog((ctx, cfg) => cfg.ReadFrom.Configuration(ctx.Configuration)
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));

var connectionString = builder.Configuration.GetConnectionString("Portal")
    ?? throw new InvalidOperationException(
        "缺少数据库连接：请设置 ConnectionStrings__Portal（或用 scripts/run.sh 启动本地数据库）");
builder.Services.AddDbContext<PortalDbContext>(o => PortalDb.Configure(o, connectionString));
builder.Services.AddRazorPages();
// Write Chinese as characters, not &#x…; entities: pages stay readable, searchable and a third the size.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

var app = builder.Build();

var switches = args.ToHashSet(StringComparer.Ordinal);
if (switches.Contains("--migrate") || switches.Contains("--migrate-only") || switches.Contains("--seed-demo"))
{
    using var scope = app.Services.CreateScope();
    var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
    if (switches.Contains("--migrate") || switches.Contains("--migrate-only"))
    {
        await db.Database.MigrateAsync();
        Log.Information("Database migrations applied");
    }
    if (switches.Contains("--migrate-only")) return;
    if (switches.Contains("--seed-demo"))
    {
        var loaded = await DemoSeeder.SeedIfEmptyAsync(db, DateTimeOffset.UtcNow);
        Log.Information(loaded ? "Demo data loaded" : "Database already has data; demo data not loaded");
    }
}

app.UseSerilogRequestLogging();
if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error");
app.UseStaticFiles();
app.UseRouting();
app.MapRazorPages();
app.MapGet("/healthz", () => Results.Text("ok"));

await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
