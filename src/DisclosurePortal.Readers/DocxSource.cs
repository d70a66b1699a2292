using DisclosurePortal.Domain.Exchange.Reading;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DisclosurePortal.Readers;

/// <summary>
/// The Word front-end (.docx): the body's paragraphs and tables in order. Merged cells are expanded as the
/// web-page reader does: a horizontally merged (gridSpan) or vertically continued (vMerge) position is empty.
/// Places count paragraphs, and rows within each table.
/// </summary>
public static class DocxSource
{
    public const string NotADocx = "文件不是有效的 Word（.docx）文件，无法读取";

    public static (SourceDocument? Document, string? Refusal) Read(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var word = WordprocessingDocument.Open(stream, false);
            // A zip of something else (no word/document.xml) opens as a package with no main part.
            if (word.MainDocumentPart is null) return (null, NotADocx);
            var body = word.MainDocumentPart.Document?.Body;
            if (body is null) return (null, "该 Word 文件没有正文，无法读取");
            var blocks = new List<SourceBlock>();
            var paragraph = 0;
            var tableNumber = 0;
            foreach (var element in body.Elements())
            {
                switch (element)
                {
                    case Paragraph p:
                        paragraph++;
                        blocks.Add(new SourceText(new SourcePlace(paragraph, Unit: "段"), p.InnerText));
                        break;
                    case Table t:
                        tableNumber++;
                        blocks.Add(Table(t, tableNumber));
                        break;
                }
            }
            return (new SourceDocument(blocks), null);
        }
        // A renamed zip, a damaged package or broken XML: the SDK throws several types for these.
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (null, NotADocx);
        }
    }

    private static SourceTable Table(Table table, int number)
    {
        var rows = new List<SourceRow>();
        var r = 0;
        foreach (var row in table.Elements<TableRow>())
        {
            r++;
            var cells = new List<string>();
            foreach (var cell in row.Elements<TableCell>())
            {
                var props = cell.TableCellProperties;
                var span = props?.GridSpan?.Val?.Value ?? 1;
                var continued = props?.VerticalMerge is { } v && (v.Val is null || v.Val.Value == MergedCellValues.Continue);
                var text = continued ? "" : string.Join(" ", cell.Elements<Paragraph>().Select(p => p.InnerText).Where(t => t.Trim().Length > 0));
                cells.Add(text);
                for (var k = 1; k < span; k++) cells.Add("");
            }
            rows.Add(new SourceRow(new SourcePlace(r, Unit: $"行（第 {number} 个表格）"), cells));
        }
        return new SourceTable(new SourcePlace(1, Unit: $"行（第 {number} 个表格）"), rows);
    }
}
