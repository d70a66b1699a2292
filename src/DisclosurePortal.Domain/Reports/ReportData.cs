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
        // Private read-only copies: building a FrozenDictionary costs more than the few lookups made on most
        // snapshots (a clerk's save takes two for its audit line; bench/clerk).
        Figures = new ReadOnlyDictionary<CellRef, decimal>(new Dictionary<CellRef, decimal>(figures));
        Prose = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(prose, StringComparer.Ordinal));
    }

    private ReportData(ReportFormat format, Dictionary<CellRef, decimal> figures, Dictionary<string, string> prose)
    {
        Format = format;
        Figures = new ReadOnlyDictionary<CellRef, decimal>(figures);
        Prose = new ReadOnlyDictionary<string, string>(prose);
    }

    /// <summary>
    /// A snapshot over dictionaries nobody changes afterwards: a fresh one of figures, and prose that its owner only
    /// ever replaces (<see cref="ReportRevision"/>). No copies, where the public constructor makes two.
    /// </summary>
    internal static ReportData Owning(ReportFormat format, Dictionary<CellRef, decimal> figures, Dictionary<string, string> prose) =>
        new(format, figures, prose);

    public ReportFormat Format { get; }
    public IReadOnlyDictionary<CellRef, decimal> Figures { get; }
    public IReadOnlyDictionary<string, string> Prose { get; }

    public decimal? this[CellRef cell] => Figures.TryGetValue(cell, out var v) ? v : null;

    public decimal? Get(string table, string row, string column) => this[new CellRef(table, row, column)];

    /// <summary>Blank cells count as 0 in sums; CELL-REQUIRED reports them separately.</summary>
    public decimal ValueOrZero(string table, string row, string column) => Get(table, row, column) ?? 0m;

    public string ProseOf(string code) => Prose.TryGetValue(code, out var t) ? t : "";

    /// <summary>All prose in document order, for text checks (TEXT-FIGURES, TEXT-COPIED).</summary>
    public string AllProse => string.Join("\n", Format.ProseParts.Select(p => ProseOf(p.Code)));

    public static ReportData Empty(ReportFormat format) =>
        new(format, new Dictionary<CellRef, decimal>(), new Dictionary<string, string>());
}
