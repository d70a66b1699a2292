using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Rules;

/// <summary>One evaluation: the input, its figures by cell number, and the violations found so far.</summary>
internal sealed class RuleContext
{
    public RuleContext(RuleInput input, FormatIndex index, FigureSet current, FigureSet? previous)
    {
        Input = input;
        Index = index;
        Current = current;
        Previous = previous;
    }

    public RuleInput Input { get; }
    public FormatIndex Index { get; }
    public FigureSet Current { get; }
    /// <summary>Last year's figures, only when last year's report is in the portal and in the same format.</summary>
    public FigureSet? Previous { get; }
    public List<Violation> Found { get; } = [];

    public void Add(string code, RuleLocation location, string message) =>
        Found.Add(new Violation(code, RuleCodes.LevelOf(code), location, message));

    public void AddAtCell(string code, int cell, string message) =>
        Add(code, RuleLocation.OfCell(Index.Cells[cell].Ref), message);

    /// <summary>A figure as printed, or 「未填」 for a blank cell (which sums count as 0).</summary>
    public string Show(FigureSet figures, int cell) =>
        figures.IsFilled(cell) ? FigureValues.Display(Index.Cells[cell].Kind, figures[cell]) : "未填";

    public string Show(int cell) => Show(Current, cell);

    public static string ShowCount(decimal value) => FigureValues.Display(Format.ValueKind.Count, value);
}
