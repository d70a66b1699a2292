using DisclosurePortal.Domain.Format;

namespace DisclosurePortal.Domain.Tests.Format;

/// <summary>Every label of 国办公开办函〔2021〕30号 as ../shared/spec/report-format-2021.md gives it.</summary>
public class Format2021Tests
{
    private static readonly ReportFormat F = Format2021.Definition;
    private static readonly string[] GroupRows = ["3.3", "3.4", "3.5", "3.6"];
    private static readonly string[] GroupColumns = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

    [Fact]
    public void The_six_sections_have_the_official_headings()
    {
        Assert.Equal(
            ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
            F.Sections.Select(s => s.Heading));
    }

    [Fact]
    public void Section_one_has_the_five_sub_heads_and_all_seven_prose_parts_are_required()
    {
        Assert.Equal(["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"],
            F.Sections[0].ProseParts.Select(p => p.SubHead));
        Assert.Equal(["s1.1", "s1.2", "s1.3", "s1.4", "s1.5", "s5", "s6"], F.ProseParts.Select(p => p.Code));
        Assert.All(F.ProseParts, p => Assert.True(p.Required));
    }

    [Fact]
    public void Table_two_has_four_blocks_with_the_official_headers_columns_and_rows()
    {
        var t2 = F.Table(Format2021.T2);
        Assert.Equal(["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"],
            t2.Blocks.Select(b => b.HeaderRows[0][0].Label));
        Assert.All(t2.Blocks, b => Assert.Equal("信息内容", b.HeaderRows[1][0].Label));
        Assert.Equal([["本年制发件数", "本年废止件数", "现行有效件数"], ["本年处理决定数量"], ["本年处理决定数量"], ["本年收费金额（单位：万元）"]],
            t2.Blocks.Select(b => b.Columns.Select(c => c.Label).ToArray()));
        Assert.Equal([["规章", "行政规范性文件"], ["行政许可"], ["行政处罚", "行政强制"], ["行政事业性收费"]],
            t2.Blocks.Select(b => b.Rows.Select(r => r.Label).ToArray()));
    }

    [Fact]
    public void Table_two_has_nine_count_cells_and_one_money_cell()
    {
        // The issue says "二: 6 counts + 1 money amount"; the form has 6 counts under 第二十条第（一）项 plus 3 decision counts.
        var cells = F.Table(Format2021.T2).Cells;
        Assert.Equal(9, cells.Count(c => c.Kind == ValueKind.Count));
        Assert.Equal(6, F.Table(Format2021.T2).Blocks[0].Cells.Count);
        Assert.Equal(["t2/admin_fees/fee_amount"], cells.Where(c => c.Kind == ValueKind.Money).Select(c => c.Ref.ToString()));
    }

    [Fact]
    public void Table_three_has_the_25_official_rows_in_order()
    {
        var t3 = F.Table(Format2021.T3);
        Assert.Equal(
        [
            "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
            "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
            "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
            "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
            "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
            "（七）总计", "四、结转下年度继续办理",
        ], t3.FigureRows.Select(r => r.Label));
    }

    [Fact]
    public void Table_three_groups_carry_no_figures_of_their_own()
    {
        var t3 = F.Table(Format2021.T3);
        var groups = t3.Blocks[0].AllRows.Where(r => !r.HasFigures).Select(r => r.Label);
        Assert.Equal(["三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"], groups);
        Assert.Equal([8, 3, 5, 3], GroupRows.Select(c => t3.Row(c).Children.Count));
    }

    [Fact]
    public void Table_three_has_seven_columns_and_175_cells()
    {
        var t3 = F.Table(Format2021.T3);
        Assert.Equal(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
            t3.Blocks[0].Columns.Select(c => c.Label));
        Assert.Equal(Format2021.Table3.ApplicantColumns, t3.Blocks[0].Column(Format2021.Table3.Total).SumOf);
        Assert.Equal(175, t3.Cells.Count);
    }

    [Fact]
    public void Table_three_header_has_the_official_spans()
    {
        var h = F.Table(Format2021.T3).Blocks[0].HeaderRows;
        Assert.Equal(3, h.Count);
        Assert.Equal(new HeaderCell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), h[0][0]);
        Assert.Equal(new HeaderCell("申请人情况", 7), h[0][1]);
        Assert.Equal(new HeaderCell("自然人", 1, 2, Format2021.Table3.Natural), h[1][0]);
        Assert.Equal(new HeaderCell("法人或其他组织", 5), h[1][1]);
        Assert.Equal(new HeaderCell("总计", 1, 2, Format2021.Table3.Total), h[1][2]);
        Assert.Equal(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], h[2].Select(c => c.Label));
        Assert.Equal(3, F.Table(Format2021.T3).Blocks[0].LabelColumns);
    }

    [Fact]
    public void Table_four_has_fifteen_cells_in_three_groups_under_the_official_header()
    {
        var block = F.Table(Format2021.T4).Blocks[0];
        Assert.Equal(15, block.Cells.Count);
        Assert.Equal(Enumerable.Repeat(GroupColumns, 3).SelectMany(x => x),
            block.Columns.Select(c => c.Label));
        var h = block.HeaderRows;
        Assert.Equal([new HeaderCell("行政复议", 5, 2), new HeaderCell("行政诉讼", 10)], h[0]);
        Assert.Equal([new HeaderCell("未经复议直接起诉", 5), new HeaderCell("复议后起诉", 5)], h[1]);
        Assert.Equal(block.Columns.Select(c => c.Code), h[2].Select(c => c.ColumnCode));
        Assert.Equal(["行政复议总计", "行政诉讼（未经复议直接起诉）总计", "行政诉讼（复议后起诉）总计"],
            block.Columns.Where(c => c.IsDerived).Select(c => c.FullLabel));
    }

    [Fact]
    public void Every_cell_code_is_unique_and_there_are_200_cells()
    {
        Assert.Equal(10 + 175 + 15, F.Cells.Count);
        Assert.Equal(F.Cells.Count, F.Cells.Select(c => c.Ref).Distinct().Count());
    }

    [Fact]
    public void Cells_are_named_in_messages_by_table_row_and_column()
    {
        Assert.Equal("表三 （三）4 自然人", F.Cell(new("t3", "3.3.4", "natural")).DisplayName);
        Assert.Equal("表四 行政复议结果维持", F.Cell(new("t4", "cases", "review.upheld")).DisplayName);
    }

    [Theory]
    [InlineData(2021)]
    [InlineData(2024)]
    [InlineData(2030)]
    public void Reports_on_2021_and_later_use_the_2021_format(int year) =>
        Assert.Same(Format2021.Definition, ReportFormats.ForYear(year));

    [Fact]
    public void Reports_on_2018_have_no_national_format() => Assert.Null(ReportFormats.ForYear(2018));
}
