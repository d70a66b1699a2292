namespace DisclosurePortal.Pdf;

/// <summary>
/// The document title as printed on the official report and used as the PDF's Title and download name.
/// Rendered by <see cref="ReportPdfRenderer"/> (PDFsharp 6.2.4, docs/adr/0002 and 0003).
/// </summary>
public static class ReportTitle
{
    public static string For(string bodyName, int year) => $"{bodyName}{year}年政府信息公开工作年度报告";
}
