namespace DisclosurePortal.Domain.Rules;

/// <summary>
/// Evaluates every rule of the report's format. Pure: no clock, no database, no I/O.
/// Violations come in the order of <see cref="RuleCodes.All"/>, and within a rule in document order, so the
/// same report always yields the same list.
/// </summary>
public static class ReportRules
{
    private static readonly Action<RuleContext>[] InOrder =
    [
        T3BalanceRule.Check,
        T3RowTotalRule.Check,
        T3ResultSumRule.Check,
        T4TotalRule.Check,
        CellRequiredRule.Check,
        CellRangeRule.Check,
        TextRequiredRule.Check,
        CarryOverRule.Check,
        InForceRule.Check,
        RepealRule.Check,
        BodyNoRulesRule.Check,
        FeeMagnitudeRule.Check,
        TextFiguresRule.Check,
        TextCopiedRule.Check,
    ];

    public static IReadOnlyList<Violation> Evaluate(RuleInput input)
    {
        var context = new RuleContext(input);
        foreach (var rule in InOrder) rule(context);
        return context.Found;
    }
}
