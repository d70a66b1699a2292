using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using static DisclosurePortal.Domain.Format.Format2021;
using static DisclosurePortal.Domain.Tests.Rules.RuleTestKit;

namespace DisclosurePortal.Domain.Tests.Rules;

public class CellRuleTests
{
    [Fact]
    public void Required_cells_pass_on_a_complete_report() =>
        Assert.Empty(Evaluate(County2024).Of(RuleCodes.CellRequired));

    [Fact]
    public void Required_cells_fail_at_the_one_blank_cell_only()
    {
        var found = Evaluate(County2024.With((T3(Table3.Unavailable + ".2", Table3.PublicWelfare), null)))
            .Of(RuleCodes.CellRequired);
        Assert.Equal(["t3/3.4.2/public_welfare"], found.Keys());
        Assert.Equal("表三 （四）2 社会公益组织 未填写（没有数据请填 0）", found[0].Message);
    }

    [Fact]
    public void An_empty_draft_gets_one_required_message_per_cell_and_no_sum_errors()
    {
        var found = Evaluate(ReportData.Empty(F2021));
        Assert.Equal(175 + 15 + 10, found.Of(RuleCodes.CellRequired).Count);
        Assert.Equal(7, found.Of(RuleCodes.TextRequired).Count);
        Assert.All(found, v => Assert.Contains(v.Code, new[] { RuleCodes.CellRequired, RuleCodes.TextRequired }));
    }

    [Fact]
    public void Range_passes_on_a_consistent_report() =>
        Assert.Empty(Evaluate(County2024).Of(RuleCodes.CellRange));

    [Fact]
    public void Range_fails_at_a_negative_count_and_a_fee_with_seven_decimals_only()
    {
        var broken = County2024.With(
            (T2(Table2.Penalty, Table2.Decisions), -3m),
            (T2(Table2.AdminFees, Table2.FeeAmount), 12.3456789m));

        var found = Evaluate(broken).Of(RuleCodes.CellRange);

        Assert.Equal(["t2/penalty/decisions", "t2/admin_fees/fee_amount"], found.Keys());
        Assert.Equal("表二 行政处罚 本年处理决定数量：不能为负数（-3）", found[0].Message);
        Assert.Equal("表二 行政事业性收费 本年收费金额（单位：万元）：金额最多保留6位小数（单位：万元，精确到分）（12.3456789）", found[1].Message);
    }

    [Fact]
    public void Range_fails_at_a_fractional_count()
    {
        var found = Evaluate(County2024.With((T4(Table4.Review, Table4.Upheld), 1.5m))).Of(RuleCodes.CellRange);
        Assert.Equal(["t4/cases/review.upheld"], found.Keys());
        Assert.Equal("表四 行政复议结果维持：件数必须是整数（1.5）", found[0].Message);
    }

    [Fact]
    public void Required_text_passes_on_a_report_with_all_seven_parts() =>
        Assert.Empty(Evaluate(County2024).Of(RuleCodes.TextRequired));

    [Fact]
    public void Required_text_fails_at_the_blank_supervision_part_only()
    {
        var found = Evaluate(County2024.WithProse(ProseSupervision, " \n ")).Of(RuleCodes.TextRequired);
        Assert.Equal(["s1.5"], found.Keys());
        Assert.Equal("一、总体情况 （五）监督保障 未填写", found[0].Message);
    }

    [Theory]
    [InlineData("\u200B\u200B\u200B")]
    [InlineData("\uFEFF \u2060")]
    [InlineData("\u3164\u115F\u3164")]
    [InlineData("\u3000\u00A0\u200D\u200C\r\n\t")]
    public void Required_text_made_of_invisible_characters_counts_as_blank(string invisible)
    {
        var found = Evaluate(County2024.WithProse(ProseSupervision, invisible)).Of(RuleCodes.TextRequired);
        Assert.Equal(["s1.5"], found.Keys());
    }
}
