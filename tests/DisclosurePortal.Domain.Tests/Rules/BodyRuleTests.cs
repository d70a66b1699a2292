using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.Domain.Samples;
using static DisclosurePortal.Domain.Format.Format2021;
using static DisclosurePortal.Domain.Tests.Rules.RuleTestKit;

namespace DisclosurePortal.Domain.Tests.Rules;

public class BodyRuleTests
{
    [Fact]
    public void No_rules_passes_for_a_county_whose_rules_row_is_zero() =>
        Assert.Empty(Evaluate(County2024).Of(RuleCodes.BodyNoRules));

    [Fact]
    public void No_rules_passes_for_a_city_government_that_made_rules()
    {
        var city = SampleReports.Generate(F2021, BodyKind.CityGovernment, 2024, "江州市人民政府", 3);
        Assert.True(city.Value(T2(Table2.Rules, Table2.InForce)) > 0);
        Assert.Empty(Evaluate(city, BodyKind.CityGovernment).Of(RuleCodes.BodyNoRules));
    }

    [Fact]
    public void No_rules_warns_a_township_at_each_nonzero_rules_cell_only()
    {
        var township = SeedTownship().With((T2(Table2.Rules, Table2.Issued), 2m), (T2(Table2.Rules, Table2.InForce), 2m));

        var found = Evaluate(township, BodyKind.TownshipGovernment).Of(RuleCodes.BodyNoRules);

        Assert.Equal(["t2/rules/issued", "t2/rules/in_force"], found.Keys());
        Assert.Contains("乡镇人民政府无权制定规章", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("表二 规章 本年制发件数应为 0，现为 2", found[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fee_magnitude_passes_on_a_plausible_county_fee() =>
        Assert.Empty(Evaluate(County2024).Of(RuleCodes.FeeMagnitude));

    [Theory]
    [InlineData(BodyKind.TownshipGovernment, 1_000)]
    [InlineData(BodyKind.CountyDepartment, 200_000)]
    [InlineData(BodyKind.CityGovernment, 2_000_000)]
    [InlineData(BodyKind.ProvincialDepartment, 10_000_000)]
    public void Fee_magnitude_allows_the_ceiling_of_the_tier_and_warns_just_above(BodyKind kind, int ceiling)
    {
        var cell = T2(Table2.AdminFees, Table2.FeeAmount);
        Assert.Empty(Evaluate(County2024.With((cell, ceiling)), kind).Of(RuleCodes.FeeMagnitude));
        var found = Evaluate(County2024.With((cell, ceiling + 0.0001m)), kind).Of(RuleCodes.FeeMagnitude);
        Assert.Equal(["t2/admin_fees/fee_amount"], found.Keys());
    }

    [Fact]
    public void Fee_magnitude_warns_a_township_that_entered_its_fee_in_yuan()
    {
        var found = Evaluate(SeedTownship().With((T2(Table2.AdminFees, Table2.FeeAmount), 35800m)), BodyKind.TownshipGovernment)
            .Of(RuleCodes.FeeMagnitude);
        Assert.Equal(["t2/admin_fees/fee_amount"], found.Keys());
        Assert.Equal("表二 行政事业性收费 本年收费金额（单位：万元）为 35800 万元，超过乡镇（街道）单位的合理上限 1000 万元；" +
            "请核对是否误按“元”填写（35800 元 = 3.58 万元）", found[0].Message);
    }

    [Theory]
    [InlineData(BodyKind.CountyGovernment, 7_730.28)]   // 淮安市洪泽区 2023
    [InlineData(BodyKind.CountyGovernment, 18_651.06)]  // 平潭综合实验区 2024, read as a county-level 区
    [InlineData(BodyKind.CityGovernment, 96_172)]
    [InlineData(BodyKind.CountyGovernment, 4_068)]
    public void Fee_magnitude_stays_silent_on_fees_real_governments_print(BodyKind kind, double fee) =>
        Assert.Empty(Evaluate(County2024.With((T2(Table2.AdminFees, Table2.FeeAmount), (decimal)fee)), kind).Of(RuleCodes.FeeMagnitude));

    [Theory]
    [InlineData(BodyKind.CountyGovernment, 77_302_800)]   // 洪泽区's 7,730.28 万元 typed in 元
    [InlineData(BodyKind.CityGovernment, 961_720_000)]
    [InlineData(BodyKind.ProvincialGovernment, 120_000_000_000)]
    public void Fee_magnitude_warns_a_real_government_fee_typed_in_yuan(BodyKind kind, double fee) =>
        Assert.Single(Evaluate(County2024.With((T2(Table2.AdminFees, Table2.FeeAmount), (decimal)fee)), kind).Of(RuleCodes.FeeMagnitude));

    [Fact]
    public void Fee_magnitude_warns_a_fee_below_the_ceiling_that_jumped_a_thousandfold_from_last_year()
    {
        var fee = T2(Table2.AdminFees, Table2.FeeAmount);
        var lastYear = County2024.With((fee, 3.5m));
        var found = ReportRules.Evaluate(new RuleInput(County2024.With((fee, 35_000m)), BodyKind.CountyDepartment, lastYear))
            .Of(RuleCodes.FeeMagnitude);
        Assert.Equal(["t2/admin_fees/fee_amount"], found.Keys());
        Assert.Equal("表二 行政事业性收费 本年收费金额（单位：万元）为 35000 万元，是上年（3.5 万元）的 10000 倍；" +
            "请核对是否误按“元”填写（35000 元 = 3.5 万元）", found[0].Message);
        // A real rise, even a large one, is no change of unit.
        Assert.Empty(ReportRules.Evaluate(new RuleInput(County2024.With((fee, 350m)), BodyKind.CountyDepartment, lastYear))
            .Of(RuleCodes.FeeMagnitude));
    }
}
