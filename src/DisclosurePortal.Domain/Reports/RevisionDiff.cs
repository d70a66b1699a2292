using DisclosurePortal.Domain.Format;

namespace DisclosurePortal.Domain.Reports;

/// <summary>
/// What a revision changed against the one before it: every figure and every prose part that differs
/// (issue 5 item 4: a correction's history shows a diff of figures and prose against the one before).
/// </summary>
public sealed record RevisionDiff(IReadOnlyList<RevisionDiff.FigureChange> Figures, IReadOnlyList<RevisionDiff.ProseChange> Prose)
{
    public sealed record FigureChange(CellDef Cell, decimal? Before, decimal? After)
    {
        public string BeforeText => Before is { } v ? FigureValues.Display(Cell.Kind, v) : "空";
        public string AfterText => After is { } v ? FigureValues.Display(Cell.Kind, v) : "空";
    }

    public sealed record ProseChange(ProsePartDef Part, string Name, string Before, string After);

    public bool IsEmpty => Figures.Count == 0 && Prose.Count == 0;

    public static RevisionDiff Between(ReportData before, ReportData after)
    {
        var figures = after.Format.Cells
            .Where(c => before[c.Ref] != after[c.Ref])
            .Select(c => new FigureChange(c, before[c.Ref], after[c.Ref]))
            .ToList();
        var prose = after.Format.ProseParts
            .Where(p => before.ProseOf(p.Code) != after.ProseOf(p.Code))
            .Select(p => new ProseChange(p, after.Format.NameOf(p), before.ProseOf(p.Code), after.ProseOf(p.Code)))
            .ToList();
        return new RevisionDiff(figures, prose);
    }
}
