using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Exchange.Reading;

/// <summary>
/// Where something is in the source as its reader shows it to a person: 「第 3 页第 12 行」, 「第 40 行」, 「第 7 段」.
/// </summary>
public sealed record SourcePlace(int Number, int? Page = null, string Unit = "行")
{
    public override string ToString() => (Page is { } p ? $"第 {p} 页" : "") + $"第 {Number} {Unit}";
}

/// <summary>One block of a source in reading order: a line of text, or a table.</summary>
public abstract record SourceBlock(SourcePlace Place);

/// <summary>A line or paragraph of text.</summary>
public sealed record SourceText(SourcePlace Place, string Text) : SourceBlock(Place);

/// <summary>A table as rows of cell strings; an empty string is a cell printed empty.</summary>
public sealed record SourceTable(SourcePlace Place, IReadOnlyList<SourceRow> Rows) : SourceBlock(Place);

public sealed record SourceRow(SourcePlace Place, IReadOnlyList<string> Cells);

/// <summary>
/// What every reader (text, web page, PDF, Word) turns its source into, so that one matcher finds the report in
/// all of them: the blocks in reading order, each with its place in the source.
/// </summary>
public sealed record SourceDocument(IReadOnlyList<SourceBlock> Blocks);

/// <summary>Why a source was refused: where, and the reason in Chinese (row, column and what was found there).</summary>
public sealed record ReadRefusal(SourcePlace? Place, string Reason)
{
    public string Message => Place is null ? Reason : $"{Place}：{Reason}";
    public override string ToString() => Message;
}

/// <summary>Either the whole report read from a source, or the refusal; a refused source yields no data at all.</summary>
public sealed class ReadResult
{
    private ReadResult(string? bodyName, int? year, ReportData? data, ReadRefusal? refusal)
    {
        BodyName = bodyName;
        Year = year;
        Data = data;
        Refusal = refusal;
    }

    public string? BodyName { get; }
    public int? Year { get; }
    public ReportData? Data { get; }
    public ReadRefusal? Refusal { get; }
    public bool Succeeded => Data is not null;

    public static ReadResult Ok(string bodyName, int year, ReportData data) => new(bodyName, year, data, null);
    public static ReadResult Refused(ReadRefusal refusal) => new(null, null, null, refusal);
    /// <summary>A refusal of the whole file (a scan, an old .doc), with no place in it.</summary>
    public static ReadResult Refused(string reason) => new(null, null, null, new ReadRefusal(null, reason));
}
