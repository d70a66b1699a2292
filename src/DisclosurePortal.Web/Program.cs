using DisclosurePortal.Data;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Web;
using DisclosurePortal.Web.Accounts;
using DisclosurePortal.Web.Diagnostics;
using DisclosurePortal.Web.Operations;
using DisclosurePortal.Web.OpenData;
using DisclosurePortal.Web.PublicSite;
using DisclosurePortal.Web.Publishing;
using DisclosurePortal.Web.Security;
using Serilog;

// Command-line switches (--migrate, --seed-demo, --import, --render-pdf, …): see CommandLine.cs.
// Checking a report file needs neither the host nor the database, and its standard output is the result alone.
if (CommandLine.IsCheck(args)) return CommandLine.Check(args);
Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .CreateBootstrapLogger();

var builder = WebApplication.CreateBuilder(args);
CommandLine.QuietenOneShotLogging(builder.Configuration, args);
// JSON logs, health checks, Data Protection keys in PostgreSQL, optional OpenTelemetry: Operations/OperationsSetup.cs.
builder.AddPortalOperations();

// Rendering a JSON file to PDF needs no database; everything else does.
var connectionString = builder.Configuration.GetConnectionString("Portal")
    ?? (CommandLine.IsRenderOnly(args) ? "Host=unused" : throw new InvalidOperationException(
        "缺少数据库连接：请设置 ConnectionStrings__Portal（或用 scripts/run.sh 启动本地数据库）"));
// With ConnectionStrings:PortalReplica, public reads go to a streaming replica (Operations/PublicReadReplica.cs).
builder.Services.AddPortalDatabase(builder.Configuration, connectionString);
builder.Services.AddPortalAccounts(builder.Configuration, builder.Environment);
builder.Services.AddPortalHardening(builder.Environment);
// X-Forwarded-For/-Proto only from the configured reverse proxies (Security/TrustedProxies.cs).
builder.Services.AddTrustedProxies(builder.Configuration);
// Per-address limits of search, bulk downloads and the API, and the 429 of every limit (Security/ClientRateLimits.cs).
builder.Services.AddClientRateLimits(builder.Configuration);
builder.Services.AddRazorPages(o =>
    {
        o.Conventions.AuthorizeFolder("/Admin", PortalAuth.AdministratorPolicy);
        o.Conventions.AllowAnonymousToFolder("/Account");
        // An earlier published revision of a report is read on the report page itself.
        o.Conventions.AddPageRoute("/Reports/Show", DisclosurePortal.Web.Pages.Reports.ShowModel.RevisionRoute);
        o.Conventions.AuthorizeFolder("/Review", ReviewerAccess.Policy);
    })
    // Input shape is checked by FluentValidation, called explicitly, with Chinese messages (house style rule 3);
    // the implicit [Required] of non-nullable properties would add English ones for forms not posted.
    .AddMvcOptions(o =>
    {
        o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        o.ModelBindingMessageProvider.UseChineseMessages();
    })
    // A POST to a page without a handler for it is a 405, not the page rendered without its OnGet.
    .AddMvcOptions(o => o.Filters.Add(new NoHandlerPostFilter()));
// A clerk acts for the one body of their account (ClerkAccess).
builder.Services.AddAuthorization(o => o.AddPolicy(ClerkAccess.Policy,
    p => p.RequireRole(ClerkAccess.Role).RequireClaim(ClerkAccess.BodyClaim)));
// A reviewer acts for the region of their account and its sub-regions (ReviewerAccess).
builder.Services.AddAuthorization(o => o.AddPolicy(ReviewerAccess.Policy,
    p => p.RequireRole(ReviewerAccess.Role).RequireClaim(ReviewerAccess.RegionClaim)));
// Approved revisions are published when their chosen time comes (Publishing/ScheduledPublication.cs).
builder.Services.AddScheduledPublication();
// Write Chinese as characters, not &#x…; entities: pages stay readable, searchable and a third the size.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

// Public pages are cached and evicted by tag when a revision is published (Publishing/PublicCache.cs).
builder.Services.AddOutputCache(o => o.AddPublicPolicies(builder.Configuration));
// With ConnectionStrings:Redis, the cache and the rate limits are shared by every instance (Operations/SharedRedis.cs).
builder.Services.AddSharedRedis(builder.Configuration);
// Anonymous public responses only, compressed once per output-cache entry (PublicSite/PublicCompression.cs).
builder.Services.AddPublicCompression();
// Downloads, bulk exports and the read API with its OpenAPI document and CORS (OpenData/OpenDataSetup.cs).
builder.Services.AddOpenData();

builder.Services.AddPortalPublishing(builder.Configuration, builder.Environment.ContentRootPath);

var app = builder.Build();

if (await CommandLine.RunAsync(app, args) is { } exitCode) return exitCode;
// The host leaves the watchers of wwwroot and the content root open after it stops (Operations/EnvironmentFileProviders.cs).
app.DisposeFileProvidersOnStop();

// The client's address and scheme as the trusted proxy saw them, before anything reads them.
app.UseForwardedHeaders();
// First, so the time covers the whole pipeline (off unless configured).
app.UseServerTiming(app.Configuration);
app.UsePortalRequestLogging();
app.UsePortalHardening();
if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error");
// A bare 404 or 400 (unknown body, year, region; a bad parameter) gets the friendly page, status kept (Pages/Status).
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseDatabaseOutagePage();
// Pages link their assets with asp-append-version (?v=hash of the file): such a URL names one version for good,
// so browsers and proxies may keep it a year; a bare URL is revalidated (ETag / Last-Modified) every time.
app.UseStaticFiles(new StaticFileOptions
{
    OnPrepareResponse = static asset => asset.Context.Response.Headers.CacheControl =
        asset.Context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache",
});
app.UseRouting();
// NUL and other control characters in the address, blank route values: a 4xx before any handler (Security/MalformedRequests.cs).
app.UseMalformedRequestRefusal();
app.UseCors();
app.UseAuthentication();
// An account whose password an administrator set may only change it or sign out (Accounts/AccountsSetup.cs).
app.UseForcedPasswordChange();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();
app.UsePublicCompression();
app.MapRazorPages();
app.MapPdfEndpoints();
app.MapPortalHealthChecks();
app.MapOpenData();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
