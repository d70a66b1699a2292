using DisclosurePortal.Domain.Exchange.Reading;
using System.Text.RegularExpressions;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using T2 = DisclosurePortal.Domain.Format.Format2021.Table2;

namespace DisclosurePortal.Domain.Tests.Exchange;

public partial class TextReportImporterTests
{
    private static readonly ReportFormat Format = Format2021.Definition;

    // 1-based line numbers of the seed (src/DisclosurePortal.Data/DemoData/qiandian-2024.txt).
    private const int FirstT3Row = 51;
    private const int LastT3Row = 75;
    private const int T4Row = 83;

    private static string[] Lines() => TestData.SeedLines();

    private static string Join(IEnumerable<string> lines) => string.Join("\n", lines);

    private static string WithLine(int lineNumber, Func<string, string> change)
    {
        var lines = Lines();
        lines[lineNumber - 1] = change(lines[lineNumber - 1]);
        return Join(lines);
    }

    /// <summary>Replaces the n-th figure cell 「 0 」 of a '|' line (0-based), leaving the garbled layout as it is.</summary>
    private static string ReplaceCell(string line, int n, string value)
    {
        var i = -1;
        return ZeroCell().Replace(line, m => ++i == n ? value : m.Value);
    }

    [GeneratedRegex(@"(?<=\| )0(?= \||$)")]
    private static partial Regex ZeroCell();

    private static ReadRefusal AssertRefused(string text, int line, string fragment)
    {
        var result = TextReportImporter.Import(text);
        Assert.False(result.Succeeded);
        Assert.Null(result.Data);
        Assert.Null(result.BodyName);
        Assert.Null(result.Year);
        var refusal = result.Refusal!;
        Assert.True(refusal.Place?.Number == line && refusal.Reason.Contains(fragment, StringComparison.Ordinal),
            $"expected line {line} with 「{fragment}」, got {refusal.Message}");
        return refusal;
    }

    [Fact]
    public void The_seed_report_imports_with_its_body_and_year()
    {
        var result = TextReportImporter.Import(TestData.Seed());
        Assert.True(result.Succeeded, result.Refusal?.Message);
        Assert.Equal("钱店镇", result.BodyName);
        Assert.Equal(2024, result.Year);
        Assert.Same(Format, result.Data!.Format);
    }

