using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Rules;

/// <summary>Blocking: no submission or publication while it fails. Warning: needs a written explanation.</summary>
public enum RuleLevel
{
    Blocking,
    Warning,
}

/// <summary>
/// Where a violation points: one cell (table, row, column), a whole row or column of a table, or a prose
/// section. The form uses it to put the message next to the exact field.
/// </summary>
public sealed record RuleLocation(string? Table = null, string? Row = null, string? Column = null, string? Section = null)
{
    public static RuleLocation OfCell(CellRef c) => new(c.Table, c.Row, c.Column);
    public static RuleLocation OfProse(string proseCode) => new(Section: proseCode);

    /// <summary>Stable key such as "t3/3.7/natural" or "s1.1"; explanations are stored under code + key.</summary>
    public string Key => Section ?? string.Join('/', new[] { Table, Row, Column }.Where(s => s is not null));

    public CellRef? Cell => Table is not null && Row is not null && Column is not null
        ? new CellRef(Table, Row, Column) : null;
}

/// <summary>A broken rule: its stable code, its level, where, and a message in Chinese naming rows, columns and numbers.</summary>
public sealed record Violation(string Code, RuleLevel Level, RuleLocation Location, string Message)
{
    /// <summary>Identifies the violation across saves, so that a warning's explanation stays attached to it.</summary>
    public string Key => $"{Code}@{Location.Key}";

    /// <summary>
    /// Whether a key names a warning that the format's rules can raise: a warning code, then a prose part or a
    /// cell of the format (every rule points at one or the other). Only such a warning is explained, so anything
    /// else posted as an explanation is refused rather than kept in the report for good.
    /// </summary>
    public static bool IsExplainableKey(ReportFormat format, string key)
    {
        var at = key.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0) return false;
        var code = key[..at];
        var location = key[(at + 1)..];
        return RuleCodes.All.Contains(code, StringComparer.Ordinal) && RuleCodes.LevelOf(code) == RuleLevel.Warning
            && (format.HasProsePart(location) || (CellRef.TryParse(location, out var cell) && format.TryGetCell(cell, out _)));
    }
}

/// <summary>Another report whose prose is compared for 雷同 (TEXT-COPIED).</summary>
public sealed record ComparableProse(string BodyName, int Year, string Text);

/// <summary>
/// Everything the rules may look at: this revision's data, last year's published revision of the same body
/// when there is one, the body's kind, and other reports' prose for the copy check. The body's own name is
/// removed from the prose before TEXT-COPIED compares it, so that a copy with the name swapped is still found.
/// </summary>
public sealed record RuleInput(ReportData Current, BodyKind BodyKind, ReportData? PreviousYear = null,
    IReadOnlyList<ComparableProse>? OtherProse = null, string? BodyName = null);
