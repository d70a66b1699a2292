using DisclosurePortal.Domain.Exchange.Reading;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Exchange;

/// <summary>Why a text import was refused: the 1-based line where the problem is, and the reason in Chinese.</summary>
public sealed record TextImportRefusal(int Line, string Reason)
{
    public string Message => $"第 {Line} 行：{Reason}";
    public override string ToString() => Message;
}

/// <summary>Either the whole report read from the text, or the refusal; a refused import carries no data at all.</summary>
public sealed class TextImportResult
{
    private TextImportResult(string? bodyName, int? year, ReportData? data, TextImportRefusal? refusal)
    {
        BodyName = bodyName;
        Year = year;
        Data = data;
        Refusal = refusal;
    }

    public string? BodyName { get; }
    public int? Year { get; }
    public ReportData? Data { get; }
    public TextImportRefusal? Refusal { get; }
    public bool Succeeded => Data is not null;

    internal static TextImportResult Ok(string bodyName, int year, ReportData data) => new(bodyName, year, data, null);
    internal static TextImportResult Refused(TextImportRefusal refusal) => new(null, null, null, refusal);
}

/// <summary>
/// Imports a published annual report from its text: the text front-end (<see cref="TextSource"/>) and the one
/// matcher every reader shares (<see cref="ReportMatcher"/>). Totals are taken as printed, so that the rules
/// judge them. The first problem in document order refuses the whole import.
/// </summary>
public static class TextReportImporter
{
    public static TextImportResult Import(string text)
    {
        var read = ReportMatcher.Match(TextSource.Read(text));
        return read.Succeeded
            ? TextImportResult.Ok(read.BodyName!, read.Year!.Value, read.Data!)
            : TextImportResult.Refused(new TextImportRefusal(read.Refusal!.Place?.Number ?? 1, read.Refusal.Reason));
    }
}
