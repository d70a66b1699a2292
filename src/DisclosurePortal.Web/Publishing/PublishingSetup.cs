using DisclosurePortal.Pdf;

namespace DisclosurePortal.Web.Publishing;

public static class PublishingSetup
{
    /// <summary>The renderer (one per process: it holds the parsed fonts), the official PDF and the publisher.</summary>
    public static IServiceCollection AddPortalPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => new ReportPdfRenderer(FontDirectory(configuration)));
        services.AddSingleton<OfficialPdf>();
        services.AddScoped<ReportPublisher>();
        return services;
    }

    /// <summary>Pdf:FontDirectory, or the fonts folder beside the application (the container image puts them there).</summary>
    public static string FontDirectory(IConfiguration configuration) =>
        configuration["Pdf:FontDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "fonts");
}
