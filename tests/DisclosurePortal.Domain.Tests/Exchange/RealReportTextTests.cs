using DisclosurePortal.Domain.Exchange;

namespace DisclosurePortal.Domain.Tests.Exchange;

/// <summary>The text a person copies of each real 2021-format report (text.txt), read by the text importer.</summary>
public class RealReportTextTests
{
    /// <summary>
    /// Copies that cannot be read with certainty, and where the reader must say so: 08's converter moved 表二's
    /// cells out of the table and lost heading 五; 26's archive text ran 表二's three cells together (「1173」).
    /// </summary>
    public static readonly Dictionary<string, string> Unreadable = new(StringComparer.Ordinal)
    {
        ["08-sh-bangongting-2025"] = "缺少章节标题「五、存在的主要问题及改进情况」",
        ["26-pt-shijian-2025"] = "第 15 行：表二「行政规范性文件」只找到 1 个数字，应为 3 个",
    };

    public static TheoryData<string> Readable() => [.. RealReports.Folders("2021").Where(f => !Unreadable.ContainsKey(f))];

    public static TheoryData<string> Refused() => [.. RealReports.Folders("2021").Where(Unreadable.ContainsKey)];

    [Theory]
    [MemberData(nameof(Readable))]
    public void Every_figure_read_from_the_copied_text_is_the_printed_figure(string folder)
    {
        var result = TextReportImporter.Import(File.ReadAllText(RealReports.PathOf(folder, "text.txt")));
        Assert.True(result.Succeeded, result.Refusal?.Message);
        Assert.Equal(RealReports.Truth(folder).GetProperty("year").GetInt32(), result.Year);
        Assert.Empty(RealReports.WrongFigures(folder, result.Data!));
        Assert.NotEqual("", result.Data!.ProseOf("s1.1"));
        Assert.NotEqual("", result.Data.ProseOf("s5"));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_copy_whose_figures_cannot_be_placed_is_refused_saying_where(string folder)
    {
        var result = TextReportImporter.Import(File.ReadAllText(RealReports.PathOf(folder, "text.txt")));
        Assert.False(result.Succeeded);
        Assert.Contains(Unreadable[folder], result.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_one_with_its_five_reworded_sub_heads_is_split_into_its_five_parts()
    {
        var data = TextReportImporter.Import(File.ReadAllText(RealReports.PathOf("28-pt-jinjing-2021", "text.txt"))).Data!;
        Assert.Contains("\n金井片区管理局认真落实", data.ProseOf("s1.1"), StringComparison.Ordinal);
        Assert.StartsWith("本年度收到依申请公开事项0项", data.ProseOf("s1.2"), StringComparison.Ordinal);
        Assert.StartsWith("一是以平潭综合实验区", data.ProseOf("s1.4"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_old_label_for_normative_documents_is_read_as_that_row() =>
        Assert.Equal(6m, TextReportImporter.Import(File.ReadAllText(RealReports.PathOf("28-pt-jinjing-2021", "text.txt")))
            .Data!.Get("t2", "normative", "in_force"));

    [Fact]
    public void A_group_printed_as_one_row_of_zeros_is_zero_in_each_of_its_rows()
    {
        var data = TextReportImporter.Import(File.ReadAllText(RealReports.PathOf("02-hongze-qu-2023", "text.txt"))).Data!;
        foreach (var row in new[] { "3.6.1", "3.6.2", "3.6.3" }) Assert.Equal(0m, data.Get("t3", row, "total"));
    }

    [Fact]
    public void A_group_printed_as_one_row_with_a_figure_is_refused_naming_it()
    {
        var text = File.ReadAllText(RealReports.PathOf("02-hongze-qu-2023", "text.txt"))
            .Replace("（六）其他处理                           0", "（六）其他处理                           2", StringComparison.Ordinal);
        var result = TextReportImporter.Import(text);
        Assert.False(result.Succeeded);
        Assert.Contains("「（六）其他处理」印成一行，「自然人」一栏为「2」", result.Refusal!.Reason, StringComparison.Ordinal);
    }
}