    [Fact]
    public void Every_prose_part_of_the_seed_is_its_text_exactly()
    {
        var data = TextReportImporter.Import(TestData.Seed()).Data!;
        var lines = Lines();
        Assert.Equal(lines[8], data.ProseOf(Format2021.ProseActive));
        Assert.Equal(lines[12], data.ProseOf(Format2021.ProseOnRequest));
        Assert.Equal(lines[16], data.ProseOf(Format2021.ProseManagement));
        Assert.Equal(lines[20], data.ProseOf(Format2021.ProsePlatform));
        Assert.Equal(lines[24], data.ProseOf(Format2021.ProseSupervision));
        Assert.Equal(lines[86] + "\n" + lines[88], data.ProseOf(Format2021.ProseProblems));
        Assert.Equal(lines[92], data.ProseOf(Format2021.ProseOther));

        Assert.Equal("2024 年，我镇严格按照政务信息公开目录要求，除法律、法规规定不宜公开和必须保密的外，积极主动公开信息，实现政府信息工作透明、公开。",
            data.ProseOf(Format2021.ProseActive));
        Assert.StartsWith("2024 年，钱店镇党委、政府高度重视这项工作", data.ProseOf(Format2021.ProseSupervision), StringComparison.Ordinal);
        Assert.Contains("\n针对存在的问题，我们目前改进情况：", data.ProseOf(Format2021.ProseProblems), StringComparison.Ordinal);
        Assert.EndsWith("本年度我单位未收取信息处理费。", data.ProseOf(Format2021.ProseOther), StringComparison.Ordinal);
        foreach (var part in Format.ProseParts)
        {
            var text = data.ProseOf(part.Code);
            Assert.True(text.Length > 0, part.Code);
            Assert.False(char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]), part.Code);
        }
        Assert.Equal('问', data.ProseOf(Format2021.ProseProblems)[0]);
        Assert.Equal('。', data.ProseOf(Format2021.ProseProblems)[^1]);
    }

    [Fact]
    public void Every_cell_of_the_seed_is_read_and_every_figure_of_table_three_is_zero()
    {
        var data = TextReportImporter.Import(TestData.Seed()).Data!;
        Assert.Equal(Format.Cells.Count, data.Figures.Count);
        var t3 = Format.Table(Format2021.T3);
        Assert.Equal(25 * 7, t3.Cells.Count);
        foreach (var cell in t3.Cells) Assert.Equal(0m, data[cell.Ref]);
        foreach (var cell in Format.Table(Format2021.T2).Cells.Concat(Format.Table(Format2021.T4).Cells))
            Assert.Equal(0m, data[cell.Ref]);
    }

    [Fact]
    public void Each_figure_of_the_garbled_table_three_lands_in_its_row_and_column()
    {
        var lines = Lines();
        var rows = Format.Table(Format2021.T3).FigureRows.ToList();
        Assert.Equal(LastT3Row - FirstT3Row + 1, rows.Count);
        for (var k = 0; k < rows.Count; k++)
        {
            var i = FirstT3Row - 1 + k;
            var col = 0;
            lines[i] = ZeroCell().Replace(lines[i], _ => $"{(k + 1) * 100 + ++col}");
            Assert.Equal(7, col);
        }
        // The garbling is kept: 「5.要求行政机关确认…」 still has no parent and rows are still shifted.
        Assert.StartsWith("| 5. 要求行政机关确认或重新出具已获取信息 | | 2001 | 2002 |", lines[69], StringComparison.Ordinal);
        Assert.StartsWith("| | (三) 不予公开 | 1. 属于国家秘密 | 501 |", lines[54], StringComparison.Ordinal);

        var result = TextReportImporter.Import(Join(lines));

        Assert.True(result.Succeeded, result.Refusal?.Message);
        for (var k = 0; k < rows.Count; k++)
            for (var col = 0; col < 7; col++)
                Assert.Equal((k + 1) * 100 + col + 1,
                    result.Data!.Get(Format2021.T3, rows[k].Code, Format2021.Table3.AllColumns[col]));
    }

    [Fact]
    public void Figures_are_taken_as_printed_without_deriving_totals()
    {
        var text = WithLine(FirstT3Row, l => ReplaceCell(l, 0, "5"));
        var data = TextReportImporter.Import(text).Data!;
        Assert.Equal(5m, data.Get("t3", "1", "natural"));
        Assert.Equal(0m, data.Get("t3", "1", "total"));
    }

    [Fact]
    public void Table_two_columns_are_matched_by_their_labels_despite_the_typo_in_the_seed()
    {
        var lines = Lines();
        Assert.Contains("本年度止件数", lines[30], StringComparison.Ordinal);
        lines[30] = "| 信息内容 | 现行有效件数 | 本年度止件数 | 本年制发件数 |";
        lines[31] = "| 规章 | 3 | 2 | 1 |";
        var data = TextReportImporter.Import(Join(lines)).Data!;
        Assert.Equal(1m, data.Get("t2", T2.Rules, T2.Issued));
        Assert.Equal(2m, data.Get("t2", T2.Rules, T2.Repealed));
        Assert.Equal(3m, data.Get("t2", T2.Rules, T2.InForce));
    }

    [Fact]
    public void A_fee_keeps_its_four_decimals()
    {
        var data = TextReportImporter.Import(WithLine(43, _ => "| 行政事业性收费 | 1.2345 | | |")).Data!;
        Assert.Equal(1.2345m, data.Get("t2", T2.AdminFees, T2.FeeAmount));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("-")]
    [InlineData("")]
    public void A_cell_left_blank_inside_a_row_is_imported_as_blank(string blank)
    {
        var data = TextReportImporter.Import(WithLine(58, l => ReplaceCell(l, 3, blank))).Data!;
        Assert.Null(data.Get("t3", "3.3.4", "public_welfare"));
        Assert.Equal(0m, data.Get("t3", "3.3.4", "other_org"));
        Assert.Equal(Format.Cells.Count - 1, data.Figures.Count);
    }

    [Fact]
    public void A_file_cut_inside_a_row_of_table_three_is_refused_at_that_line()
    {
        var lines = Lines()[..64];
        lines[63] = "| | | 2. 没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0";
        var refusal = AssertRefused(Join(lines), 64, "只找到 5 个数字，应为 7 个");
        Assert.Equal("第 64 行：表三「（四）2.没有现成信息需要另行制作」只找到 5 个数字，应为 7 个", refusal.Message);
    }

    [Fact]
    public void A_file_cut_between_rows_of_table_three_is_refused_as_incomplete()
    {
        var refusal = AssertRefused(Join(Lines()[..60]), 60, "文件在此中断");
        Assert.Contains("「（三）7.属于行政执法案卷」", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_cut_after_table_three_is_refused_naming_the_missing_section() =>
        AssertRefused(Join(Lines()[..76]), 75, "缺少章节「四、政府信息公开行政复议、行政诉讼情况」");

    [Fact]
    public void A_garbled_number_in_table_three_is_refused_at_its_line()
    {
        var refusal = AssertRefused(WithLine(58, l => ReplaceCell(l, 0, "1O")), 58, "不是数字");
        Assert.Equal("第 58 行：表三「（三）4.保护第三方合法权益」「自然人」一栏的「1O」不是数字", refusal.Message);
    }

    [Fact]
    public void A_garbled_number_in_table_four_is_refused_at_its_line() =>
        AssertRefused(WithLine(T4Row, l => ReplaceCell(l, 14, "O")), T4Row, "表四「行政诉讼（复议后起诉）总计」一栏的「O」不是数字");

    [Fact]
    public void A_negative_count_is_refused() =>
        AssertRefused(WithLine(FirstT3Row, l => ReplaceCell(l, 2, "-1")), FirstT3Row,
            "表三「一、本年新收政府信息公开申请数量」「科研机构」：不能为负数（-1）");

    [Fact]
    public void A_fractional_count_is_refused() =>
        AssertRefused(WithLine(T4Row, l => ReplaceCell(l, 0, "1.5")), T4Row, "件数必须是整数（1.5）");

    [Fact]
    public void A_fee_with_seven_decimals_is_refused() =>
        AssertRefused(WithLine(43, _ => "| 行政事业性收费 | 1.2345678 | | |"), 43, "金额最多保留6位小数");

    [Fact]
    public void A_row_with_a_number_too_many_is_refused() =>
        AssertRefused(WithLine(67, l => l + " 0 |"), 67, "有 8 个数据单元格，应为 7 个");

    [Fact]
    public void A_missing_row_is_refused_after_the_row_before_it() =>
        AssertRefused(WithLine(67, _ => ""), 66, "表三在此行之后缺少行「（五）2.重复申请」");

    [Fact]
    public void A_row_of_numbers_without_a_label_is_refused() =>
        AssertRefused(WithLine(67, l => l.Replace("2. 重复申请", "", StringComparison.Ordinal)), 67, "找不到对应的行名称");

    [Fact]
    public void A_missing_section_heading_is_refused_at_the_next_heading() =>
        AssertRefused(WithLine(27, _ => ""), 45, "此行之前缺少章节标题「二、主动公开政府信息情况」");

    [Fact]
    public void A_missing_sub_head_is_stored_as_given_with_its_text_under_the_sub_head_before()
    {
        var result = TextReportImporter.Import(WithLine(15, _ => ""));
        Assert.True(result.Succeeded, result.Refusal?.Message);
        var data = result.Data!;
        Assert.Equal("", data.ProseOf(Format2021.ProseManagement));
        Assert.Equal(Lines()[12] + "\n" + Lines()[16], data.ProseOf(Format2021.ProseOnRequest));
        Assert.Equal(Lines()[20], data.ProseOf(Format2021.ProsePlatform));
    }

    [Theory]
    [InlineData("（一）主动公开方面。")]
    [InlineData("（一）主动公开情况")]
    [InlineData("(三)政府信息管理情况。")]
    [InlineData("（四）信息公开平台建设方面")]
    [InlineData("（五）政府信息公开监督保障情况。")]
    public void Sub_heads_are_recognised_by_their_numbering_and_meaning(string printed)
    {
        var lines = Lines();
        var at = printed.Contains('一', StringComparison.Ordinal) ? 6 : printed.Contains('三', StringComparison.Ordinal) ? 14
            : printed.Contains('四', StringComparison.Ordinal) ? 18 : 22;
        lines[at] = printed + "正文在标题之后。";
        var data = TextReportImporter.Import(Join(lines)).Data!;
        var code = Format.ProseParts[(at - 6) / 4].Code;
        Assert.StartsWith("正文在标题之后。", data.ProseOf(code), StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_without_a_title_is_refused() =>
        AssertRefused(WithLine(3, _ => "钱店镇工作总结"), 3, "找不到报告标题");

    [Theory]
    [InlineData("钱店镇 2024 年政府信息公开工作年度报告", "钱店镇", 2024)]
    [InlineData("  钱 店 镇２０２３年度政府信息公开工作年度报告", "钱店镇", 2023)]
    [InlineData("# 某县(区)人民政府 2022 年政府信息公开工作年度报告", "某县（区）人民政府", 2022)]
    [InlineData("2024年某街道办事处政府信息公开工作年度报告", "某街道办事处", 2024)]
    public void The_body_and_year_are_read_from_title_variants(string title, string body, int year)
    {
        var result = TextReportImporter.Import(WithLine(3, _ => title));
        Assert.True(result.Succeeded, result.Refusal?.Message);
        Assert.Equal(body, result.BodyName);
        Assert.Equal(year, result.Year);
    }

    [Fact]
    public void Full_width_parentheses_and_punctuation_in_labels_are_the_same_labels()
    {
        var lines = Lines();
        lines[6] = "（一）主动公开";
        lines[53] = "| | （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 7 | 0 | 0 | 0 | 0 | 0 | 7 | |";
        lines[56] = "| | | 3．危及\"三安全一稳定\" | 3 | 0 | 0 | 0 | 0 | 0 | 3 |";
        var data = TextReportImporter.Import(Join(lines)).Data!;
        Assert.Equal(7m, data.Get("t3", "3.2", "natural"));
        Assert.Equal(3m, data.Get("t3", "3.3.3", "total"));
        Assert.Equal(Lines()[8], data.ProseOf(Format2021.ProseActive));
    }

    [Fact]
    public void A_sub_head_followed_by_its_text_on_the_same_line_is_split()
    {
        var lines = Lines();
        lines[10] = "（二）依申请公开。" + lines[12];
        lines[12] = "";
        var data = TextReportImporter.Import(Join(lines)).Data!;
        Assert.Equal(Lines()[12], data.ProseOf(Format2021.ProseOnRequest));
    }

    [Fact]
    public void Tables_with_columns_separated_by_spaces_import_like_the_pipe_tables()
    {
        var layout = Lines().Select(l =>
        {
            if (!l.StartsWith('|')) return l;
            if (l.StartsWith("|--", StringComparison.Ordinal)) return "";
            return string.Join("    ", l.Split('|').Select(c => c.Trim()).Where(c => c.Length > 0));
        });
        var fromPipes = TextReportImporter.Import(TestData.Seed()).Data!;
        var result = TextReportImporter.Import(Join(layout));
        Assert.True(result.Succeeded, result.Refusal?.Message);
        Assert.Equal(fromPipes.Figures.OrderBy(f => f.Key.ToString()), result.Data!.Figures.OrderBy(f => f.Key.ToString()));
        Assert.Equal(fromPipes.Prose.OrderBy(p => p.Key), result.Data.Prose.OrderBy(p => p.Key));
    }

    [Fact]
    public void The_imported_seed_goes_through_the_json_form_unchanged()
    {
        var imported = TextReportImporter.Import(TestData.Seed());
        var document = new ReportDocument(new ReportDocumentBody(null, imported.BodyName!, null), imported.Year!.Value,
            null, imported.Data!);
        var parsed = ReportJson.Parse(ReportJson.Serialize(document));
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Errors));
        Assert.Equal(imported.Data!.Figures.OrderBy(f => f.Key.ToString()), parsed.Data!.Figures.OrderBy(f => f.Key.ToString()));
        Assert.Equal(imported.Data.Prose.OrderBy(p => p.Key), parsed.Data.Prose.OrderBy(p => p.Key));
    }
}
