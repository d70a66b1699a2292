using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using static DisclosurePortal.Domain.Format.Format2021;
using static DisclosurePortal.Domain.Tests.Rules.RuleTestKit;

namespace DisclosurePortal.Domain.Tests.Rules;

public class SumRuleTests
{
    private static string N(decimal d) => FigureValues.Display(ValueKind.Count, d);

    [Fact]
    public void Balance_passes_on_a_consistent_report() =>
        Assert.Empty(Evaluate(County2024).Of(RuleCodes.T3Balance));

    [Fact]
    public void Balance_fails_in_the_natural_person_column_only_when_its_carried_over_is_off_by_one()
    {
        var cell = T3(Table3.CarriedOver, Table3.Natural);
        var broken = County2024.Plus(cell, 1);

        var found = Evaluate(broken).Of(RuleCodes.T3Balance);

        Assert.Equal(["t3/3.7/natural"], found.Keys());
        var received = County2024.Value(T3(Table3.Received, Table3.Natural));
        var over = broken.Value(cell);
        var total = County2024.Value(T3(Table3.ResultsTotal, Table3.Natural));
        var forward = County2024.Value(T3(Table3.CarriedForward, Table3.Natural));
        Assert.Equal(
            $"表三 自然人列：一（{N(received)}）+ 二（{N(over)}）= {N(received + over)}，" +
            $"但（七）总计（{N(total)}）+ 四（{N(forward)}）= {N(total + forward)}",
            found[0].Message);
        Assert.Equal(RuleLevel.Blocking, found[0].Level);
    }

    [Fact]
    public void Balance_is_not_judged_in_a_column_left_entirely_blank()
    {
        var blank = County2024.With(
            (T3(Table3.Received, Table3.Research), null), (T3(Table3.CarriedOver, Table3.Research), null),
            (T3(Table3.ResultsTotal, Table3.Research), null), (T3(Table3.CarriedForward, Table3.Research), null));
        Assert.Empty(Evaluate(blank).Of(RuleCodes.T3Balance));
        Assert.Empty(Evaluate(ReportData.Empty(F2021)).Of(RuleCodes.T3Balance));
    }

    [Fact]
    public void Row_total_passes_on_a_consistent_report() =>
        Assert.Empty(Evaluate(County2024).Of(RuleCodes.T3RowTotal));

    [Fact]
    public void Row_total_fails_in_the_row_of_a_legal_service_figure_that_was_raised_without_its_total()
    {
        var row = $"{Table3.Withheld}.4";
        var broken = County2024.Plus(T3(row, Table3.LegalService), 2);

        var found = Evaluate(broken).Of(RuleCodes.T3RowTotal);

        Assert.Equal([$"t3/{row}/total"], found.Keys());
        var total = County2024.Value(T3(row, Table3.Total));
        Assert.Contains($"表三「（三）4」行：", found[0].Message, StringComparison.Ordinal);
        Assert.Contains($"= {N(total + 2)}，但总计为 {N(total)}", found[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_sum_passes_on_a_consistent_report() =>
        Assert.Empty(Evaluate(County2024).Of(RuleCodes.T3ResultSum));

    [Fact]
    public void Result_sum_fails_in_the_commercial_column_only_when_a_result_is_raised_without_the_results_total()
    {
        var broken = County2024.Plus(T3(Table3.Disclosed, Table3.Commercial), 5);

        var found = Evaluate(broken).Of(RuleCodes.T3ResultSum);

        Assert.Equal(["t3/3.7/commercial"], found.Keys());
        var total = County2024.Value(T3(Table3.ResultsTotal, Table3.Commercial));
        Assert.Equal($"表三 商业企业列：（七）总计为 {N(total)}，但（一）至（六）3各项之和为 {N(total + 5)}", found[0].Message);
    }

    [Fact]
    public void Result_sum_counts_every_one_of_the_21_result_rows()
    {
        var parts = F2021.Table(Format2021.T3).Row(Table3.ResultsTotal).SumOf!;
        Assert.Equal(21, parts.Count);
        foreach (var row in parts)
            Assert.Equal(["t3/3.7/natural"], Evaluate(County2024.Plus(T3(row, Table3.Natural), 1)).Of(RuleCodes.T3ResultSum).Keys());
    }

    [Fact]
    public void Group_total_passes_on_a_consistent_report() =>
        Assert.Empty(Evaluate(County2024).Of(RuleCodes.T4Total));

    [Fact]
    public void Group_total_fails_for_suits_after_review_only_when_their_pending_cases_are_off()
    {
        var broken = County2024.Plus(T4(Table4.SuitAfterReview, Table4.Pending), 3);

        var found = Evaluate(broken).Of(RuleCodes.T4Total);

        Assert.Equal(["t4/cases/suit_after_review.total"], found.Keys());
        var total = County2024.Value(T4(Table4.SuitAfterReview, Table4.Total));
        Assert.StartsWith("表四 行政诉讼（复议后起诉）：结果维持（", found[0].Message, StringComparison.Ordinal);
        Assert.EndsWith($"= {N(total + 3)}，但总计为 {N(total)}", found[0].Message, StringComparison.Ordinal);
    }
}
