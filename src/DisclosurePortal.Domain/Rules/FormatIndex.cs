using System.Collections.Concurrent;
using System.Collections.Frozen;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Rules;

/// <summary>
/// The cells and prose parts of one format, numbered once so that the rules work on arrays instead of
/// looking up a dictionary per check (the rules run on every save and must stay well under 100 µs).
/// Everything here is read from the format definition: no label or code is repeated.
/// </summary>
internal sealed class FormatIndex
{
    private static readonly ConcurrentDictionary<ReportFormat, FormatIndex> Cache = new();

    private FormatIndex(ReportFormat format)
    {
        Format = format;
        Cells = [.. format.Cells];
        var map = new Dictionary<CellRef, int>(Cells.Length);
        for (var i = 0; i < Cells.Length; i++) map[Cells[i].Ref] = i;
        IndexOf = map.ToFrozenDictionary();
        ProseParts = [.. format.ProseParts];
        ProseNames = [.. ProseParts.Select(p =>
        {
            var heading = format.Sections.First(s => s.Code == p.SectionCode).Heading;
            return p.SubHead is null ? heading : $"{heading} {p.SubHead}";
        })];
        // The accounting rules are those of the 2021 form; another format brings its own layout.
        Layout2021 = format.Version == Format2021.Version ? new Layout2021(format, this) : null;
    }

    public ReportFormat Format { get; }
    public CellDef[] Cells { get; }
    public FrozenDictionary<CellRef, int> IndexOf { get; }
    public ProsePartDef[] ProseParts { get; }
    /// <summary>How messages name a prose part: 「一、总体情况 （一）主动公开」, 「五、存在的主要问题及改进情况」.</summary>
    public string[] ProseNames { get; }
    public Layout2021? Layout2021 { get; }

    public static FormatIndex Of(ReportFormat format) => Cache.GetOrAdd(format, f => new FormatIndex(f));

    public int Index(string table, string row, string column) => IndexOf[new CellRef(table, row, column)];

    /// <summary>Copies the figures of <paramref name="data"/> into arrays numbered like <see cref="Cells"/>.</summary>
    public FigureSet Load(ReportData data)
    {
        var values = new decimal[Cells.Length];
        var filled = new bool[Cells.Length];
        var figures = data.Figures;
        for (var i = 0; i < Cells.Length; i++)
        {
            if (figures.TryGetValue(Cells[i].Ref, out var v))
            {
                values[i] = v;
                filled[i] = true;
            }
        }
        return new FigureSet(values, filled);
    }
}

/// <summary>The figures of one report by cell number; a blank cell is not filled and counts as 0 in sums.</summary>
internal sealed class FigureSet(decimal[] values, bool[] filled)
{
    public decimal this[int cell] => values[cell];
    public bool IsFilled(int cell) => filled[cell];
    public decimal? ValueOrNull(int cell) => filled[cell] ? values[cell] : null;

    public bool AnyFilled(ReadOnlySpan<int> cells)
    {
        foreach (var c in cells)
            if (filled[c]) return true;
        return false;
    }

    public decimal Sum(ReadOnlySpan<int> cells)
    {
        var sum = 0m;
        foreach (var c in cells) sum += values[c];
        return sum;
    }
}

/// <summary>Cell numbers of the 2021 form that the accounting rules need, resolved once from its definition.</summary>
internal sealed class Layout2021
{
    public Layout2021(ReportFormat format, FormatIndex index)
    {
        var t3 = format.Table(Format2021.T3);
        var t3Block = t3.BlockOfRow(Format2021.Table3.Received);
        T3Table = t3;
        T3Rows = [.. t3Block.FigureRows];
        T3Columns = [.. t3Block.Columns];
        T3Cells = [.. T3Rows.Select(r => T3Columns.Select(c => index.Index(t3.Code, r.Code, c.Code)).ToArray())];
        T3ColumnOf = T3Columns.Select((c, i) => (c.Code, i)).ToFrozenDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        int RowNo(string code) => Array.FindIndex(T3Rows, r => r.Code == code);
        Received = RowNo(Format2021.Table3.Received);
        CarriedOver = RowNo(Format2021.Table3.CarriedOver);
        ResultsTotal = RowNo(Format2021.Table3.ResultsTotal);
        CarriedForward = RowNo(Format2021.Table3.CarriedForward);
        ResultParts = [.. T3Rows[ResultsTotal].SumOf!.Select(RowNo)];
        TotalColumn = Array.FindIndex(T3Columns, c => c.IsDerived);
        ApplicantColumns = [.. T3Columns[TotalColumn].SumOf!.Select(code => Array.FindIndex(T3Columns, c => c.Code == code))];

        var t4 = format.Table(Format2021.T4);
        T4Table = t4;
        var t4Block = t4.Blocks[0];
        var t4Row = t4Block.FigureRows[0];
        T4Totals = [.. t4Block.Columns.Where(c => c.IsDerived)];
        T4TotalCells = [.. T4Totals.Select(c => index.Index(t4.Code, t4Row.Code, c.Code))];
        T4PartColumns = [.. T4Totals.Select(c => c.SumOf!.Select(t4Block.Column).ToArray())];
        T4PartCells = [.. T4Totals.Select(c => c.SumOf!.Select(p => index.Index(t4.Code, t4Row.Code, p)).ToArray())];
        T4TotalOf = T4Totals.Select((c, i) => (c.Code, i)).ToFrozenDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);

        var t2 = format.Table(Format2021.T2);
        T2Table = t2;
        InForceRows = [.. new[] { Format2021.Table2.Rules, Format2021.Table2.NormativeDocs }.Select(r => t2.Row(r))];
        int T2(string row, string col) => index.Index(t2.Code, row, col);
        InForceCells = [.. InForceRows.Select(r => new InForceCells(
            T2(r.Code, Format2021.Table2.Issued), T2(r.Code, Format2021.Table2.Repealed), T2(r.Code, Format2021.Table2.InForce)))];
        RulesRow = t2.Row(Format2021.Table2.Rules);
        RulesRowCells = [.. t2.BlockOfRow(RulesRow.Code).Columns.Select(c => T2(RulesRow.Code, c.Code))];
        FeeCell = T2(Format2021.Table2.AdminFees, Format2021.Table2.FeeAmount);
    }

    public TableDef T3Table { get; }
    public RowDef[] T3Rows { get; }
    public ColumnDef[] T3Columns { get; }
    /// <summary>[row][column] → cell number, rows and columns in document order.</summary>
    public int[][] T3Cells { get; }
    public FrozenDictionary<string, int> T3ColumnOf { get; }
    public int Received { get; }
    public int CarriedOver { get; }
    public int ResultsTotal { get; }
    public int CarriedForward { get; }
    /// <summary>Row numbers whose sum is （七）总计 (T3-RESULT-SUM).</summary>
    public int[] ResultParts { get; }
    public int TotalColumn { get; }
    public int[] ApplicantColumns { get; }

    public TableDef T4Table { get; }
    public ColumnDef[] T4Totals { get; }
    public int[] T4TotalCells { get; }
    public ColumnDef[][] T4PartColumns { get; }
    public int[][] T4PartCells { get; }
    public FrozenDictionary<string, int> T4TotalOf { get; }

    public TableDef T2Table { get; }
    public RowDef[] InForceRows { get; }
    public InForceCells[] InForceCells { get; }
    public RowDef RulesRow { get; }
    public int[] RulesRowCells { get; }
    public int FeeCell { get; }

    public int T3Cell(int row, int column) => T3Cells[row][column];
}

internal readonly record struct InForceCells(int Issued, int Repealed, int InForce);
