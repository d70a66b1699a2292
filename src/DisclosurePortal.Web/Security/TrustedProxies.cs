using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace DisclosurePortal.Web.Security;

/// <summary>
/// The reverse proxies whose X-Forwarded-For/-Proto are believed (configuration section <c>ForwardedHeaders</c>),
/// as comma-separated addresses and CIDR networks. From any other address the headers are ignored: a forged
/// client address would otherwise dodge the per-address limits and falsify the audited IP.
/// </summary>
public sealed class ProxySettings
{
    /// <summary>e.g. <c>172.30.0.1</c>; the loopback addresses when neither list is set.</summary>
    public string? KnownProxies { get; set; }
    /// <summary>e.g. <c>10.0.0.0/24</c>.</summary>
    public string? KnownNetworks { get; set; }
}

public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("ForwardedHeaders").Get<ProxySettings>() ?? new ProxySettings();
        // Also binds the options the host fills when ASPNETCORE_FORWARDEDHEADERS_ENABLED is set, which trust everyone.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in Split(settings.KnownProxies)) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in Split(settings.KnownNetworks)) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            if (o.KnownProxies.Count == 0 && o.KnownIPNetworks.Count == 0)
            {
                o.KnownProxies.Add(IPAddress.Loopback);
                o.KnownProxies.Add(IPAddress.IPv6Loopback);
            }
        });
        return services;
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
