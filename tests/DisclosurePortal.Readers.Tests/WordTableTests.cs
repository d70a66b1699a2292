using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DisclosurePortal.Readers.Tests;

/// <summary>
/// A real report as a Word author lays it out: paragraphs, and 表三 as one table whose row heads are merged cells
/// (「三、本年度办理结果」 down the rows it heads by vMerge, short labels across the label columns by gridSpan),
/// under the format's three header rows, merged both ways. The figures are the real report's.
/// </summary>
public partial class WordTableTests
{
    private const int LabelColumns = 3;
    private const int FigureColumns = 7;

    [GeneratedRegex(@"^[一二三四五六七八九十]+、")]
    private static partial Regex TopLevel();

    [GeneratedRegex(@"^[（(][一二三四五六七八九十]+[)）]")]
    private static partial Regex SecondLevel();

    private static TableCell Cell(string text, int span = 1, MergedCellValues? merge = null)
    {
        var props = new TableCellProperties();
        if (span > 1) props.Append(new GridSpan { Val = span });
        if (merge is { } m) props.Append(new VerticalMerge { Val = m });
        return new TableCell(props, new Paragraph(new Run(new Text(text))));
    }

    private static TableCell Continued(int span = 1) => Cell("", span, MergedCellValues.Continue);

    /// <summary>The format's header of 表三: three rows, the first column merged down, 申请人情况 across.</summary>
    private static IEnumerable<TableRow> Table3Header() =>
    [
        new TableRow(Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", LabelColumns, MergedCellValues.Restart),
            Cell("申请人情况", FigureColumns)),
        new TableRow(Continued(LabelColumns), Cell("自然人", 1, MergedCellValues.Restart), Cell("法人或其他组织", 5),
            Cell("总计", 1, MergedCellValues.Restart)),
        new TableRow(Continued(LabelColumns), Continued(), Cell("商业企业"), Cell("科研机构"), Cell("社会公益组织"),
            Cell("法律服务机构"), Cell("其他"), Continued()),
    ];

    /// <summary>
    /// A row of 表三 from the copied text: its labels at their level's column (一、 / （一） / 1.), a head above
    /// carried down by vMerge, the last label spanning to the figures, then the seven figure cells as printed.
    /// </summary>
    private static TableRow Table3Row(string[] cells)
    {
        var labels = cells.Take(cells.Length - FigureColumns).Select(c => c.Trim()).ToList();
        var level = TopLevel().IsMatch(labels[0]) ? 0 : SecondLevel().IsMatch(labels[0]) ? 1 : 2;
        // 「（七）总计」 sits under 三、 but 「四、」 and 「一、」 start at the left.
        var row = new TableRow();
        for (var c = 0; c < level; c++) row.Append(Continued());
        for (var k = 0; k < labels.Count; k++)
        {
            var last = k == labels.Count - 1;
            row.Append(last
                ? Cell(labels[k], LabelColumns - level - k)
                : Cell(labels[k], 1, MergedCellValues.Restart));
        }
        foreach (var figure in cells.Skip(cells.Length - FigureColumns)) row.Append(Cell(figure.Trim()));
        return row;
    }

    private static byte[] Docx(string folder)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var body = new Body();
            Table? table = null;
            var inTable3 = false;
            foreach (var line in File.ReadAllLines(RealReports.PathOf(folder, "text.txt")))
            {
                var cells = line.Split('\t');
                if (line.StartsWith("（本列数据", StringComparison.Ordinal))
                {
                    body.Append(table = new Table());
                    table.Append(Table3Header());
                    inTable3 = true;
                    continue;
                }
                if (inTable3)
                {
                    if (cells.Length > FigureColumns) table!.Append(Table3Row(cells));
                    // Header text the copy broke over lines is in the header rows already.
                    if (line.StartsWith("四、结转", StringComparison.Ordinal)) inTable3 = false;
                    continue;
                }
                if (cells.Length == 1)
                {
                    table = null;
                    body.Append(new Paragraph(new Run(new Text(line))));
                    continue;
                }
                if (table is null) body.Append(table = new Table());
                var row = new TableRow();
                foreach (var cell in cells) row.Append(Cell(cell.Trim()));
                table.Append(row);
            }
            word.AddMainDocumentPart().Document = new Document(body);
        }
        return stream.ToArray();
    }

    [Theory]
    [InlineData("14-pingtan-2024")]
    [InlineData("04-sh-bangongting-2019")]
    public void A_word_file_with_merged_table_cells_reads_every_figure_as_printed(string folder)
    {
        var bytes = Docx(folder);
        var reading = ReportReader.Read("report.docx", bytes);
        Assert.True(reading.Succeeded, reading.Refusal);
        Assert.Equal(RealReports.Truth(folder).GetProperty("year").GetInt32(), reading.Document!.Year);
        Assert.Empty(RealReports.WrongFigures(folder, reading.Document.Data));
        using var check = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Contains(check.MainDocumentPart!.Document!.Body!.Descendants<VerticalMerge>(), v => v.Val?.Value == MergedCellValues.Restart);
    }
}
