using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Rules;
using static DisclosurePortal.Domain.Format.Format2021;
using static DisclosurePortal.Domain.Tests.Rules.RuleTestKit;

namespace DisclosurePortal.Domain.Tests.Rules;

public class TextFiguresTests
{
    private const string SeedOnRequest = "2024 年，我镇没有相关依申请公开信息，也没有不予公开政府信息的情况。";

    [Fact]
    public void Text_figures_pass_on_the_seed_township_report_which_quotes_no_figure() =>
        Assert.Empty(Evaluate(SeedTownship(), BodyKind.TownshipGovernment).Of(RuleCodes.TextFigures));

    [Fact]
    public void Text_figures_pass_on_the_generated_county_prose_that_quotes_the_tables()
    {
        var prose = County2024.ProseOf(ProseOnRequest);
        Assert.Contains("新收", prose, StringComparison.Ordinal);
        Assert.Contains("上年结转", prose, StringComparison.Ordinal);
        Assert.Empty(Evaluate(County2024).Of(RuleCodes.TextFigures));
    }

    [Fact]
    public void Text_figures_warn_at_the_on_request_part_when_it_quotes_more_new_applications_than_table_three()
    {
        var township = SeedTownship().WithProse(ProseOnRequest, "2024 年，我镇本年新收政府信息公开申请3件，均已按期答复。");

        var found = Evaluate(township, BodyKind.TownshipGovernment).Of(RuleCodes.TextFigures);

        Assert.Equal(["s1.2"], found.Keys());
        Assert.Equal("一、总体情况 （二）依申请公开：正文写“新收政府信息公开申请3件”（3），但表三 一 总计为 0", found[0].Message);
    }

    [Fact]
    public void Text_figures_read_chinese_numerals_and_list_every_mismatch_of_one_part()
    {
        var township = SeedTownship()
            .With((T3(Table3.CarriedOver, Table3.Natural), 2m), (T3(Table3.CarriedOver, Table3.Total), 2m))
            .WithProse(ProseSupervision, "本年上年结转两件申请均已办结，结转下年度继续办理一件。全年因政府信息公开被申请行政复议十二起。");

        var found = Evaluate(township, BodyKind.TownshipGovernment).Of(RuleCodes.TextFigures);

        Assert.Equal(["s1.5"], found.Keys());
        Assert.DoesNotContain("上年结转两件", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("“结转下年度继续办理一件”（1），但表三 四 总计为 0", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("“行政复议十二起”（12），但表四 行政复议总计为 0", found[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_figures_compare_suits_with_both_groups_of_litigation()
    {
        var current = County2024.WithProse(ProseOther, "本年度行政诉讼9999件。");
        var found = Evaluate(current).Of(RuleCodes.TextFigures);
        Assert.Equal(["s6"], found.Keys());
        Assert.Contains("表四 行政诉讼（未经复议直接起诉）总计", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("表四 行政诉讼（复议后起诉）总计", found[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_figures_ignore_sentences_without_a_count_after_the_keyword()
    {
        var township = SeedTownship().WithProse(ProseOnRequest,
            SeedOnRequest + "未发生因政府信息公开引起的行政复议、行政诉讼。2024年行政复议工作三项制度已建立。");
        Assert.Empty(Evaluate(township, BodyKind.TownshipGovernment).Of(RuleCodes.TextFigures));
    }

    [Theory]
    [InlineData("12", 12)]
    [InlineData("1,234", 1234)]
    [InlineData("两", 2)]
    [InlineData("十", 10)]
    [InlineData("十二", 12)]
    [InlineData("二十", 20)]
    [InlineData("一百零五", 105)]
    [InlineData("三千二百", 3200)]
    [InlineData("一万两千", 12000)]
    public void Quoted_numbers_are_read_in_arabic_or_chinese_numerals(string text, int expected) =>
        Assert.Equal(expected, TextFiguresRule.ParseNumber(text));

    [Theory]
    [InlineData("2023年，全区受理政府信息公开申请 17 件，均按时答复。", "受理政府信息公开申请 17 件")]
    [InlineData("2022年，全区收到政府信息公开申请75件，涉及自然人72件。", "收到政府信息公开申请75件")]
    [InlineData("我局共收到公民、法人及其他组织提出的政府信息公开申请21件。", "收到公民、法人及其他组织提出的政府信息公开申请21件")]
    [InlineData("本年度接收各类政府信息公开申请共计8件。", "接收各类政府信息公开申请共计8件")]
    public void Text_figures_recognise_the_ways_real_reports_state_the_applications_received(string prose, string quoted)
    {
        var township = SeedTownship().WithProse(ProseOnRequest, prose);
        var found = Evaluate(township, BodyKind.TownshipGovernment).Of(RuleCodes.TextFigures);
        Assert.Equal(["s1.2"], found.Keys());
        Assert.Contains($"正文写“{quoted}”", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("但表三 一 总计为 0", found[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("全年不予受理申请3件。")]
    [InlineData("本年收到行政复议申请0件，行政诉讼0件。")]
    [InlineData("网上服务平台共受理公安业务6945件。")]
    [InlineData("收到申请后5个工作日内答复。")]
    public void Text_figures_do_not_take_other_counts_for_the_applications_received(string prose)
    {
        var township = SeedTownship().WithProse(ProseOnRequest, prose);
        Assert.Empty(Evaluate(township, BodyKind.TownshipGovernment).Of(RuleCodes.TextFigures));
    }

    [Fact]
    public void Text_figures_read_carried_forward_and_defended_suits_in_other_words()
    {
        var township = SeedTownship().WithProse(ProseSupervision, "转入下一年度继续办理2件。本年行政应诉案件1件。");
        var found = Evaluate(township, BodyKind.TownshipGovernment).Of(RuleCodes.TextFigures);
        Assert.Equal(["s1.5"], found.Keys());
        Assert.Contains("“转入下一年度继续办理2件”（2）", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("“行政应诉案件1件”（1）", found[0].Message, StringComparison.Ordinal);
    }
}
