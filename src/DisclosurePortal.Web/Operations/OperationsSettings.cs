namespace DisclosurePortal.Web.Operations;

/// <summary>Operator settings (configuration section <c>Operations</c>, environment <c>Operations__…</c>).</summary>
public sealed class OperationsSettings
{
    /// <summary>
    /// <c>json</c> (one compact JSON object a line, for a log collector) or <c>text</c>; unset means JSON everywhere
    /// but in Development, where a person reads the console.
    /// </summary>
    public string? ConsoleLogFormat { get; set; }

    public OpenTelemetrySettings OpenTelemetry { get; set; } = new();
}

/// <summary>
/// Traces and metrics over OTLP. Off by default: an export target that is not there would only add retries.
/// The endpoint and protocol are the SDK's standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> / <c>…_PROTOCOL</c>.
/// </summary>
public sealed class OpenTelemetrySettings
{
    public bool Enabled { get; set; }

    /// <summary>The <c>service.name</c> of the traces and metrics; one name for every instance of a deployment.</summary>
    public string ServiceName { get; set; } = "disclosure-portal";
}
