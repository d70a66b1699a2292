using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DisclosurePortal.Readers.Tests;

public class DocxAndBadInputTests
{
    /// <summary>A Word file of a real report: its paragraphs, and each run of tab-separated lines as a real table.</summary>
    private static byte[] Docx(string folder)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var body = new Body();
            Table? table = null;
            foreach (var line in File.ReadAllLines(RealReports.PathOf(folder, "text.txt")))
            {
                if (!line.Contains('\t', StringComparison.Ordinal))
                {
                    table = null;
                    body.Append(new Paragraph(new Run(new Text(line))));
                    continue;
                }
                if (table is null) body.Append(table = new Table());
                var cells = line.Split('\t');
                var row = new TableRow();
                foreach (var cell in cells) row.Append(new TableCell(new Paragraph(new Run(new Text(cell)))));
                // 表二's single figure spans the rest of the four columns, as Word draws it.
                if (cells.Length == 2)
                    row.Elements<TableCell>().Last().TableCellProperties = new TableCellProperties(new GridSpan { Val = 3 });
                table.Append(row);
            }
            word.AddMainDocumentPart().Document = new Document(body);
        }
        return stream.ToArray();
    }

    [Fact]
    public void A_word_file_with_real_tables_reads_every_figure_as_printed()
    {
        var reading = ReportReader.Read("report.docx", Docx("24-pt-gongan-2024"));
        Assert.True(reading.Succeeded, reading.Refusal);
        Assert.Empty(RealReports.WrongFigures("24-pt-gongan-2024", reading.Document!.Data));
    }

    [Fact]
    public void An_old_word_file_is_refused_asking_for_docx() =>
        Assert.Contains("请另存为 .docx 后再导入",
            ReportReader.Read("report.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).Refusal, StringComparison.Ordinal);

    [Fact]
    public void A_renamed_zip_is_refused_as_not_a_word_file() =>
        Assert.Equal("文件不是有效的 Word（.docx）文件，无法读取",
            ReportReader.Read("report.docx", [(byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0, 1, 2, 3]).Refusal);

    [Fact]
    public void An_empty_file_is_refused() => Assert.Equal("文件是空的", ReportReader.Read("a.txt", []).Refusal);

    [Fact]
    public void A_binary_file_named_pdf_is_refused() =>
        Assert.Equal("文件不是有效的 PDF，无法读取", ReportReader.Read("a.pdf", [1, 2, 3, 0, 5, 6, 7, 8]).Refusal);

    [Fact]
    public void A_pdf_without_a_text_layer_is_refused_as_a_scan()
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        Assert.Equal(PdfSource.NoTextLayer, ReportReader.Read("scan.pdf", builder.Build()).Refusal);
    }

    [Fact]
    public void A_web_page_with_no_report_is_refused_for_want_of_a_title() =>
        Assert.Contains("找不到报告标题",
            ReportReader.Read("a.html", "<html><body><p>首页</p><table><tr><td>1</td></tr></table></body></html>"u8.ToArray()).Refusal,
            StringComparison.Ordinal);
}
