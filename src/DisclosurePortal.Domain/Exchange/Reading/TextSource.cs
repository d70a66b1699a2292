using System.Text.RegularExpressions;

namespace DisclosurePortal.Domain.Exchange.Reading;

/// <summary>
/// The text front-end: what a person copies from a web page or a PDF (pdftotext -layout), or a converter's
/// markdown. A line is a table row when it has '|' cells, tab-separated cells (an empty cell between two tabs is a
/// blank), cells separated by runs of spaces, or numbers after a label with single spaces (「行政许可 550」).
/// Page numbers (「-3-」「— 4 —」) are dropped.
/// </summary>
public static partial class TextSource
{
    public static SourceDocument Read(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        return ReadLines(lines.Select((l, i) => (new SourcePlace(i + 1), l)));
    }

    /// <summary>
    /// Lines of layout text with their places: the PDF reader rebuilds such lines from the words' positions
    /// (cells apart by a tab) and hands them here, so that both read a line the same way.
    /// </summary>
    public static SourceDocument ReadLines(IEnumerable<(SourcePlace Place, string Line)> lines)
    {
        var blocks = new List<SourceBlock>();
        List<SourceRow>? rows = null;
        foreach (var (place, raw) in lines)
        {
            // Trailing tabs are kept: a web page copied as text ends a row whose last cells are blank with them.
            var line = raw.Contains('\t', StringComparison.Ordinal) ? raw.TrimStart().TrimEnd(' ', '\u3000', '\r') : raw.Trim();
            if (line.Trim().Length == 0 || PageNumber().IsMatch(line)) continue;
            var cells = Cells(line);
            if (cells is null) continue;
            if (cells.Count == 1 && !line.Contains('|', StringComparison.Ordinal))
            {
                rows = null;
                blocks.Add(new SourceText(place, line));
                continue;
            }
            if (rows is null)
            {
                rows = [];
                blocks.Add(new SourceTable(place, rows));
            }
            rows.Add(new SourceRow(place, cells));
        }
        return new SourceDocument(blocks);
    }

    [GeneratedRegex(@"^[-—–]\s*\d{1,3}\s*[-—–]$|^第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?$")]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex LayoutSeparator();

    [GeneratedRegex(@"^:?-{2,}:?$")]
    private static partial Regex RuleCell();

    [GeneratedRegex(@"^(?:-?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?|[-/—–\\])$")]
    private static partial Regex FigureToken();

    /// <summary>The cells of a line, or null for a markdown rule (|---|---|).</summary>
    private static List<string>? Cells(string t)
    {
        List<string> cells;
        if (t.Contains('|', StringComparison.Ordinal))
        {
            var parts = t.Split('|').Select(p => p.Trim()).ToList();
            if (t.StartsWith('|')) parts.RemoveAt(0);
            if (t.EndsWith('|') && parts.Count > 0) parts.RemoveAt(parts.Count - 1);
            cells = parts;
        }
        else if (t.Contains('\t', StringComparison.Ordinal))
            cells = [.. t.Split('\t').Select(p => p.Trim()).SelectMany(SplitFigures)];
        else
            cells = [.. LayoutSeparator().Split(t).Select(p => p.Trim()).SelectMany(SplitFigures)];
        return cells.All(c => c.Length == 0 || RuleCell().IsMatch(c)) ? null : cells;
    }

    /// <summary>
    /// 「行政许可 550」, 「0 0 0」: a cell ending in a run of figures separated by single spaces is a label and its
    /// figures. A figure followed by words (「2024 年」) stays text.
    /// </summary>
    private static IEnumerable<string> SplitFigures(string cell)
    {
        var tokens = cell.Split([' ', '\u3000'], StringSplitOptions.RemoveEmptyEntries);
        var k = tokens.Length;
        while (k > 0 && FigureToken().IsMatch(tokens[k - 1])) k--;
        if (tokens.Length <= 1 || k == tokens.Length) return [cell];
        var label = string.Join(" ", tokens[..k]);
        if (label.Length > 45 || label.EndsWith('。')) return [cell];
        return k == 0 ? tokens : [label, .. tokens[k..]];
    }
}
