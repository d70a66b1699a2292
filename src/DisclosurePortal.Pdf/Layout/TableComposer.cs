using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using PdfSharp.Drawing;
using PdfSharp.UniversalAccessibility;

namespace DisclosurePortal.Pdf.Layout;

/// <summary>
/// Draws one table block across pages. The block's header never stands alone at a page foot (it moves with its
/// first row group), a keep unit such as （三）不予公开 moves whole to the next page when it fits there, header
/// rows are repeated on every continuation page, and a spanned label cut by a page break is drawn, label
/// repeated, on both pages.
/// </summary>
internal sealed class TableComposer
{
    private sealed record CellLayout(GridCell Cell, List<TextLine> Lines, XFont Font, double LineHeight);

    private readonly TypeSet _type;
    private readonly TableGrid _grid;
    private readonly double[] _columnFractions;
    /// <summary>Runs of body rows that should stay on one page: a group such as （三）不予公开.</summary>
    private readonly List<(int First, int Last)> _keepUnits;
    private readonly double[] _colX;
    private readonly double[] _rowHeights;
    private readonly List<CellLayout> _cells;
    /// <summary>Cells by the row they start in (cells are listed in that order, so tags keep the grid's order).</summary>
    private readonly List<CellLayout>[] _cellsByRow;
    /// <summary>Body cells spanning rows: a page break may cut them.</summary>
    private readonly List<CellLayout> _cutByBreak;
    private PageWriter _writer = null!;

    public TableComposer(TypeSet type, TableBlock block, ReportData data)
    {
        _type = type;
        _grid = block.Grid;
        _columnFractions = ColumnFractions(block);
        _keepUnits = KeepUnits(_grid);
        _colX = new double[_grid.ColumnCount + 1];
        _colX[0] = PageStyle.Left;
        for (var c = 0; c < _grid.ColumnCount; c++) _colX[c + 1] = _colX[c] + (_columnFractions[c] * PageStyle.ContentWidth);
        _cells = [.. _grid.Cells.Select(c => LayoutCell(c, Text(c, data)))];
        _rowHeights = RowHeights();
        _cellsByRow = new List<CellLayout>[_rowHeights.Length];
        for (var r = 0; r < _cellsByRow.Length; r++) _cellsByRow[r] = [];
        _cutByBreak = [];
        foreach (var cell in _cells)
        {
            _cellsByRow[cell.Cell.Row].Add(cell);
            if (cell.Cell.Row >= HeaderRows && cell.Cell.RowSpan > 1) _cutByBreak.Add(cell);
        }
    }

    private int HeaderRows => _grid.HeaderRows.Count;
    private double HeaderHeight => Height(0, HeaderRows - 1);

    /// <summary>What must fit below a section heading for the heading to stay on this page.</summary>
    public double KeepWithHeading => HeaderHeight + UnitHeight(_keepUnits[0]);

    public void Compose(PageWriter writer)
    {
        _writer = writer;
        var units = _keepUnits;
        _writer.EnsureSpace(KeepWithHeading);
        var segmentTop = _writer.Y;
        var first = units[0].First;
        var y = _writer.Y + HeaderHeight;
        var last = first - 1;
        foreach (var unit in units)
        {
            var h = UnitHeight(unit);
            // A unit that cannot fit even on a fresh page breaks between its rows.
            var rows = h <= PageStyle.ContentHeight - HeaderHeight ? [unit] : SplitRows(unit);
            foreach (var part in rows)
            {
                var ph = UnitHeight(part);
                if (y + ph > PageStyle.Bottom && last >= first)
                {
                    DrawSegment(segmentTop, first, last);
                    _writer.NewPage();
                    segmentTop = _writer.Y;
                    y = segmentTop + HeaderHeight;
                    first = part.First;
                }
                y += ph;
                last = part.Last;
            }
        }
        DrawSegment(segmentTop, first, last);
        _writer.Y = y;
    }

    private static List<(int First, int Last)> SplitRows((int First, int Last) unit) =>
        [.. Enumerable.Range(unit.First, unit.Last - unit.First + 1).Select(r => (r, r))];

