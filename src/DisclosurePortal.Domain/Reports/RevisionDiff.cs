using DisclosurePortal.Domain.Format;

namespace DisclosurePortal.Domain.Reports;

/// <summary>
/// What differs between two states of a report: every figure and every prose part. The one diff of the portal: the
/// audit line of a save, a clerk's conflicting save, the review page and a correction's public page all read it.
/// </summary>
public sealed record RevisionDiff(IReadOnlyList<RevisionDiff.FigureChange> Figures, IReadOnlyList<RevisionDiff.ProseChange> Prose)
{
    public sealed record FigureChange(CellDef Cell, decimal? Before, decimal? After)
    {
        public string BeforeText => Before is { } v ? FigureValues.Display(Cell.Kind, v) : "空";
        public string AfterText => After is { } v ? FigureValues.Display(Cell.Kind, v) : "空";
    }

    public sealed record ProseChange(ProsePartDef Part, string Name, string Before, string After)
    {
        /// <summary>Paragraphs of the earlier text that the later one no longer has.</summary>
        public IReadOnlyList<string> Removed => [.. Paragraphs(Before).Except(Paragraphs(After), StringComparer.Ordinal)];
        /// <summary>Paragraphs of the later text that the earlier one did not have.</summary>
        public IReadOnlyList<string> Added => [.. Paragraphs(After).Except(Paragraphs(Before), StringComparer.Ordinal)];

        private static string[] Paragraphs(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public bool IsEmpty => Figures.Count == 0 && Prose.Count == 0;

    /// <summary>One line per change, as the audit trail and a correction's public page list them.</summary>
    public IReadOnlyList<string> Lines =>
    [
        .. Figures.Select(f => $"{f.Cell.DisplayName}：{f.BeforeText} → {f.AfterText}"),
        .. Prose.Select(p => $"{p.Name}：文字修改（{p.Before.Length} 字 → {p.After.Length} 字）"),
    ];

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
