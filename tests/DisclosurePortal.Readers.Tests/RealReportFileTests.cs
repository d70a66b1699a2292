
namespace DisclosurePortal.Readers.Tests;

/// <summary>Each real 2021-format report in each form it was published in, read through the one entry point.</summary>
public class RealReportFileTests
{
    /// <summary>Copies that lost cells in conversion; the reader must refuse them (see RealReportTextTests).</summary>
    private static readonly HashSet<string> Unreadable = ["08-sh-bangongting-2025/text.txt", "26-pt-shijian-2025/text.txt"];

    public static TheoryData<string, string> Readable() => Files(readable: true);

    public static TheoryData<string, string> Refused() => Files(readable: false);

    private static TheoryData<string, string> Files(bool readable)
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in RealReports.Folders("2021"))
        foreach (var file in new[] { "text.txt", "source.html", "source.pdf", "source.docx" })
            if (File.Exists(RealReports.PathOf(folder, file)) && Unreadable.Contains($"{folder}/{file}") != readable)
                data.Add(folder, file);
        return data;
    }

    [Theory]
    [MemberData(nameof(Readable))]
    public void Every_figure_read_from_the_published_file_is_the_printed_figure(string folder, string file)
    {
        var reading = ReportReader.Read(file, File.ReadAllBytes(RealReports.PathOf(folder, file)));
        Assert.True(reading.Succeeded, reading.Refusal);
        Assert.Equal(RealReports.Truth(folder).GetProperty("year").GetInt32(), reading.Document!.Year);
        Assert.Empty(RealReports.WrongFigures(folder, reading.Document.Data));
        Assert.Contains("\"formatVersion\":\"2021\"", reading.Json!.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_file_whose_figures_cannot_be_placed_is_refused_with_a_place(string folder, string file)
    {
        var reading = ReportReader.Read(file, File.ReadAllBytes(RealReports.PathOf(folder, file)));
        Assert.False(reading.Succeeded);
        Assert.Null(reading.Json);
        Assert.StartsWith("第 ", reading.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pdf_prose_has_no_page_numbers_and_section_one_is_split_by_its_sub_heads()
    {
        var data = ReportReader.Read("source.pdf", File.ReadAllBytes(RealReports.PathOf("02-hongze-qu-2023", "source.pdf"))).Document!.Data;
        Assert.Contains("受理政府信息公开申请21件", string.Concat(data.ProseOf("s1.2").Where(c => !char.IsWhiteSpace(c))), StringComparison.Ordinal);
        Assert.DoesNotContain("-1-", data.ProseOf("s1.3"), StringComparison.Ordinal);
        Assert.DoesNotContain("-2-", data.AllProse, StringComparison.Ordinal);
    }

    [Fact]
    public void A_web_page_in_gbk_reads_like_the_same_page_in_utf8()
    {
        var utf8 = File.ReadAllText(RealReports.PathOf("14-pingtan-2024", "source.html"))
            .Replace("charset=\"utf-8\"", "charset=\"gbk\"", StringComparison.Ordinal);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gbk = System.Text.Encoding.GetEncoding("GB18030").GetBytes(utf8);
        var reading = ReportReader.Read("page.htm", gbk);
        Assert.True(reading.Succeeded, reading.Refusal);
        Assert.Equal("平潭综合实验区", reading.Document!.Body.Name);
        Assert.Empty(RealReports.WrongFigures("14-pingtan-2024", reading.Document.Data));
    }
}
