using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using DisclosurePortal.Domain.Format;
using Microsoft.AspNetCore.Html;

namespace DisclosurePortal.Web.Pages.Clerk;

/// <summary>
/// The parts of the entry form that depend only on the format: table heads, row labels and each cell's id, name,
/// key and accessible name, HTML-encoded once per format version instead of on every load of the form (166 cells
/// with six attributes each were most of the page's rendering time; bench/clerk). What changes per report — the
/// values, messages, comments, aria-invalid and disabled — is still written per request by Edit.cshtml.
/// </summary>
public sealed class EntryFormLayout
{
    private static readonly ConcurrentDictionary<string, EntryFormLayout> ByVersion = new(StringComparer.Ordinal);

    // The same encoder settings as the portal's (Program.cs): Chinese stays as characters.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly Dictionary<TableBlock, BlockLayout> _blocks = [];

    private EntryFormLayout(ReportFormat format)
    {
        foreach (var table in format.Tables)
            foreach (var block in table.Blocks)
                _blocks[block] = new BlockLayout(format, table, block);
        var byRef = _blocks.Values.SelectMany(b => b.Rows).SelectMany(r => r.Cells).ToDictionary(c => c.Def.Ref);
        TypedCells = [.. format.Cells.Where(c => !c.IsDerived).Select(c => byRef[c.Ref])];
    }

    /// <summary>The cells the clerk types (not the derived totals), with their keys and field names.</summary>
    public IReadOnlyList<CellLayout> TypedCells { get; }

    public static EntryFormLayout For(ReportFormat format) => ByVersion.GetOrAdd(format.Version, _ => new EntryFormLayout(format));

    public BlockLayout Block(TableBlock block) => _blocks[block];

    public sealed class BlockLayout
    {
        internal BlockLayout(ReportFormat format, TableDef table, TableBlock block)
        {
            var head = new StringBuilder();
            foreach (var headerRow in block.HeaderRows)
            {
                head.Append("<tr>");
                foreach (var h in headerRow)
                    head.Append(CultureInfo.InvariantCulture,
                        $"<th scope=\"{(h.ColumnCode is null ? "colgroup" : "col")}\" colspan=\"{h.ColSpan}\" rowspan=\"{h.RowSpan}\">{E(h.Label)}</th>");
                head.Append("</tr>");
            }
            Head = new HtmlString(head.ToString());
            Rows = [.. block.FigureRows.Select(row =>
            {
                var labels = new StringBuilder();
                foreach (var cell in TableLayout.LabelCells(block, row))
                    labels.Append(CultureInfo.InvariantCulture,
                        $"<th scope=\"row\" colspan=\"{cell.ColSpan}\" rowspan=\"{cell.RowSpan}\">{E(cell.Label)}</th>");
                return new RowLayout(new HtmlString(labels.ToString()),
                    [.. block.Columns.Select(col => new CellLayout(format.Cell(new CellRef(table.Code, row.Code, col.Code))))]);
            })];
        }

        /// <summary>The header rows' &lt;tr&gt; elements.</summary>
        public HtmlString Head { get; }
        public IReadOnlyList<RowLayout> Rows { get; }
    }

    public sealed record RowLayout(HtmlString Labels, IReadOnlyList<CellLayout> Cells);

    public sealed class CellLayout
    {
        internal CellLayout(CellDef def)
        {
            Def = def;
            Key = def.Key;
            Id = EditModel.CellId(Key);
            FieldName = EditModel.FieldName(def.Ref);
            if (def.IsDerived)
            {
                // The derived cell's parts, so the browser can recompute totals live (the server computes them again on save).
                var parts = def.Row.IsDerived && !def.Column.IsDerived
                    ? def.Row.SumOf!.Select(r => new CellRef(def.Ref.Table, r, def.Ref.Column).ToString())
                    : def.Column.SumOf!.Select(c => new CellRef(def.Ref.Table, def.Ref.Row, c).ToString());
                Open = new HtmlString($"<output id=\"{E(Id)}\" data-cell=\"{E(Key)}\" data-sum=\"{E(string.Join(' ', parts))}\" " +
                                      $"aria-label=\"{E(def.DisplayName + "（自动计算）")}\">");
                Attributes = HtmlString.Empty;
            }
            else
            {
                Open = new HtmlString($"<input id=\"{E(Id)}\" name=\"{E(FieldName)}\" value=\"");
                Attributes = new HtmlString($"\" data-cell=\"{E(Key)}\" inputmode=\"{(def.Kind == ValueKind.Money ? "decimal" : "numeric")}\" " +
                                            $"autocomplete=\"off\" aria-label=\"{E(def.DisplayName)}\"");
            }
        }

        public CellDef Def { get; }
        /// <summary>The cell key ("t3/1/natural"): the key of entries, input errors and rule locations.</summary>
        public string Key { get; }
        public string Id { get; }
        /// <summary>The form field's name ("f:t3/1/natural").</summary>
        public string FieldName { get; }
        /// <summary>An input: up to its value attribute's opening quote; an output: the whole start tag.</summary>
        public HtmlString Open { get; }
        /// <summary>An input: from the value's closing quote through its fixed attributes.</summary>
        public HtmlString Attributes { get; }
    }

    public static readonly HtmlString OutputEnd = new("</output>");

    private static readonly HtmlString ValidInputEnd = new(" aria-invalid=\"false\" />");

    /// <summary>An input's attributes that change per request, and the end of its tag.</summary>
    public static HtmlString InputEnd(bool invalid, string? describedBy, bool disabled) =>
        !invalid && describedBy is null && !disabled
            ? ValidInputEnd
            : new HtmlString($" aria-invalid=\"{(invalid ? "true" : "false")}\"" +
                             (describedBy is null ? "" : $" aria-describedby=\"{E(describedBy)}\"") +
                             (disabled ? " disabled=\"disabled\"" : "") + " />");

    private static string E(string text) => Encoder.Encode(text);
}
