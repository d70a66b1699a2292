namespace DisclosurePortal.Domain.Format;

/// <summary>
/// What a figure cell holds: a count of documents/decisions/cases, a signed change of a count (the 2019 trial
/// format's 本年增/减, which may be negative), or an amount in 万元.
/// </summary>
public enum ValueKind
{
    Count,
    Money,
    SignedCount,
}

public enum SectionKind
{
    Prose,
    Table,
}

/// <summary>
/// A versioned report format (年度报告格式). Everything that shows, checks or exchanges a report reads this
/// one definition: the entry form, the HTML view, the PDF, the JSON and CSV exports, the importer and the rules.
/// Each format is an instance registered in <see cref="ReportFormats"/> (<see cref="Format2021"/>, <see cref="Format2019"/>);
/// figures are stored by code, so a format needs no schema change. A code means the same figure in every format
/// that has it, which is what lets cross-year rules and views compare a 2020 report with a 2021 one.
/// </summary>
public sealed class ReportFormat
{
    public ReportFormat(string version, string name, string legalSource, int firstYear, int? lastYear,
        IReadOnlyList<SectionDef> sections)
    {
        Version = version;
        Name = name;
        LegalSource = legalSource;
        FirstYear = firstYear;
        LastYear = lastYear;
        Sections = sections;
        Tables = sections.Where(s => s.Table is not null).Select(s => s.Table!).ToList();
        ProseParts = sections.SelectMany(s => s.ProseParts).ToList();
        Cells = Tables.SelectMany(t => t.Cells).ToList();
        _cells = Cells.ToDictionary(c => c.Ref);
        _cellsByKey = Cells.ToDictionary(c => c.Key, StringComparer.Ordinal);
        _tables = Tables.ToDictionary(t => t.Code, StringComparer.Ordinal);
        _prose = ProseParts.ToDictionary(p => p.Code, StringComparer.Ordinal);
    }

    private readonly Dictionary<CellRef, CellDef> _cells;
    private readonly Dictionary<string, CellDef> _cellsByKey;
    private readonly Dictionary<string, TableDef> _tables;
    private readonly Dictionary<string, ProsePartDef> _prose;

    /// <summary>Stable identifier stored with every revision, e.g. "2021".</summary>
    public string Version { get; }
    public string Name { get; }
    public string LegalSource { get; }
    /// <summary>First report year this format applies to.</summary>
    public int FirstYear { get; }
    public int? LastYear { get; }
    public IReadOnlyList<SectionDef> Sections { get; }
    public IReadOnlyList<TableDef> Tables { get; }
    public IReadOnlyList<ProsePartDef> ProseParts { get; }
    /// <summary>Every figure cell of every table, in document order.</summary>
    public IReadOnlyList<CellDef> Cells { get; }

    public TableDef Table(string code) =>
        _tables.TryGetValue(code, out var t) ? t : throw new KeyNotFoundException($"未知表格代码 {code}");

    public bool TryGetCell(CellRef cell, out CellDef def) => _cells.TryGetValue(cell, out def!);

    /// <summary>The cell stored under this key ("t3/1/natural"), without parsing it.</summary>
    public bool TryGetCell(string key, out CellDef def) => _cellsByKey.TryGetValue(key, out def!);

    public CellDef Cell(CellRef cell) =>
        _cells.TryGetValue(cell, out var def) ? def : throw new KeyNotFoundException($"未知单元格 {cell}");

    public bool HasProsePart(string code) => _prose.ContainsKey(code);

    public ProsePartDef ProsePart(string code) =>
        _prose.TryGetValue(code, out var p) ? p : throw new KeyNotFoundException($"未知正文代码 {code}");

    /// <summary>The section a prose part belongs to.</summary>
    public SectionDef SectionOf(ProsePartDef part) => Sections.First(s => s.Code == part.SectionCode);

    /// <summary>
    /// How every page, message and export names a prose part: its section's heading and its sub-head,
    /// 「一、总体情况 （一）主动公开」, or the heading alone, 「五、存在的主要问题及改进情况」.
    /// </summary>
    public string NameOf(ProsePartDef part)
    {
        var heading = SectionOf(part).Heading;
        return part.SubHead is null ? heading : $"{heading} {part.SubHead}";
    }
}

