namespace DisclosurePortal.Domain.Rules;

/// <summary>
/// Evaluates every rule of the report's format. Pure: no clock, no database, no I/O.
/// </summary>
public static class ReportRules
{
    public static IReadOnlyList<Violation> Evaluate(RuleInput input)
    {
        // Filled in by the rules work item.
        _ = input;
        return [];
    }
}
