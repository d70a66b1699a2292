using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Samples;
using DisclosurePortal.Pdf;
using Xunit.Abstractions;

namespace DisclosurePortal.Readers.Tests;

/// <summary>A PDF's prose read back in the paragraphs it was written in, not one paragraph per printed line.</summary>
public class PdfProseTests(ITestOutputHelper output)
{
    [Fact]
    public void The_real_pdfs_prose_is_read_in_whole_paragraphs()
    {
        var data = ReportReader.Read("source.pdf", File.ReadAllBytes(RealReports.PathOf("02-hongze-qu-2023", "source.pdf"))).Document!.Data;
        var problems = data.ProseOf("s5").Split('\n');
        output.WriteLine(string.Join("\n---\n", data.Format.ProseParts.Select(p => p.Code + ": " + data.ProseOf(p.Code))));

        Assert.Single(problems);
        Assert.StartsWith("2023年，洪泽区政府信息公开工作取得一定的成效，但对照上级要求，仍存在一定差距。", problems[0].Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.EndsWith("不断提高各单位政府信息公开工作人员的思想认识和业务工作水平。", problems[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BodyKind.CountyGovernment, "缙云县人民政府", 7)]
    [InlineData(BodyKind.TownshipGovernment, "钱店镇人民政府", 8)]
    public void A_portal_pdfs_paragraphs_come_back_as_written(BodyKind kind, string body, int seed)
    {
        var data = SampleReports.Generate(Format2021.Definition, kind, 2024, body, seed);
        var pdf = new ReportPdfRenderer(TestFonts.Directory()).Render(new PdfReport(body, 2024, data, 1,
            DateTimeOffset.UnixEpoch, "TEST", IsDraft: false));

        var read = ReportReader.Read("report.pdf", pdf).Document!.Data;

        foreach (var part in data.Format.ProseParts)
            Assert.Equal(data.ProseOf(part.Code).Split('\n'), read.ProseOf(part.Code).Split('\n'));
    }
}
