using DisclosurePortal.Pdf;

namespace DisclosurePortal.Web.Publishing;

public static class PublishingSetup
{
    /// <summary>The renderer (one per process: it holds the parsed fonts), the official PDF and the publisher.</summary>
    public static IServiceCollection AddPortalPublishing(this IServiceCollection services, IConfiguration configuration,
        string contentRoot)
    {
        services.AddSingleton(_ => new ReportPdfRenderer(FontDirectory(configuration, contentRoot)));
        services.AddSingleton<OfficialPdf>();
        services.AddScoped<ReportPublisher>();
        services.AddScoped<HistoryImport>();
        services.AddHostedService<Importing.ImportBatchReader>();
        return services;
    }

    /// <summary>
    /// Pdf:FontDirectory when set; otherwise the first <c>fonts</c> folder holding the fonts, beside the application
    /// (the container image puts them there) or in a folder above the content root or the application (the
    /// repository's <c>fonts/</c>, where the set-up scripts fetch them). Without any, the folder beside the application.
    /// </summary>
    public static string FontDirectory(IConfiguration configuration, string contentRoot)
    {
        if (configuration["Pdf:FontDirectory"] is { Length: > 0 } configured) return configured;
        var beside = Path.Combine(AppContext.BaseDirectory, "fonts");
        return new[] { contentRoot, AppContext.BaseDirectory }
            .SelectMany(Upwards).Select(d => Path.Combine(d, "fonts"))
            .Prepend(beside).FirstOrDefault(ReportPdfRenderer.HasFonts) ?? beside;
    }

    private static IEnumerable<string> Upwards(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent) yield return dir.FullName;
    }
}
