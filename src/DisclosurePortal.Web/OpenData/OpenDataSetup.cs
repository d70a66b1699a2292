using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.OpenApi;

namespace DisclosurePortal.Web.OpenData;

/// <summary>
/// Open data: per-report JSON and CSV downloads, bulk CSV/XLSX per region and year, and the read
/// API under /api/v1 described at /openapi/v1.json. Everything here is read-only, public and shows published
/// revisions only, but for the check of a report sent in (stored nowhere); docs/open-data.md describes the formats.
/// </summary>
public static class OpenDataSetup
{
    /// <summary>Any origin may read; no other method is allowed cross-origin.</summary>
    public const string CorsPolicy = "open-data-read";

    public static IServiceCollection AddOpenData(this IServiceCollection services)
    {
        services.AddCors(o => o.AddPolicy(CorsPolicy, p => p.AllowAnyOrigin().WithMethods("GET")
            .AllowAnyHeader().WithExposedHeaders("Content-Disposition")));
        // Chinese names as characters, not \uXXXX, in the API's JSON (the report JSON has its own writer).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        services.AddOpenApi(o =>
        {
            o.ShouldInclude = d => IsOpenData(d.RelativePath);
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "政府信息公开工作年度报告 开放数据接口";
                doc.Info.Version = "v1";
                doc.Info.Description = "Published annual reports only. Identifiers: body code, region code, year, " +
                    "revision number. Figures are addressed by the cell codes of the report format (docs/open-data.md).";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapOpenData(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().RequireCors(CorsPolicy);
        ReportDownloads.Map(app);
        BulkDownloads.Map(app);
        CheckApi.Map(app);
        ApiV1.Map(app);
        return app;
    }

    private static bool IsOpenData(string? path) => path is not null &&
        (path.StartsWith("api/v1/", StringComparison.Ordinal) || path.StartsWith("reports/", StringComparison.Ordinal)
         || path.StartsWith("open-data/", StringComparison.Ordinal));
}
