using DisclosurePortal.Pdf;

namespace DisclosurePortal.Readers.Tests;

/// <summary>A 2019-format report as the portal prints it to PDF, read back by the PDF reader.</summary>
public class PortalPdf2019Tests
{
    /// <summary>
    /// 09's archive text with its run-together 表二 cell apart: every cell is filled, as a PDF's text layer needs
    /// (a blank cell inside a PDF row leaves no trace, and such a row is refused).
    /// </summary>
    [Fact]
    public void A_2019_report_printed_by_the_portal_reads_back_with_every_figure_as_printed()
    {
        const string folder = "09-pingtan-2019";
        var text = File.ReadAllText(RealReports.PathOf(folder, "text.txt")).Replace("13575394432.52元", "135\t75394432.52元", StringComparison.Ordinal);
        var original = ReportReader.Read("report.txt", System.Text.Encoding.UTF8.GetBytes(text)).Document!;
        var pdf = new ReportPdfRenderer(TestFonts.Directory()).Render(new PdfReport(original.Body.Name, original.Year, original.Data,
            1, DateTimeOffset.UnixEpoch, "TEST", IsDraft: false));

        var reading = ReportReader.Read("report.pdf", pdf);

        Assert.True(reading.Succeeded, reading.Refusal);
        Assert.Empty(RealReports.WrongFigures(folder, reading.Document!.Data));
        foreach (var figure in original.Data.Figures)
            Assert.Equal(figure.Value, reading.Document.Data[figure.Key]);
    }

    [Fact]
    public void A_pdf_row_with_blank_cells_inside_is_refused_at_that_row_rather_than_shifted()
    {
        var original = ReportReader.Read("source.html", File.ReadAllBytes(RealReports.PathOf("04-sh-bangongting-2019", "source.html"))).Document!;
        var pdf = new ReportPdfRenderer(TestFonts.Directory()).Render(new PdfReport(original.Body.Name, original.Year, original.Data,
            1, DateTimeOffset.UnixEpoch, "TEST", IsDraft: false));

        var reading = ReportReader.Read("report.pdf", pdf);

        Assert.False(reading.Succeeded);
        Assert.Matches(@"^第 \d+ 页第 \d+ 行：表三「一、本年新收政府信息公开申请数量」只找到 5 个数字，应为 7 个$", reading.Refusal);
    }
}
