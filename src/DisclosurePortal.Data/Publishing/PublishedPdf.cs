using System.Security.Cryptography;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Data.Publishing;

/// <summary>
/// The official PDF of one published revision, made once at publication and never changed afterwards: the file a
/// citizen downloads today is byte for byte the one published (docs/adr/0004-published-pdf-storage.md).
/// </summary>
public sealed class PublishedPdf
{
    private PublishedPdf(int revisionId, string sha256, byte[] content, DateTimeOffset renderedAt)
    {
        RevisionId = revisionId;
        Sha256 = sha256;
        Content = content;
        Length = content.Length;
        RenderedAt = renderedAt;
    }

    public int RevisionId { get; private set; }
    public ReportRevision Revision { get; private set; } = null!;

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>; the strong ETag of every download.</summary>
    public string Sha256 { get; private set; }

    public byte[] Content { get; private set; }
    public int Length { get; private set; }
    public DateTimeOffset RenderedAt { get; private set; }

    /// <summary>Only a published revision has an official PDF; a draft's preview is rendered on demand and never stored.</summary>
    public static PublishedPdf Of(ReportRevision revision, byte[] content, DateTimeOffset renderedAt)
    {
        if (revision.Status != RevisionStatus.Published)
            throw new InvalidOperationException($"revision {revision.Id} is {revision.Status}, not published");
        var pdf = new PublishedPdf(revision.Id, Convert.ToHexStringLower(SHA256.HashData(content)), content,
            renderedAt.ToUniversalTime());
        pdf.Revision = revision;
        return pdf;
    }
}
