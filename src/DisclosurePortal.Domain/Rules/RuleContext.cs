using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Rules;

/// <summary>
/// One evaluation: the input and the violations found so far. A blank cell counts as 0 in sums and is shown as
/// 「未填」, so a half-entered column already shows whether it balances.
/// </summary>
internal sealed class RuleContext(RuleInput input)
{
    public RuleInput Input => input;
    public ReportData Current => input.Current;
    public ReportFormat Format => input.Current.Format;
    /// <summary>Last year's report when it is in the portal, in its own format (a 2020 report in the trial format).</summary>
    public ReportData? Previous => input.PreviousYear;

    /// <summary>
    /// Whether this year's format has every one of these cells: a rule about rows that only one format has does
    /// not fire on the other.
    /// </summary>
    public bool Has(params CellRef[] cells) => cells.All(cell => Format.TryGetCell(cell, out _));
    public List<Violation> Found { get; } = [];

    public void Add(string code, RuleLocation location, string message) =>
        Found.Add(new Violation(code, RuleCodes.LevelOf(code), location, message));

    public void AddAt(string code, CellRef cell, string message) => Add(code, RuleLocation.OfCell(cell), message);

    public bool IsFilled(CellRef cell) => Current[cell] is not null;

    public bool AnyFilled(IEnumerable<CellRef> cells) => cells.Any(IsFilled);

    public decimal Value(CellRef cell) => Current[cell] ?? 0;

    public decimal Sum(IEnumerable<CellRef> cells) => cells.Sum(Value);

    /// <summary>A figure as printed, or 「未填」 for a blank cell.</summary>
    public static string Show(ReportData report, CellRef cell) =>
        report[cell] is { } v ? FigureValues.Display(report.Format.Cell(cell).Kind, v) : "未填";

    public string Show(CellRef cell) => Show(Current, cell);

    /// <summary>How messages name a cell: 「表三 （三）4 自然人」.</summary>
    public string Name(CellRef cell) => Format.Cell(cell).DisplayName;

    public static string ShowCount(decimal value) => FigureValues.Display(ValueKind.Count, value);
}