/// <summary>One of the six numbered sections (一 … 六).</summary>
public sealed record SectionDef(string Code, string Number, string Title, SectionKind Kind,
    IReadOnlyList<ProsePartDef> ProseParts, TableDef? Table)
{
    /// <summary>The heading as printed: 「一、总体情况」.</summary>
    public string Heading => $"{Number}、{Title}";
}

/// <summary>
/// A piece of prose the clerk writes. Section 一 has five, each under a sub-head such as 「（一）主动公开」;
/// sections 五 and 六 have one each with no sub-head.
/// </summary>
public sealed record ProsePartDef(string Code, string SectionCode, string? SubHead, bool Required);

/// <summary>
/// A figure table (表二, 表三, 表四). Table 二 is four blocks (one per 第二十条 item); tables 三 and 四 are one block.
/// Cells are addressed by (table code, row code, column code); row codes are unique within a table.
/// </summary>
public sealed class TableDef
{
    public TableDef(string code, string number, IReadOnlyList<TableBlock> blocks)
    {
        Code = code;
        Number = number;
        Blocks = blocks;
        foreach (var b in blocks) b.AttachTo(this);
        Cells = blocks.SelectMany(b => b.Cells).ToList();
    }

    public string Code { get; }
    /// <summary>表二 / 表三 / 表四, used in messages.</summary>
    public string Number { get; }
    public IReadOnlyList<TableBlock> Blocks { get; }
    public IReadOnlyList<CellDef> Cells { get; }

    public IEnumerable<RowDef> FigureRows => Blocks.SelectMany(b => b.FigureRows);

    public RowDef Row(string code) =>
        Blocks.SelectMany(b => b.AllRows).FirstOrDefault(r => r.Code == code)
        ?? throw new KeyNotFoundException($"{Number}没有行 {code}");

    public TableBlock BlockOfRow(string rowCode) =>
        Blocks.First(b => b.AllRows.Any(r => r.Code == rowCode));
}

/// <summary>
/// A rectangular block of a table as laid out on the official form: header rows with their spans, the label
/// columns on the left (the row tree is drawn across them), and the data columns.
/// </summary>
public sealed class TableBlock
{
    public TableBlock(string code, int labelColumns, IReadOnlyList<IReadOnlyList<HeaderCell>> headerRows,
        IReadOnlyList<ColumnDef> columns, IReadOnlyList<RowDef> rows)
    {
        Code = code;
        LabelColumns = labelColumns;
        HeaderRows = headerRows;
        Columns = columns;
        Rows = rows;
        AllRows = Flatten(rows).ToList();
        FigureRows = AllRows.Where(r => r.HasFigures).ToList();
    }

    internal TableDef Table { get; private set; } = null!;

    // A block learns its table when the table is built; only then can its cells carry full addresses.
    internal void AttachTo(TableDef table)
    {
        Table = table;
        Cells = [.. FigureRows.SelectMany(r => Columns.Select(c => new CellDef(this, r, c)))];
    }

    public string TableCode => Table.Code;
    public string Code { get; }
    /// <summary>How many label columns the row tree spans (表三: 3; the others: 1).</summary>
    public int LabelColumns { get; }
    /// <summary>Header rows exactly as the official form draws them, spans included.</summary>
    public IReadOnlyList<IReadOnlyList<HeaderCell>> HeaderRows { get; }
    public IReadOnlyList<ColumnDef> Columns { get; }
    /// <summary>Top-level rows; group rows carry children.</summary>
    public IReadOnlyList<RowDef> Rows { get; }
    /// <summary>All rows, groups included, in document order.</summary>
    public IReadOnlyList<RowDef> AllRows { get; }
    /// <summary>Rows that carry figures, in document order.</summary>
    public IReadOnlyList<RowDef> FigureRows { get; }
    public IReadOnlyList<CellDef> Cells { get; private set; } = [];

    /// <summary>The block laid out as the official form draws it (built on first use; the format never changes).</summary>
    public TableGrid Grid => _grid ??= new TableGrid(this);
    private TableGrid? _grid;

