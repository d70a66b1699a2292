using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Rules;
using static DisclosurePortal.Domain.Format.Format2021;
using static DisclosurePortal.Domain.Tests.Rules.RuleTestKit;

namespace DisclosurePortal.Domain.Tests.Rules;

public class TextCopiedTests
{
    private const string Qiandian = "钱店镇人民政府";

    private static IReadOnlyList<Violation> EvaluateTownship(Domain.Reports.ReportData data, params ComparableProse[] others) =>
        ReportRules.Evaluate(new RuleInput(data, BodyKind.TownshipGovernment, null, others, Qiandian));

    [Fact]
    public void Copied_passes_when_the_other_report_is_a_different_generated_body() =>
        Assert.Empty(Evaluate(County2024, others: OtherProse).Of(RuleCodes.TextCopied));

    [Fact]
    public void Copied_passes_for_the_seed_township_against_a_generated_township()
    {
        var other = Domain.Samples.SampleReports.Generate(F2021, BodyKind.TownshipGovernment, 2024, "王集镇人民政府", 5);
        Assert.Empty(EvaluateTownship(SeedTownship(), new ComparableProse("王集镇人民政府", 2024, other.AllProse))
            .Of(RuleCodes.TextCopied));
    }

    [Fact]
    public void Copied_warns_once_at_the_first_part_when_another_township_copied_the_whole_report_with_its_name_and_year_changed()
    {
        var copy = SeedTownship().AllProse.Replace("钱店镇", "王集镇", StringComparison.Ordinal)
            .Replace("2024", "2023", StringComparison.Ordinal);

        var found = EvaluateTownship(SeedTownship(), new ComparableProse("王集镇人民政府", 2023, copy)).Of(RuleCodes.TextCopied);

        Assert.Equal(["s1.1"], found.Keys());
        Assert.Equal(RuleLevel.Warning, found[0].Level);
        Assert.Equal("报告正文与王集镇人民政府 2023 年报告的相似度为 100%，疑似雷同，请据实撰写本单位本年度情况", found[0].Message);
    }

    [Fact]
    public void Copied_warns_at_the_problems_section_only_when_it_repeats_last_years_word_for_word()
    {
        var lastYear = "2023年我镇政务公开工作取得新进展。" + SeedProse.Qiandian2024[ProseProblems];

        var found = EvaluateTownship(SeedTownship(), new ComparableProse(Qiandian, 2023, lastYear)).Of(RuleCodes.TextCopied);

        Assert.Equal(["s5"], found.Keys());
        Assert.StartsWith("五、存在的主要问题及改进情况与钱店镇人民政府 2023 年报告的相似度为 100%", found[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Copied_does_not_flag_the_set_phrase_on_the_information_processing_fee()
    {
        var other = "依据《国务院办公厅关于印发<政府信息公开信息处理费管理办法>的通知》（国办函〔2020〕109号）规定，本年度我单位未收取信息处理费。";
        Assert.Empty(EvaluateTownship(SeedTownship(), new ComparableProse("王集镇人民政府", 2024, other)).Of(RuleCodes.TextCopied));
    }

    [Fact]
    public void Copied_judges_a_report_the_same_whichever_other_reports_are_compared_with_it()
    {
        // The copy mentions a third body; that body's own report among the compared ones must not change the result.
        var mention = string.Concat(Enumerable.Repeat("王集镇会同李庄镇人民政府开展政务公开培训。", 12));
        var copy = SeedTownship().AllProse.Replace("钱店镇", "王集镇", StringComparison.Ordinal) + mention;
        var third = new ComparableProse("李庄镇人民政府", 2024, "李庄镇人民政府本年度认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。");

        var alone = EvaluateTownship(SeedTownship(), new ComparableProse("王集镇人民政府", 2023, copy)).Of(RuleCodes.TextCopied);
        var among = EvaluateTownship(SeedTownship(), third, new ComparableProse("王集镇人民政府", 2023, copy)).Of(RuleCodes.TextCopied);

        Assert.Single(alone);
        Assert.Equal(alone[0].Message, Assert.Single(among).Message);
    }
}
