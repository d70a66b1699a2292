using System.Collections.ObjectModel;
using DisclosurePortal.Domain.Format;

namespace DisclosurePortal.Domain.Reports;

/// <summary>
/// An immutable snapshot of a report's content: its format, every figure by cell, and every prose part.
/// The rules, the JSON form, the importer, the PDF and the views read this, never the entity.
/// A cell absent from <see cref="Figures"/> is blank (CELL-REQUIRED judges that).
/// </summary>
public sealed class ReportData
{
    public ReportData(ReportFormat format, IReadOnlyDictionary<CellRef, decimal> figures,
        IReadOnlyDictionary<string, string> prose)
    {
        Format = format;
        Figures = new ReadOnlyDictionary<CellRef, decimal>(new Dictionary<CellRef, decimal>(figures));
        Prose = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(prose, StringComparer.Ordinal));
    }

    public ReportFormat Format { get; }
    public IReadOnlyDictionary<CellRef, decimal> Figures { get; }
    public IReadOnlyDictionary<string, string> Prose { get; }

    public decimal? this[CellRef cell] => Figures.TryGetValue(cell, out var v) ? v : null;

    public decimal? Get(string table, string row, string column) => this[new CellRef(table, row, column)];

    /// <summary>
    /// This report with entries over it: a figure replaces the cell's, a null blanks it, cells not mentioned keep
    /// theirs; totals are derived when the portal computes them (<see cref="FigureEntry.DeriveTotals"/>).
    /// </summary>
    public ReportData With(IReadOnlyDictionary<CellRef, decimal?> figures, FigureEntry entry)
    {
        var merged = new Dictionary<CellRef, decimal>(Figures);
        foreach (var (cell, value) in figures)
        {
            if (value is { } v) merged[cell] = v;
            else merged.Remove(cell);
        }
        if (entry == FigureEntry.AsGiven) return new ReportData(Format, merged, Prose);
        var derived = TotalDeriver.Derive(Format, merged);
        if (entry == FigureEntry.DeriveAgreeingTotals)
        {
            foreach (var cell in DisagreeingTotals())
            {
                if (this[cell] is { } kept) derived[cell] = kept;
                else derived.Remove(cell);
            }
        }
        return new ReportData(Format, derived, Prose);
    }

    /// <summary>The totals whose stored value is not the sum of their parts (blank parts left aside), in format order.</summary>
    public IReadOnlyList<CellRef> DisagreeingTotals()
    {
        var derived = TotalDeriver.Derive(Format, Figures);
        return [.. Format.Cells.Where(c => c.IsDerived && this[c.Ref] != (derived.TryGetValue(c.Ref, out var v) ? v : null))
            .Select(c => c.Ref)];
    }

    public string ProseOf(string code) => Prose.TryGetValue(code, out var t) ? t : "";

    /// <summary>All prose in document order, for text checks (TEXT-FIGURES, TEXT-COPIED).</summary>
    public string AllProse => AllProseOf(Format, Prose);

    /// <summary>The same for prose read without its figures (what TEXT-COPIED compares with).</summary>
    public static string AllProseOf(ReportFormat format, IReadOnlyDictionary<string, string> prose) =>
        string.Join("\n", format.ProseParts.Select(p => prose.GetValueOrDefault(p.Code, "")));

    public static ReportData Empty(ReportFormat format) =>
        new(format, new Dictionary<CellRef, decimal>(), new Dictionary<string, string>());
}
