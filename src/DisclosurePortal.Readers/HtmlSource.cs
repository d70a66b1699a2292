using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using DisclosurePortal.Domain.Exchange.Reading;

namespace DisclosurePortal.Readers;

/// <summary>
/// The web-page front-end: the page's text blocks (paragraphs, headings, lines broken by &lt;br&gt;) and its data
/// tables in document order. A table's rowspan and colspan are expanded onto a grid as a browser draws it: a
/// spanned position is an empty cell, except where a figure spans data columns: the columns it covers say so, and
/// the row is refused rather than read with a blank or a repeated figure. Tables holding tables are layout,
/// read as text. Places are lines of the HTML source.
/// </summary>
public static class HtmlSource
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "select", "iframe", "svg", "button", "textarea",
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "footer",
        "nav", "center", "blockquote", "pre", "dd", "dt", "dl", "form", "table", "tr", "td", "th", "tbody", "thead",
        "main", "aside", "figure", "caption", "hr",
    };

    public static SourceDocument Read(string html)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        var document = parser.ParseDocument(html);
        var walker = new Walker();
        if (document.Body is { } body) walker.Walk(body);
        walker.Flush();
        return new SourceDocument(walker.Blocks);
    }

    private static SourcePlace PlaceOf(INode node) =>
        new((node as IElement)?.SourceReference?.Position.Line ?? (node.Parent as IElement)?.SourceReference?.Position.Line ?? 1);

    private sealed class Walker
    {
        private readonly System.Text.StringBuilder _line = new();
        private SourcePlace? _place;
        public List<SourceBlock> Blocks { get; } = [];

        public void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText text:
                        if (text.Data.Trim().Length > 0) _place ??= PlaceOf(text);
                        _line.Append(text.Data);
                        break;
                    case IHtmlTableElement table when table.QuerySelector("table") is null:
                        Flush();
                        Blocks.Add(Table(table));
                        break;
                    case IElement e when Skipped.Contains(e.LocalName):
                        break;
                    case IElement e when e.LocalName == "br":
                        Flush();
                        break;
                    case IElement e when BlockTags.Contains(e.LocalName):
                        Flush();
                        Walk(e);
                        Flush();
                        break;
                    case IElement e:
                        Walk(e);
                        break;
                }
            }
        }

        public void Flush()
        {
            var text = Clean(_line.ToString());
            if (text.Length > 0) Blocks.Add(new SourceText(_place ?? new SourcePlace(1), text));
            _line.Clear();
            _place = null;
        }
    }

    /// <summary>Non-breaking and full-width spaces as spaces, runs of spaces as one.</summary>
    private static string Clean(string text) =>
        string.Join(" ", text.Replace('\u00A0', ' ').Replace('\u3000', ' ')
            .Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static SourceTable Table(IHtmlTableElement table)
    {
        var grid = new List<string?[]>();
        var places = new List<SourcePlace>();
        var rows = table.Rows.ToList();
        var ownCells = new List<List<(string Text, bool SpannedFigure)>>();
        var carried = new HashSet<int>();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            while (grid.Count <= r) grid.Add([]);
            places.Add(PlaceOf(row));
            ownCells.Add([]);
            var col = 0;
            foreach (var cell in row.Cells)
            {
                while (col < grid[r].Length && grid[r][col] is not null) col++;
                var text = CellText(cell);
                var colSpan = Math.Clamp(cell.ColumnSpan, 1, 100);
                var rowSpan = Math.Clamp(cell.RowSpan == 0 ? rows.Count - r : cell.RowSpan, 1, rows.Count - r);
                var figure = IsFigure(text);
                ownCells[r].Add((text, figure && colSpan > 1));
                for (var dr = 0; dr < rowSpan; dr++)
                {
                    while (grid.Count <= r + dr) grid.Add([]);
                    if (dr > 0) carried.Add(r + dr);
                    var target = grid[r + dr];
                    if (target.Length < col + colSpan) Array.Resize(ref target, col + colSpan);
                    grid[r + dr] = target;
                    for (var dc = 0; dc < colSpan; dc++)
                        target[col + dc] = dr == 0 && dc == 0 ? text : dr == 0 && figure ? SpannedFigure + text : "";
                }
                col += colSpan;
            }
        }
        return new SourceTable(places.Count > 0 ? places[0] : PlaceOf(table),
            [.. grid.Take(places.Count).Select((cells, r) =>
                new SourceRow(places[r], !carried.Contains(r) && LinesUpWithHeader(ownCells, r) ? [.. ownCells[r].Select(c => c.Text)] : Spans(cells)))]);
    }

    private static bool IsFigure(string text) => text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c is '.' or ',' or '-');

    /// <summary>
    /// Whether a row with a spanned figure has one cell under each cell of the header row above it: Word draws each
    /// block of 表二 (「第二十条第（一）项」 …) with its own column widths, so the spans only say how wide a cell is
    /// drawn, not that it covers two columns. The row must have no cell carried down from above.
    /// </summary>
    private static bool LinesUpWithHeader(List<List<(string Text, bool SpannedFigure)>> rows, int r)
    {
        if (!rows[r].Any(c => c.SpannedFigure)) return false;
        for (var h = r - 1; h >= 0; h--)
        {
            var header = rows[h];
            if (header.Any(c => IsFigure(c.Text))) continue;
            return header.Count >= 2 && header.Count == rows[r].Count && header.All(c => c.Text.Length > 0);
        }
        return false;
    }

    private const char SpannedFigure = '\u0001';

    /// <summary>What a column covered by a figure to its left holds: not a number, so the row is refused there.</summary>
    public const string SpannedFigureCell = "（与左栏合并的单元格，无法确定各栏数字）";

    /// <summary>
    /// A figure spanning to the row's end (表二's one figure under three columns) is one cell; one spanning data
    /// columns inside the row leaves the columns it covers holding a note, so the row is refused at that column.
    /// </summary>
    private static List<string> Spans(string?[] cells)
    {
        var list = cells.Select(c => c ?? "").ToList();
        var end = list.FindLastIndex(c => c.Length > 0 && c[0] != SpannedFigure);
        for (var k = 0; k < list.Count; k++)
            if (list[k].Length > 0 && list[k][0] == SpannedFigure) list[k] = k > end ? "" : SpannedFigureCell;
        return list;
    }

    /// <summary>A cell's text; paragraphs and line breaks inside it are joined by a space (「商业 企业」).</summary>
    private static string CellText(IElement cell)
    {
        var walker = new Walker();
        walker.Walk(cell);
        walker.Flush();
        return string.Join(" ", walker.Blocks.OfType<SourceText>().Select(b => b.Text));
    }
}
