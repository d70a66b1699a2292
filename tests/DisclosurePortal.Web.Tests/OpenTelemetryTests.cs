using DisclosurePortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DisclosurePortal.Web.Tests;

[Collection(WebTests.Name)]
public sealed class OpenTelemetryTests(PostgresFixture pg)
{
    [Fact]
    public void Traces_and_metrics_are_off_unless_configured()
    {
        using var factory = new PortalFactory(pg.CreateDatabase());
        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Null(factory.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task Switched_on_by_configuration_the_portal_records_a_trace_of_each_request()
    {
        using var factory = new PortalFactory(pg.CreateDatabase(), new Dictionary<string, string>
        {
            ["Operations:OpenTelemetry:Enabled"] = "true",
            // Nothing listens here; the exporter drops what it cannot send, the app is not affected.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:1",
        });
        var tracer = factory.Services.GetService<TracerProvider>();
        Assert.NotNull(tracer);
        Assert.NotNull(factory.Services.GetService<MeterProvider>());

        using var listener = new System.Diagnostics.ActivityListener();
        var recorded = new List<System.Diagnostics.Activity>();
        listener.ShouldListenTo = s => s.Name == "Microsoft.AspNetCore";
        listener.ActivityStopped = a => { lock (recorded) recorded.Add(a); };
        listener.Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) =>
            System.Diagnostics.ActivitySamplingResult.PropagationData;
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        var response = await factory.CreateClient().GetAsync(new Uri("/Account/Login", UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode);
        // The host stops the request's activity after the response has gone out: wait for it a little.
        bool Traced()
        {
            lock (recorded) return recorded.Exists(a => a.Recorded && a.DisplayName.Contains("Account/Login", StringComparison.Ordinal));
        }
        for (var i = 0; i < 50 && !Traced(); i++) await Task.Delay(100);
        Assert.True(Traced(), "no recorded activity for the request");
    }
}
