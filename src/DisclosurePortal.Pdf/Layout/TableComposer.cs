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
    private readonly BlockGrid _grid;
    private readonly double[] _colX;
    private readonly double[] _rowHeights;
    private readonly List<CellLayout> _cells;
    /// <summary>Cells by the row they start in (cells are listed in that order, so tags keep the grid's order).</summary>
    private readonly List<CellLayout>[] _cellsByRow;
    /// <summary>Body cells spanning rows: a page break may cut them.</summary>
    private readonly List<CellLayout> _cutByBreak;
    private PageWriter _writer = null!;

    public TableComposer(TypeSet type, BlockGrid grid)
    {
        _type = type;
        _grid = grid;
        _colX = new double[grid.ColumnCount + 1];
        _colX[0] = PageStyle.Left;
        for (var c = 0; c < grid.ColumnCount; c++) _colX[c + 1] = _colX[c] + (grid.ColumnFractions[c] * PageStyle.ContentWidth);
        _cells = [.. grid.Cells.Select(LayoutCell)];
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

    private int HeaderRows => _grid.HeaderRowCount;
    private double HeaderHeight => Height(0, HeaderRows - 1);

    /// <summary>What must fit below a section heading for the heading to stay on this page.</summary>
    public double KeepWithHeading => HeaderHeight + UnitHeight(_grid.KeepUnits[0]);

    public void Compose(PageWriter writer)
    {
        _writer = writer;
        var units = _grid.KeepUnits;
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
            var rect = new XRect(_colX[c.Col], rowTop[r], _colX[c.Col + c.ColSpan] - _colX[c.Col],
                rowTop[lastVisible] + _rowHeights[lastVisible] - rowTop[r]);
            rects.Add(rect);
            if (c.Kind == CellKind.Figure) sb.BeginElement(PdfBlockLevelElementTag.TableDataCell);
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

    /// <summary>
    /// Which figures a header cell names (PDF 32000-1 §14.8.5.7, Table attributes): a header row cell over figure
    /// columns names the columns below it; a row label (and a group label such as （三）不予公开) names the
    /// figures to its right; a header cell over the label columns only — the corner, such as 表三's 勾稽 note
    /// or 表二's 信息内容 — heads both the column of row labels and the header rows, as word processors tag it.
    /// </summary>
    private string Scope(GridCell c) => c.Kind switch
    {
        CellKind.Label or CellKind.GroupLabel => "/Row",
        _ when c.Col + c.ColSpan <= _grid.Block.LabelColumns => "/Both",
        _ => "/Column",
    };

    private void DrawCellText(CellLayout cell, XRect rect)
    {
        if (cell.Lines.Count == 0) return;
        var align = cell.Cell.Kind == CellKind.Label && _grid.Block.LabelColumns > 1 ? TextAlign.Left : TextAlign.Center;
        var textHeight = cell.Lines.Count * cell.LineHeight;
        var top = rect.Top + ((rect.Height - textHeight) / 2);
        var pad = PadX(cell.Cell);
        var x = rect.Left + pad;
        var width = rect.Width - (2 * pad);
        foreach (var line in cell.Lines)
        {
            // A wrapped label reads better flush left than with each short line centred.
            var lineAlign = align == TextAlign.Center && cell.Lines.Count > 1 && cell.Cell.Kind == CellKind.Label ? TextAlign.Left : align;
            _writer.DrawLine(line, cell.Font, x, PageStyle.Baseline(top, cell.LineHeight, cell.Font.Size), width, lineAlign, justify: false);
            top += cell.LineHeight;
        }
    }

    private CellLayout LayoutCell(GridCell cell)
    {
        var width = _colX[cell.Col + cell.ColSpan] - _colX[cell.Col] - (2 * PadX(cell));
        var face = _type.Faces.Regular;
        var size = PageStyle.TableSize;
        if (cell.Kind == CellKind.Figure && cell.Text.Length > 0)
        {
            // Large figures shrink to stay on one line in a narrow column; below the minimum size they wrap.
            var natural = LineBreaker.Measure(cell.Text, face, size);
            if (natural > width) size = Math.Max(PageStyle.MinFigureSize, Math.Floor(size * width / natural * 4) / 4);
        }
        var lines = cell.Text.Length == 0 ? [] : LineBreaker.Break(cell.Text, face, size, width, width);
        return new CellLayout(cell, lines, _type.Font(size), size * PageStyle.TableLeading);
    }

    private static double PadX(GridCell cell) => cell.Kind == CellKind.Figure ? PageStyle.FigurePadX : PageStyle.CellPadX;

    private double[] RowHeights()
    {
        var total = HeaderRows + _grid.BodyRowCount;
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
