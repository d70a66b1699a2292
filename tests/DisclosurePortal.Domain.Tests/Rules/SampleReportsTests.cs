using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.Domain.Samples;
using static DisclosurePortal.Domain.Tests.Rules.RuleTestKit;

namespace DisclosurePortal.Domain.Tests.Rules;

public class SampleReportsTests
{
    [Fact]
    public void The_county_report_breaks_no_rule_with_last_year_and_another_county_to_compare()
    {
        var violations = Evaluate(County2024, previous: County2023, others: OtherProse);
        Assert.Empty(violations);
    }

    [Fact]
    public void The_county_report_has_thousands_of_applications_spread_over_every_column()
    {
        Assert.InRange(County2024.Value(T3(Format2021.Table3.Received, Format2021.Table3.Total)), 1000m, 10000m);
        foreach (var column in Format2021.Table3.ApplicantColumns)
            Assert.True(County2024.Value(T3(Format2021.Table3.Received, column)) > 0, column);
        var natural = F2021.Table(Format2021.T3).FigureRows
            .Count(r => County2024.Value(T3(r.Code, Format2021.Table3.Natural)) > 0);
        Assert.Equal(25, natural);
    }

    [Fact]
    public void Carried_over_equals_last_years_carried_forward_in_every_column()
    {
        foreach (var column in Format2021.Table3.AllColumns)
            Assert.Equal(County2023.Value(T3(Format2021.Table3.CarriedForward, column)),
                County2024.Value(T3(Format2021.Table3.CarriedOver, column)));
    }

    [Fact]
    public void The_same_arguments_give_the_same_report()
    {
        var again = SampleReports.Generate(F2021, BodyKind.CountyGovernment, 2024, CountyName, seed: 12, previousYear: County2023);
        Assert.Equal(County2024.Figures.OrderBy(f => f.Key.ToString()), again.Figures.OrderBy(f => f.Key.ToString()));
        Assert.Equal(County2024.AllProse, again.AllProse);
    }

    [Theory]
    [InlineData(BodyKind.TownshipGovernment, "钱店镇人民政府")]
    [InlineData(BodyKind.SubDistrictOffice, "城关街道办事处")]
    [InlineData(BodyKind.CountyDepartment, "临川县市场监督管理局")]
    [InlineData(BodyKind.CityGovernment, "江州市人民政府")]
    [InlineData(BodyKind.CityDepartment, "江州市生态环境局")]
    [InlineData(BodyKind.ProvincialGovernment, "某省人民政府")]
    [InlineData(BodyKind.ProvincialDepartment, "某省教育厅")]
    [InlineData(BodyKind.OtherPublicBody, "临川县自来水公司")]
    public void Every_kind_of_body_gets_a_report_that_breaks_no_rule_over_two_years(BodyKind kind, string name)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var last = SampleReports.Generate(F2021, kind, 2023, name, seed);
            var current = SampleReports.Generate(F2021, kind, 2024, name, seed + 1000, last);
            var violations = ReportRules.Evaluate(new RuleInput(current, kind, last,
                [new ComparableProse(OtherCountyName, 2024, OtherCounty2024.AllProse)], name));
            Assert.True(violations.Count == 0, $"seed {seed}: {string.Join("\n", violations.Select(v => v.Key + " " + v.Message))}");
        }
    }

    [Fact]
    public void A_township_report_is_small_and_often_zero()
    {
        var reports = Enumerable.Range(0, 30)
            .Select(s => SampleReports.Generate(F2021, BodyKind.TownshipGovernment, 2024, "钱店镇人民政府", s)).ToList();
        var received = reports.Select(r => r.Value(T3(Format2021.Table3.Received, Format2021.Table3.Total))).ToList();
        Assert.All(received, n => Assert.InRange(n, 0m, 10m));
        Assert.Contains(0m, received);
        Assert.All(reports, r => Assert.Equal(0m, r.Value(T2(Format2021.Table2.Rules, Format2021.Table2.Issued))));
    }

    [Fact]
    public void Twenty_townships_of_one_county_are_not_copies_of_each_other()
    {
        var names = Enumerable.Range(1, 20).Select(i => $"第{i}镇人民政府").ToList();
        var reports = names.Select((n, i) => SampleReports.Generate(F2021, BodyKind.TownshipGovernment, 2024, n, i)).ToList();
        for (var i = 0; i < reports.Count; i++)
        {
            var others = names.Select((n, j) => (n, j)).Where(x => x.j != i)
                .Select(x => new ComparableProse(x.n, 2024, reports[x.j].AllProse)).ToList();
            var copied = ReportRules.Evaluate(new RuleInput(reports[i], BodyKind.TownshipGovernment, null, others, names[i]))
                .Of(RuleCodes.TextCopied);
            Assert.True(copied.Count == 0, string.Join("\n", copied.Select(v => v.Message)));
        }
    }

    [Fact]
    public void Money_has_at_most_four_decimals()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var fee = SampleReports.Generate(F2021, BodyKind.CityGovernment, 2024, "江州市人民政府", seed)
                .Value(T2(Format2021.Table2.AdminFees, Format2021.Table2.FeeAmount));
            Assert.Equal(decimal.Round(fee, 4), fee);
        }
    }
}
