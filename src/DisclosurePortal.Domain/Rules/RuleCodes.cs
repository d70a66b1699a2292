namespace DisclosurePortal.Domain.Rules;

/// <summary>The stable rule codes of ../shared/spec/report-format-2021.md; see docs/rules.md.</summary>
public static class RuleCodes
{
    public const string T3Balance = "T3-BALANCE";
    public const string T3RowTotal = "T3-ROW-TOTAL";
    public const string T3ResultSum = "T3-RESULT-SUM";
    public const string T4Total = "T4-TOTAL";
    public const string CellRequired = "CELL-REQUIRED";
    public const string CellRange = "CELL-RANGE";
    public const string TextRequired = "TEXT-REQUIRED";
    public const string CarryOver = "X-CARRY-OVER";
    public const string InForce = "X-IN-FORCE";
    public const string T2Repeal = "T2-REPEAL";
    public const string BodyNoRules = "BODY-NO-RULES";
    public const string FeeMagnitude = "FEE-MAGNITUDE";
    public const string TextFigures = "TEXT-FIGURES";
    public const string TextCopied = "TEXT-COPIED";

    public static readonly IReadOnlyList<string> All =
    [
        T3Balance, T3RowTotal, T3ResultSum, T4Total, CellRequired, CellRange, TextRequired,
        CarryOver, InForce, T2Repeal, BodyNoRules, FeeMagnitude, TextFigures, TextCopied,
    ];

    public static RuleLevel LevelOf(string code) => code switch
    {
        T3Balance or T3RowTotal or T3ResultSum or T4Total or CellRequired or CellRange or TextRequired
            => RuleLevel.Blocking,
        _ => RuleLevel.Warning,
    };
}
