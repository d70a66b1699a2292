using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Pdf;
using DisclosurePortal.Web.OpenData;

namespace DisclosurePortal.Web.Publishing;

/// <summary>
/// The one place that turns a revision into the renderer's model, so the stored official PDF, the draft preview
/// and the public page's verification code all come from the same JSON form.
/// </summary>
public sealed class OfficialPdf(ReportPdfRenderer renderer)
{
    /// <summary>A published revision's code as stored at publication; a draft's as its content stands now.</summary>
    public static string VerificationCodeOf(AnnualReport report, ReportRevision revision) =>
        revision.VerificationCode ?? VerificationCode.For(ReportDocument.From(report, revision));

    /// <summary>The official PDF of a published revision: no watermark, dated at publication.</summary>
    public byte[] Published(AnnualReport report, ReportRevision revision)
    {
        if (revision.Status != RevisionStatus.Published || revision.PublishedAt is null)
            throw new InvalidOperationException($"revision {revision.Id} is not published");
        return Render(report, revision, isDraft: false);
    }

    /// <summary>
    /// The 「草稿 · 未发布」 preview of an unpublished revision, dated at its last save so the same draft always gives
    /// the same bytes. Never stored: it changes with every save.
    /// </summary>
    public byte[] DraftPreview(AnnualReport report, ReportRevision revision) => Render(report, revision, isDraft: true);

    private byte[] Render(AnnualReport report, ReportRevision revision, bool isDraft)
    {
        try
        {
            return renderer.Render(new PdfReport(revision.BodyName, report.Year, revision.ToData(), revision.Number,
                isDraft ? null : revision.PublishedAt, VerificationCodeOf(report, revision), isDraft,
                DraftTimestamp: revision.UpdatedAt));
        }
        catch (MissingGlyphException ex)
        {
            // A character the font lacks would silently vanish from the official document:
            // the clerk must change the text, so the message goes back to them instead of a corrupt PDF.
            throw new DomainException($"无法生成 PDF：{ex.Message}");
        }
    }

    /// <summary>
    /// 「钱店镇2024年政府信息公开工作年度报告.pdf」; revisions after the first say which one they are. Control
    /// characters and path separators are dropped so a body name can never break a header or a file system.
    /// </summary>
    public static string DownloadName(string bodyName, int year, int? revision = null) =>
        OpenDataResults.FileName(ReportTitle.For(bodyName, year), revision, "pdf");
}
