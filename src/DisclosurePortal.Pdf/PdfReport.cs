using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Pdf;

/// <summary>
/// Everything the PDF shows, and nothing else: the renderer never sees the entity or the database, so the same
/// model always gives the same bytes.
/// </summary>
/// <param name="BodyName">The reporting body, e.g. 钱店镇.</param>
/// <param name="Revision">The revision number printed on the last page (第 N 版).</param>
/// <param name="PublishedAt">Publication time; null for a draft.</param>
/// <param name="VerificationCode">Printed on the last page so a reader can check the copy against the portal.</param>
/// <param name="DraftTimestamp">The document date of a draft; fixed by the caller so drafts are reproducible too.</param>
public sealed record PdfReport(
    string BodyName,
    int Year,
    ReportData Data,
    int Revision,
    DateTimeOffset? PublishedAt,
    string VerificationCode,
    bool IsDraft,
    DateTimeOffset DraftTimestamp = default)
{
    public string Title => ReportTitle.For(BodyName, Year);

    /// <summary>The date written into the PDF's CreationDate and ModDate.</summary>
    public DateTimeOffset DocumentTime => PublishedAt ?? DraftTimestamp;
}
