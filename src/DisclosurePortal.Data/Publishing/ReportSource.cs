using System.Security.Cryptography;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Data.Publishing;

/// <summary>
/// The file an imported report was read from (a web page, a PDF, a Word file, text), kept unchanged beside the
/// revision it became, so that anyone can compare what the portal shows with what the body published.
/// </summary>
public sealed class ReportSource
{
    private ReportSource(int revisionId, string fileName, string contentType, byte[] content)
    {
        RevisionId = revisionId;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Length = content.Length;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
    }

    public int RevisionId { get; private set; }
    public ReportRevision Revision { get; private set; } = null!;
    public string FileName { get; private set; }
    public string ContentType { get; private set; }
    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>; named in the revision's history and its ETag.</summary>
    public string Sha256 { get; private set; }
    public byte[] Content { get; private set; }
    public int Length { get; private set; }

    public static ReportSource Of(ReportRevision revision, string fileName, byte[] content)
    {
        if (!revision.IsImported) throw new InvalidOperationException($"revision {revision.Id} was not imported");
        var name = Path.GetFileName(fileName);
        var source = new ReportSource(revision.Id, name.Length > 200 ? name[^200..] : name, ContentTypeOf(name, content), content);
        source.Revision = revision;
        return source;
    }

    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static string ContentTypeOf(string name, byte[] content) =>
        content.AsSpan().StartsWith("%PDF"u8) ? "application/pdf"
        : Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".html" or ".htm" or ".shtml" => "text/html",
            ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".txt" => "text/plain",
            ".json" => "application/json",
            _ => "application/octet-stream",
        };
}