    public ColumnDef Column(string code) =>
        Columns.FirstOrDefault(c => c.Code == code) ?? throw new KeyNotFoundException($"没有列 {code}");

    private static IEnumerable<RowDef> Flatten(IEnumerable<RowDef> rows)
    {
        foreach (var r in rows)
        {
            yield return r;
            foreach (var c in Flatten(r.Children)) yield return c;
        }
    }
}

/// <summary>A header cell of the official form. <see cref="ColumnCode"/> is set when it labels one data column.</summary>
public sealed record HeaderCell(string Label, int ColSpan = 1, int RowSpan = 1, string? ColumnCode = null);

/// <summary>
/// A data column. <see cref="SumOf"/> lists the columns whose sum it is (the 总计 column); such a column is
/// derived when figures are entered through the portal, and checked by the rules when they come from outside.
/// <see cref="Group"/> names the header group (表四: 行政复议 / 未经复议直接起诉 / 复议后起诉).
/// </summary>
public sealed record ColumnDef(string Code, string Label, ValueKind Kind,
    IReadOnlyList<string>? SumOf = null, string? Group = null)
{
    public bool IsDerived => SumOf is { Count: > 0 };
    /// <summary>The label with the group prefix where the column name alone is ambiguous (表四).</summary>
    public string FullLabel => Group is null ? Label : $"{Group}{Label}";
}

/// <summary>
/// A row of the official form. Rows with <see cref="Children"/> are group heads (e.g. 「（三）不予公开」) and
/// carry no figures of their own. <see cref="SumOf"/> marks a derived total row (「（七）总计」).
/// <see cref="ShortLabel"/> is how messages name the row: 「一」, 「（三）4」, 「（七）总计」.
/// </summary>
public sealed record RowDef(string Code, string Label, string ShortLabel, IReadOnlyList<RowDef> Children,
    IReadOnlyList<string>? SumOf = null)
{
    public bool HasFigures => Children.Count == 0;
    public bool IsDerived => SumOf is { Count: > 0 };
}

/// <summary>One figure cell of the format.</summary>
public sealed record CellDef(TableBlock Block, RowDef Row, ColumnDef Column)
{
    public CellRef Ref { get; } = new(Block.TableCode, Row.Code, Column.Code);
    /// <summary>The cell's key ("t3/1/natural"): stored content, form fields and messages use it.</summary>
    public string Key { get; } = $"{Block.TableCode}/{Row.Code}/{Column.Code}";
    public ValueKind Kind => Column.Kind;
    /// <summary>A cell that the portal computes (in the 总计 column or the 总计 row).</summary>
    public bool IsDerived => Row.IsDerived || Column.IsDerived;
    /// <summary>
    /// The cells a derived cell adds up: in the 总计 row, the rows above in its column; in the 总计 column (the
    /// corner too), the columns before it in its row — the order in which the portal derives totals.
    /// </summary>
    public IReadOnlyList<CellRef> SumParts => Row.IsDerived && !Column.IsDerived
        ? [.. Row.SumOf!.Select(r => new CellRef(Ref.Table, r, Column.Code))]
        : Column.IsDerived ? [.. Column.SumOf!.Select(c => new CellRef(Ref.Table, Row.Code, c))] : [];
    /// <summary>「表三 （三）4 自然人」 — how a message names this cell.</summary>
    public string DisplayName => Row.ShortLabel.Length == 0
        ? $"{Block.Table.Number} {Column.FullLabel}" // 表四's single row has no label
        : $"{Block.Table.Number} {Row.ShortLabel} {Column.FullLabel}";
}

/// <summary>The address of one figure: table code, row code, column code.</summary>
public readonly record struct CellRef(string Table, string Row, string Column)
{
    public override string ToString() => $"{Table}/{Row}/{Column}";

    /// <summary>Parses the "table/row/column" key used in JSON, CSV headers and form field names.</summary>
    public static bool TryParse(string? key, out CellRef cell)
    {
        cell = default;
        var parts = key?.Split('/');
        if (parts is not { Length: 3 } || parts.Any(string.IsNullOrWhiteSpace)) return false;
        cell = new CellRef(parts[0], parts[1], parts[2]);
        return true;
    }
}