    private double UnitHeight((int First, int Last) unit) => Height(unit.First, unit.Last);

    private double Height(int firstRow, int lastRow)
    {
        var h = 0.0;
        for (var r = firstRow; r <= lastRow; r++) h += _rowHeights[r];
        return h;
    }

    /// <summary>Draws the header rows and body rows first..last at <paramref name="top"/>, tagged as one table.</summary>
    private void DrawSegment(double top, int first, int last)
    {
        var sb = _writer.Structure;
        var rowTop = new double[_rowHeights.Length];
        var y = top;
        for (var r = 0; r < HeaderRows; r++)
        {
            rowTop[r] = y;
            y += _rowHeights[r];
        }
        for (var r = first; r <= last; r++)
        {
            rowTop[r] = y;
            y += _rowHeights[r];
        }

        sb.BeginElement(PdfBlockLevelElementTag.Table);
        var rects = new List<XRect>(_cells.Count);
        // THead and TBody (PDF 32000-1 §14.8.4.3.4): a screen reader announces the header rows as such, and each
        // page's fragment of a table carries its repeated header rows in its own THead.
        if (HeaderRows > 0)
        {
            sb.BeginElement(PdfBlockLevelElementTag.TableHeadRowGroup);
            for (var r = 0; r < HeaderRows; r++) DrawRow(r);
            sb.End();
        }
        sb.BeginElement(PdfBlockLevelElementTag.TableBodyRowGroup);
        for (var r = first; r <= last; r++) DrawRow(r);
        sb.End();
        sb.End();

        sb.BeginArtifact();
        var pen = new XPen(XColors.Black, 0.6);
        foreach (var rect in rects) _writer.Gfx.DrawRectangle(pen, rect);
        sb.End();

        void DrawRow(int r)
        {
            sb.BeginElement(PdfBlockLevelElementTag.TableRow);
            // A spanned cell belongs to the first visible row it covers: its own, or the page's first body row.
            if (r >= HeaderRows && r == first)
            {
                foreach (var cell in _cutByBreak)
                {
                    if (cell.Cell.Row < first && cell.Cell.LastRow >= first) DrawCell(cell, r);
                }
            }
            foreach (var cell in _cellsByRow[r]) DrawCell(cell, r);
            sb.End();
        }

        void DrawCell(CellLayout cell, int r)
        {
            var c = cell.Cell;
            var lastVisible = r < HeaderRows ? c.LastRow : Math.Min(c.LastRow, last);
            var rect = new XRect(_colX[c.Column], rowTop[r], _colX[c.Column + c.ColSpan] - _colX[c.Column],
                rowTop[lastVisible] + _rowHeights[lastVisible] - rowTop[r]);
            rects.Add(rect);
            if (c.Kind == GridCellKind.Figure) sb.BeginElement(PdfBlockLevelElementTag.TableDataCell);
            else
            {
                sb.BeginElement(PdfBlockLevelElementTag.TableHeaderCell);
                // The Table attribute owner (/O /Table) holds Scope, ColSpan and RowSpan together.
                sb.CurrentStructureElement.TableAttributes.Elements.SetName("/Scope", Scope(c));
            }
            if (c.ColSpan > 1) sb.SetColSpan(c.ColSpan);
            if (lastVisible > r) sb.SetRowSpan(lastVisible - r + 1);
            DrawCellText(cell, rect);
            sb.End();
        }
    }

    /// <summary>Which figures a header cell names (PDF 32000-1 §14.8.5.7, Table attributes).</summary>
    private static string Scope(GridCell c) => c.Scope switch
    {
        HeaderScope.Row or HeaderScope.RowGroup => "/Row",
        HeaderScope.Both => "/Both",
        _ => "/Column",
    };

    private static string Text(GridCell c, ReportData data) =>
        c.Figure is { } f ? (data[f.Ref] is { } v ? FigureValues.Display(f.Kind, v) : "") : c.Label;

