using System.Globalization;
using System.Security.Claims;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace DisclosurePortal.Web.Operations;

/// <summary>
/// What an operator needs to run the portal for years on several instances: structured logs with one
/// line per request, health endpoints, optional OpenTelemetry, and the Data Protection key ring in PostgreSQL.
/// </summary>
public static class OperationsSetup
{
    /// <summary>
    /// The Data Protection application name. Fixed, so that every instance (and every future version) derives the
    /// same keys: changing it signs every user out and invalidates every form in flight.
    /// </summary>
    public const string ApplicationName = "DisclosurePortal";

    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddPortalOperations(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Operations").Get<OperationsSettings>() ?? new OperationsSettings();
        var json = settings.ConsoleLogFormat is { } format
            ? !string.Equals(format, "text", StringComparison.OrdinalIgnoreCase)
            : !builder.Environment.IsDevelopment();

        // ReadFrom.Services: sinks registered in the container (the tests' capture) receive the same events.
        // preserveStaticLogger: each host gets a logger of its own instead of freezing the static bootstrap
        // logger, which two hosts built at once in one process (tests, several instances) would both try to freeze.
        builder.Host.UseSerilog((ctx, services, cfg) => cfg
            .ReadFrom.Configuration(ctx.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(ConsoleFormatter(json)), preserveStaticLogger: true);

        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));

        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<PortalDbContext>();
        ProtectKeys(dataProtection, settings.KeyProtection);

        if (settings.OpenTelemetry.Enabled) AddOpenTelemetry(builder.Services, settings.OpenTelemetry);
        return builder;
    }

    /// <summary>
    /// Encrypts new Data Protection keys to the configured certificate (docs/operations.md, "Security"). The
    /// certificate given to ProtectKeysWithCertificate also decrypts; earlier ones are added for reading only.
    /// A missing file or a wrong password stops the start-up: an instance that silently wrote plain keys, or could
    /// not read the others' keys, would sign users out on every other request.
    /// </summary>
    private static void ProtectKeys(IDataProtectionBuilder dataProtection, KeyProtectionSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.CertificatePath)) return;
        var current = LoadCertificate(settings.CertificatePath, settings.CertificatePassword);
        dataProtection.ProtectKeysWithCertificate(current);
        var previous = (settings.PreviousCertificatePaths ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(path => LoadCertificate(path, settings.CertificatePassword)).ToArray();
        if (previous.Length > 0) dataProtection.UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCertificate(string path, string? password)
    {
        var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, password);
        return certificate.HasPrivateKey ? certificate
            : throw new InvalidOperationException($"Operations:KeyProtection: {path} has no private key, so the keys encrypted to it could not be read back");
    }

    /// <summary>The console format: compact JSON (CLEF) for collectors, or plain text for a person.</summary>
    public static ITextFormatter ConsoleFormatter(bool json) => json
        ? new CompactJsonFormatter()
        : new MessageTemplateTextFormatter("[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}",
            CultureInfo.InvariantCulture);

    private static void AddOpenTelemetry(IServiceCollection services, OpenTelemetrySettings settings) =>
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(settings.ServiceName))
            // "Npgsql" is the ActivitySource and Meter the driver itself publishes: SQL timings without another package.
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http))
                .AddHttpClientInstrumentation()
                .AddSource("Npgsql")
                .AddOtlpExporter())
            .WithMetrics(m => m.AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("Npgsql")
                .AddOtlpExporter());

    /// <summary>
    /// One log line per request with who (account id, body, region), what (method, path — never the query or the
    /// form), the status and the time taken. Names and passwords stay out: the account id leads to the person in
    /// the database, where access is controlled (PIPL art. 51), and a log file is copied widely.
    /// </summary>
    public static WebApplication UsePortalRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(o =>
        {
            // This host's logger, not the static one (see preserveStaticLogger above).
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms";
            // A request refused as malformed (BadHttpRequestException, answered 4xx) is the client's fault, not an error.
            o.GetLevel = (http, _, ex) => (ex is not null && ex is not BadHttpRequestException { StatusCode: < 500 })
                || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : IsProbe(http) ? LogEventLevel.Verbose
                : LogEventLevel.Information;
            o.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                if (http.User.Identity?.IsAuthenticated == true)
                {
                    diagnostics.Set("UserId", http.User.FindFirstValue(ClaimTypes.NameIdentifier));
                    if (http.User.FindFirstValue(PortalAuth.BodyIdClaim) is { } body) diagnostics.Set("BodyId", body);
                    if (http.User.FindFirstValue(PortalAuth.RegionIdClaim) is { } region) diagnostics.Set("RegionId", region);
                }
                // Cybersecurity Law art. 21 and GB/T 22239 (MLPS) ask network logs to record the source of each access.
                if (http.Connection.RemoteIpAddress is { } ip)
                    diagnostics.Set("ClientIp", (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString());
                if (http.GetEndpoint()?.DisplayName is { } endpoint) diagnostics.Set("Endpoint", endpoint);
            };
        });
        return app;
    }

    /// <summary>
    /// <c>/healthz</c>: the process answers (no database; a restart is the cure when it does not).
    /// <c>/readyz</c>: the database answers and has every migration of this version; 503 otherwise, so a load
    /// balancer sends no traffic to an instance that cannot serve it.
    /// </summary>
    public static WebApplication MapPortalHealthChecks(this WebApplication app)
    {
        // Probes read; a POST is no probe (405, like every other read-only address: the authorization matrix).
        var probeMethods = new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]);
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteStatusAsync })
            .WithMetadata(probeMethods);
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = WriteStatusAsync,
        }).WithMetadata(probeMethods);
        return app;
    }

    public static bool IsProbe(HttpContext http) =>
        http.Request.Path.Equals(LivenessPath, StringComparison.OrdinalIgnoreCase)
        || http.Request.Path.Equals(ReadinessPath, StringComparison.OrdinalIgnoreCase);

    private static Task WriteStatusAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var lines = new List<string> { report.Status.ToString() };
        lines.AddRange(report.Entries.Select(e => $"{e.Key}: {e.Value.Status} {e.Value.Description}".TrimEnd()));
        return http.Response.WriteAsync(string.Join('\n', lines) + "\n");
    }
}
