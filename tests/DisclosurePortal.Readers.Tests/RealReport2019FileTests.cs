
namespace DisclosurePortal.Readers.Tests;

/// <summary>Each real report in the 2019 trial format, in each form it was published in, read through the one entry point.</summary>
public class RealReport2019FileTests
{
    /// <summary>
    /// Archive texts whose 表二 cells ran together (truth.json notes): 「13575394432.52元」, 「00」 and 「0124」 split
    /// more than one way, so the reader must refuse them at that row rather than guess.
    /// </summary>
    private static readonly Dictionary<string, string> Unreadable = new(StringComparer.Ordinal)
    {
        ["09-pingtan-2019/text.txt"] = "第 26 行：表二「政府集中采购」只找到 1 个数字，应为 2 个",
        ["17-pt-gongan-2019/text.txt"] = "第 29 行：表二「政府集中采购」只找到 1 个数字，应为 2 个",
        ["19-pt-junshan-2020/text.txt"] = "第 16 行：表二「行政许可」只找到 1 个数字，应为 3 个",
    };

    public static TheoryData<string, string> Readable() => Files(readable: true);

    public static TheoryData<string, string> Refused() => Files(readable: false);

    private static TheoryData<string, string> Files(bool readable)
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in RealReports.Folders("2019"))
        foreach (var file in new[] { "text.txt", "source.html", "source.pdf", "source.docx" })
            if (File.Exists(RealReports.PathOf(folder, file)) && Unreadable.ContainsKey($"{folder}/{file}") != readable)
                data.Add(folder, file);
        return data;
    }

    [Theory]
    [MemberData(nameof(Readable))]
    public void Every_figure_read_from_a_2019_format_file_is_the_printed_figure(string folder, string file)
    {
        var reading = ReportReader.Read(file, File.ReadAllBytes(RealReports.PathOf(folder, file)));
        Assert.True(reading.Succeeded, reading.Refusal);
        Assert.Equal(RealReports.Truth(folder).GetProperty("year").GetInt32(), reading.Document!.Year);
        Assert.Empty(RealReports.WrongFigures(folder, reading.Document.Data));
        Assert.Contains("\"formatVersion\":\"2019\"", reading.Json!.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_2019_file_whose_cells_ran_together_is_refused_at_that_row(string folder, string file)
    {
        var reading = ReportReader.Read(file, File.ReadAllBytes(RealReports.PathOf(folder, file)));
        Assert.False(reading.Succeeded);
        Assert.Equal(Unreadable[$"{folder}/{file}"], reading.Refusal);
    }

    [Fact]
    public void A_page_script_carrying_the_report_in_a_string_is_refused_as_not_a_report() =>
        Assert.Equal("这是网页的脚本或样式文件，不是报告；请提供报告的网页、PDF、Word 或文字",
            ReportReader.Read("source.js", File.ReadAllBytes(RealReports.PathOf("04-sh-bangongting-2019", "source.js"))).Refusal);

    /// <summary>
    /// The archive texts with only their run-together 表二 cells split one way (truth.json notes; 表二 is not in
    /// truth.json, so which way does not matter): every 表三 and 表四 figure then reads as printed.
    /// </summary>
    [Theory]
    [InlineData("09-pingtan-2019", "13575394432.52元", "135\t75394432.52元")]
    [InlineData("17-pt-gongan-2019", "政府集中采购\t00", "政府集中采购\t0\t0", "行政事业性收费\t\n", "行政事业性收费\t\t\n")]
    [InlineData("19-pt-junshan-2020", "行政许可\t0124", "行政许可\t0\t1\t24", "4110669053", "41\t10669053")]
    public void With_its_table_two_cells_apart_the_rest_of_an_archive_text_reads_as_printed(string folder, params string[] replacements)
    {
        var text = File.ReadAllText(RealReports.PathOf(folder, "text.txt")).Replace("\r\n", "\n", StringComparison.Ordinal);
        for (var k = 0; k < replacements.Length; k += 2)
        {
            Assert.Contains(replacements[k], text, StringComparison.Ordinal);
            text = text.Replace(replacements[k], replacements[k + 1], StringComparison.Ordinal);
        }
        var reading = ReportReader.Read("report.txt", System.Text.Encoding.UTF8.GetBytes(text));
        Assert.True(reading.Succeeded, reading.Refusal);
        Assert.Empty(RealReports.WrongFigures(folder, reading.Document!.Data));
    }

    [Fact]
    public void Table_two_labels_of_the_2019_format_are_matched_by_their_words()
    {
        var text = File.ReadAllText(RealReports.PathOf("09-pingtan-2019", "text.txt"))
            .Replace("13575394432.52元", "135\t75394432.52元", StringComparison.Ordinal)
            .Replace("其他对外管理服务事项\t", "其它对外管理服务事项\t", StringComparison.Ordinal)
            .Replace("行政事业性收费\t", "行政事业性 收费\t", StringComparison.Ordinal)
            .Replace("（六）其他处理\t", "(六) 其他处理\t", StringComparison.Ordinal);
        var reading = ReportReader.Read("report.txt", System.Text.Encoding.UTF8.GetBytes(text));
        Assert.True(reading.Succeeded, reading.Refusal);
        Assert.Equal(153m, reading.Document!.Data.Get("t2", "other_services", "decision_count"));
        Assert.Equal(35m, reading.Document.Data.Get("t2", "admin_fees", "items_last_year"));
        Assert.Empty(RealReports.WrongFigures("09-pingtan-2019", reading.Document.Data));
    }

    [Fact]
    public void An_amount_printed_in_yuan_is_kept_in_wan_yuan_exactly()
    {
        var data = ReportReader.Read("source.html", File.ReadAllBytes(RealReports.PathOf("04-sh-bangongting-2019", "source.html"))).Document!.Data;
        Assert.Equal(25.1m, data.Get("t2", "procurement", "purchase_amount"));
        Assert.Equal(6m, data.Get("t2", "procurement", "purchases"));
    }

    [Fact]
    public void A_web_page_cell_drawn_over_two_grid_columns_under_its_own_header_is_one_figure()
    {
        var data = ReportReader.Read("source.html", File.ReadAllBytes(RealReports.PathOf("04-sh-bangongting-2019", "source.html"))).Document!.Data;
        Assert.Equal(13m, data.Get("t2", "rules", "published"));
        Assert.Equal(524m, data.Get("t2", "rules", "published_total"));
    }

    [Fact]
    public void A_blank_total_at_the_end_of_a_row_stays_blank_and_the_row_is_read()
    {
        var data = ReportReader.Read("text.txt", File.ReadAllBytes(RealReports.PathOf("04-sh-bangongting-2019", "text.txt"))).Document!.Data;
        Assert.Equal(258m, data.Get("t3", "3.1", "natural"));
        Assert.Null(data.Get("t3", "3.1", "total"));
    }

    [Fact]
    public void A_signed_change_in_table_two_is_read_with_its_sign()
    {
        var text = File.ReadAllText(RealReports.PathOf("09-pingtan-2019", "text.txt"))
            .Replace("13575394432.52元", "135\t75394432.52元", StringComparison.Ordinal)
            .Replace("行政许可\t396\t0\t181", "行政许可\t396\t-12\t181", StringComparison.Ordinal);
        var data = ReportReader.Read("report.txt", System.Text.Encoding.UTF8.GetBytes(text)).Document!.Data;
        Assert.Equal(-12m, data.Get("t2", "licensing", "items_change"));
        Assert.Equal(7539.443252m, data.Get("t2", "procurement", "purchase_amount"));
    }

    [Fact]
    public void Section_six_of_a_web_page_ends_before_the_site_footer()
    {
        var data = ReportReader.Read("source.html", File.ReadAllBytes(RealReports.PathOf("14-pingtan-2024", "source.html"))).Document!.Data;
        Assert.Equal("2024年，无收取信息处理费情况。", data.ProseOf("s6"));
    }
}