    /// <summary>
    /// Runs of body rows kept on one page: an inner group such as （三）不予公开 stays together; the top group
    /// (三、本年度办理结果) is too long to, so its direct leaves stand alone.
    /// </summary>
    private static List<(int First, int Last)> KeepUnits(TableGrid grid)
    {
        var units = new List<(int First, int Last)>();
        RowDef? unitOf = null;
        foreach (var row in grid.BodyRows)
        {
            var key = row.Path.Count > 2 ? row.Path[1] : row.Def;
            if (units.Count > 0 && key == unitOf) units[^1] = (units[^1].First, row.Row);
            else units.Add((row.Row, row.Row));
            unitOf = key;
        }
        return units;
    }

    private static double[] ColumnFractions(TableBlock block)
    {
        // Label column shares measured from the official form: the row tree needs room, figures do not.
        double[] labels = block.LabelColumns switch
        {
            0 => [],
            1 => [0.29],
            2 => [0.12, 0.30],
            3 => [0.085, 0.10, 0.295],
            _ => [.. Enumerable.Repeat(0.45 / block.LabelColumns, block.LabelColumns)],
        };
        var rest = (1.0 - labels.Sum()) / block.Columns.Count;
        return [.. labels, .. Enumerable.Repeat(rest, block.Columns.Count)];
    }

    private void DrawCellText(CellLayout cell, XRect rect)
    {
        if (cell.Lines.Count == 0) return;
        var align = cell.Cell.Kind == GridCellKind.RowLabel && _grid.Block.LabelColumns > 1 ? TextAlign.Left : TextAlign.Center;
        var textHeight = cell.Lines.Count * cell.LineHeight;
        var top = rect.Top + ((rect.Height - textHeight) / 2);
        var pad = PadX(cell.Cell);
        var x = rect.Left + pad;
        var width = rect.Width - (2 * pad);
        foreach (var line in cell.Lines)
        {
            // A wrapped label reads better flush left than with each short line centred.
            var lineAlign = align == TextAlign.Center && cell.Lines.Count > 1 && cell.Cell.Kind == GridCellKind.RowLabel ? TextAlign.Left : align;
            _writer.DrawLine(line, cell.Font, x, PageStyle.Baseline(top, cell.LineHeight, cell.Font.Size), width, lineAlign, justify: false);
            top += cell.LineHeight;
        }
    }

    private CellLayout LayoutCell(GridCell cell, string text)
    {
        var width = _colX[cell.Column + cell.ColSpan] - _colX[cell.Column] - (2 * PadX(cell));
        var face = _type.Faces.Regular;
        var size = PageStyle.TableSize;
        if (cell.Kind == GridCellKind.Figure && text.Length > 0)
        {
            // Large figures shrink to stay on one line in a narrow column; below the minimum size they wrap.
            var natural = LineBreaker.Measure(text, face, size);
            if (natural > width) size = Math.Max(PageStyle.MinFigureSize, Math.Floor(size * width / natural * 4) / 4);
        }
        var lines = text.Length == 0 ? [] : LineBreaker.Break(text, face, size, width, width);
        return new CellLayout(cell, lines, _type.Font(size), size * PageStyle.TableLeading);
    }

    private static double PadX(GridCell cell) => cell.Kind == GridCellKind.Figure ? PageStyle.FigurePadX : PageStyle.CellPadX;

    private double[] RowHeights()
    {
        var total = HeaderRows + _grid.BodyRows.Count;
        var heights = Enumerable.Repeat(PageStyle.MinRowHeight, total).ToArray();
        double Needed(CellLayout c) => (c.Lines.Count * c.LineHeight) + (2 * PageStyle.CellPadY);
        foreach (var c in _cells.Where(c => c.Cell.RowSpan == 1))
            heights[c.Cell.Row] = Math.Max(heights[c.Cell.Row], Needed(c));
        // A spanned cell taller than its rows (a long group label) spreads the difference over them.
        foreach (var c in _cells.Where(c => c.Cell.RowSpan > 1))
        {
            var have = Enumerable.Range(c.Cell.Row, c.Cell.RowSpan).Sum(r => heights[r]);
            var need = Needed(c);
            if (need <= have) continue;
            var extra = (need - have) / c.Cell.RowSpan;
            for (var r = c.Cell.Row; r <= c.Cell.LastRow; r++) heights[r] += extra;
        }
        return heights;
    }
}
