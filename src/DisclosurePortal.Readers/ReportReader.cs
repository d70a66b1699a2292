using System.Text;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Exchange.Reading;

namespace DisclosurePortal.Readers;

/// <summary>A report read from a file: its JSON form (docs/report-json.md) and what it holds, or the refusal.</summary>
public sealed class ReportReading
{
    private ReportReading(ReadResult result, ReportDocument? document)
    {
        Result = result;
        Document = document;
    }

    public ReadResult Result { get; }
    public ReportDocument? Document { get; }
    public bool Succeeded => Document is not null;
    /// <summary>The report's JSON form; null when refused.</summary>
    public string? Json => Document is null ? null : ReportJson.Serialize(Document);
    public string? Refusal => Result.Refusal?.Message;

    internal static ReportReading From(ReadResult result) =>
        result.Succeeded
            ? new(result, new ReportDocument(new ReportDocumentBody(null, result.BodyName!, null), result.Year!.Value, null, result.Data!))
            : new(result, null);

    internal static ReportReading Refused(string reason) => new(ReadResult.Refused(reason), null);
}

/// <summary>
/// The one entry point for a published report in any form: a web page (.html/.htm), a PDF with a text layer, a
/// Word file (.docx), text (.txt, or pasted) or the portal's own JSON form. The form is told by the file's first
/// bytes where they say it, else by its name; every front-end hands a neutral document to the one matcher.
/// </summary>
public static class ReportReader
{
    /// <summary>Larger than any annual report; a bigger file is refused before it is parsed.</summary>
    public const int MaxBytes = 50 * 1024 * 1024;

    /// <summary>Reads a file from disk; one larger than <see cref="MaxBytes"/> is refused before it is read.</summary>
    public static ReportReading ReadFile(string path)
    {
        var length = new FileInfo(path).Length;
        return length > MaxBytes ? ReportReading.Refused(TooLarge) : Read(Path.GetFileName(path), File.ReadAllBytes(path));
    }

    private static string TooLarge => $"文件超过 {MaxBytes / 1024 / 1024} MB，不像是一份年度报告";

    public static ReportReading Read(string fileName, byte[] bytes)
    {
        try
        {
            return ReadChecked(fileName, bytes);
        }
        // The front-ends refuse what they know to be broken; anything else a library throws on a hostile file
        // is still a refusal in words, never a stack trace.
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ReportReading.Refused("文件内容无法解析，无法读取；请确认文件完整后再试");
        }
    }

    private static ReportReading ReadChecked(string fileName, byte[] bytes)
    {
        if (bytes.Length == 0) return ReportReading.Refused("文件是空的");
        if (bytes.Length > MaxBytes) return ReportReading.Refused(TooLarge);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var head = bytes.AsSpan(0, Math.Min(bytes.Length, 8));

        if (head.StartsWith("%PDF"u8) || extension == ".pdf")
        {
            if (!head.StartsWith("%PDF"u8) && bytes.AsSpan(0, Math.Min(bytes.Length, 1024)).IndexOf("%PDF"u8) < 0)
                return ReportReading.Refused(PdfSource.NotAPdf);
            return FromSource(PdfSource.Read(bytes));
        }
        if (head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }) || extension == ".doc")
            return ReportReading.Refused("这是旧版 Word（.doc）文件，无法读取；请另存为 .docx 后再导入");
        if (head.StartsWith("PK"u8) || extension == ".docx")
            return FromSource(DocxSource.Read(bytes));
        if (bytes.AsSpan(0, Math.Min(bytes.Length, 64)).Contains((byte)0) && !head.StartsWith(new byte[] { 0xFF, 0xFE })
            && !head.StartsWith(new byte[] { 0xFE, 0xFF }))
            return ReportReading.Refused("文件不是文字、网页、PDF 或 Word 文件，无法读取");

        // A page's script may carry a report inside a string literal, escaped; it is not a published form of it.
        if (extension is ".js" or ".css")
            return ReportReading.Refused("这是网页的脚本或样式文件，不是报告；请提供报告的网页、PDF、Word 或文字");
        var isHtml = extension is ".html" or ".htm" or ".shtml" || LooksLikeHtml(bytes);
        var text = SourceEncoding.Decode(bytes, isHtml);
        if (isHtml) return ReportReading.From(ReportMatcher.Match(HtmlSource.Read(text)));
        if (text.TrimStart().StartsWith('{'))
        {
            var parsed = ReportJson.Parse(text);
            return parsed.Succeeded
                ? ReportReading.From(ReadResult.Ok(parsed.Document!.Body.Name, parsed.Document.Year, parsed.Data!))
                : ReportReading.Refused(string.Join("；", parsed.Errors.Select(e => e.Message)));
        }
        return ReportReading.From(ReportMatcher.Match(TextSource.Read(text)));
    }

    private static bool LooksLikeHtml(byte[] bytes)
    {
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 1024)).TrimStart().ToLowerInvariant();
        return head.StartsWith("<!doctype html", StringComparison.Ordinal) || head.StartsWith("<html", StringComparison.Ordinal)
            || head.Contains("<table", StringComparison.Ordinal) || head.Contains("<body", StringComparison.Ordinal);
    }

    private static ReportReading FromSource((SourceDocument? Document, string? Refusal) source) =>
        source.Document is { } document
            ? ReportReading.From(ReportMatcher.Match(document))
            : ReportReading.Refused(source.Refusal!);
}
