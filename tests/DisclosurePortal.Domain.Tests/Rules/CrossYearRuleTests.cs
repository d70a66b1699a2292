using DisclosurePortal.Domain.Rules;
using static DisclosurePortal.Domain.Format.Format2021;
using static DisclosurePortal.Domain.Tests.Rules.RuleTestKit;

namespace DisclosurePortal.Domain.Tests.Rules;

public class CrossYearRuleTests
{
    [Fact]
    public void Carry_over_passes_when_it_equals_last_years_carried_forward() =>
        Assert.Empty(Evaluate(County2024, previous: County2023).Of(RuleCodes.CarryOver));

    [Fact]
    public void Carry_over_is_not_judged_without_last_years_report() =>
        Assert.Empty(Evaluate(County2024.Plus(T3(Table3.CarriedOver, Table3.Natural), 4)).Of(RuleCodes.CarryOver));

    [Fact]
    public void Carry_over_warns_in_the_legal_service_column_only_when_it_differs_from_last_year()
    {
        var cell = T3(Table3.CarriedOver, Table3.LegalService);
        var current = County2024.Plus(cell, 4);

        var found = Evaluate(current, previous: County2023).Of(RuleCodes.CarryOver);

        Assert.Equal(["t3/2/legal_service"], found.Keys());
        Assert.Equal(RuleLevel.Warning, found[0].Level);
        var last = County2023.Value(T3(Table3.CarriedForward, Table3.LegalService));
        Assert.Equal($"表三 法律服务机构列：本年「二、上年结转政府信息公开申请数量」为 {last + 4}，" +
            $"但上年度报告「四、结转下年度继续办理」为 {last}", found[0].Message);
    }

    [Fact]
    public void Carry_over_asks_once_for_one_discrepancy_that_also_shows_in_the_total_column()
    {
        var current = County2024.Plus(T3(Table3.CarriedOver, Table3.Natural), 3).Plus(T3(Table3.CarriedOver, Table3.Total), 3);

        var found = Evaluate(current, previous: County2023).Of(RuleCodes.CarryOver);

        Assert.Equal(["t3/2/natural"], found.Keys());
    }

    [Fact]
    public void Carry_over_names_the_total_column_when_no_applicant_column_explains_the_difference()
    {
        var found = Evaluate(County2024.Plus(T3(Table3.CarriedOver, Table3.Total), 2), previous: County2023).Of(RuleCodes.CarryOver);

        Assert.Equal(["t3/2/total"], found.Keys());
    }

    [Fact]
    public void In_force_passes_when_it_follows_last_year() =>
        Assert.Empty(Evaluate(County2024, previous: County2023).Of(RuleCodes.InForce));

    [Fact]
    public void In_force_warns_at_the_normative_documents_only_when_one_document_too_many_is_in_force()
    {
        var cell = T2(Table2.NormativeDocs, Table2.InForce);
        var found = Evaluate(County2024.Plus(cell, 1), previous: County2023).Of(RuleCodes.InForce);

        Assert.Equal(["t2/normative/in_force"], found.Keys());
        var before = County2023.Value(cell);
        var issued = County2024.Value(T2(Table2.NormativeDocs, Table2.Issued));
        var repealed = County2024.Value(T2(Table2.NormativeDocs, Table2.Repealed));
        Assert.Equal($"表二 行政规范性文件：现行有效件数为 {County2024.Value(cell) + 1}，但上年度现行有效件数（{before}）" +
            $"+ 本年制发件数（{issued}）− 本年废止件数（{repealed}）= {before + issued - repealed}", found[0].Message);
    }

    [Fact]
    public void Repeal_passes_when_no_more_is_repealed_than_existed() =>
        Assert.Empty(Evaluate(County2024, previous: County2023).Of(RuleCodes.T2Repeal));

    [Fact]
    public void Repeal_warns_at_the_normative_documents_only_when_more_are_repealed_than_existed()
    {
        var before = County2023.Value(T2(Table2.NormativeDocs, Table2.InForce));
        var issued = County2024.Value(T2(Table2.NormativeDocs, Table2.Issued));
        var tooMany = before + issued + 1;
        var current = County2024.With((T2(Table2.NormativeDocs, Table2.Repealed), tooMany));

        var found = Evaluate(current, previous: County2023).Of(RuleCodes.T2Repeal);

        Assert.Equal(["t2/normative/repealed"], found.Keys());
        Assert.Equal($"表二 行政规范性文件：本年废止件数为 {tooMany}，超过上年度现行有效件数（{before}）" +
            $"+ 本年制发件数（{issued}）= {before + issued}", found[0].Message);
    }
}
