using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Samples;
using DisclosurePortal.Pdf;

namespace DisclosurePortal.Readers.Tests;

/// <summary>
/// 2021-format reports as the portal prints them to PDF, read back: the PDF wraps 表三's long labels over three
/// lines with the figures on the middle one, beside pieces of the group column, and every figure must come back.
/// </summary>
public class PortalPdf2021Tests
{
    [Theory]
    [InlineData(BodyKind.TownshipGovernment, "钱店镇人民政府", 2022, 1)]
    [InlineData(BodyKind.CountyDepartment, "缙云县教育局", 2023, 2)]
    [InlineData(BodyKind.CountyGovernment, "缙云县人民政府", 2024, 3)]
    [InlineData(BodyKind.CityGovernment, "丽水市人民政府", 2024, 4)]
    // 表三 （二）'s label starts beside a piece of the group column at the foot of a page.
    [InlineData(BodyKind.CountyGovernment, "样例第1622县人民政府", 2024, 1622)]
    public void A_generated_report_printed_by_the_portal_reads_back_with_every_figure(BodyKind kind, string body, int year, int seed)
    {
        var data = SampleReports.Generate(Format2021.Definition, kind, year, body, seed);
        var pdf = new ReportPdfRenderer(TestFonts.Directory()).Render(new PdfReport(body, year, data, 1,
            DateTimeOffset.UnixEpoch, "TEST", IsDraft: false));

        var reading = ReportReader.Read("report.pdf", pdf);

        Assert.True(reading.Succeeded, reading.Refusal);
        Assert.Equal(year, reading.Document!.Year);
        foreach (var figure in data.Figures)
            Assert.True(figure.Value == reading.Document.Data[figure.Key], $"{figure.Key}: {figure.Value} read as {reading.Document.Data[figure.Key]}");
    }
}
