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

    public KeyProtectionSettings KeyProtection { get; set; } = new();
}

/// <summary>
/// Encryption at rest of the Data Protection keys in <c>data_protection_keys</c>. Off by default (the keys are then
/// plain XML, and whoever reads the database or a dump can forge a session); with a certificate, every key made
/// from then on is encrypted to it, and keys made before stay readable.
/// </summary>
public sealed class KeyProtectionSettings
{
    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key, the same on every instance.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Earlier certificates (.pfx, separated by <c>;</c>, same password) whose keys must still be read after the
    /// certificate was replaced: until the last key encrypted to them has expired (90 days) and is no longer needed.
    /// </summary>
    public string? PreviousCertificatePaths { get; set; }
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
