using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DisclosurePortal.Readers.Tests;

/// <summary>Inputs that hold no readable report: each is refused quickly with a reason in Chinese, never a stack trace.</summary>
public class BadInputTests
{
    /// <summary>A one-page PDF with only a drawing on it (no text), optionally locked with a user password.</summary>
    private static byte[] DrawingPdf(string? userPassword = null)
    {
        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
            graphics.DrawRectangle(XPens.Black, XBrushes.LightGray, 50, 50, 200, 100);
        if (userPassword is not null)
        {
            document.SecuritySettings.UserPassword = userPassword;
            document.SecuritySettings.OwnerPassword = userPassword + "-owner";
        }
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static ReportReading ReadTimed(string name, byte[] bytes)
    {
        var clock = Stopwatch.StartNew();
        var reading = ReportReader.Read(name, bytes);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.False(reading.Succeeded);
        Assert.Null(reading.Json);
        Assert.DoesNotContain("   at ", reading.Refusal, StringComparison.Ordinal);
        return reading;
    }

    [Fact]
    public void A_password_protected_pdf_is_refused_asking_for_an_unlocked_copy() =>
        Assert.Equal(PdfSource.PasswordProtected, ReadTimed("report.pdf", DrawingPdf("secret")).Refusal);

    [Fact]
    public void A_pdf_page_with_only_a_drawing_is_refused_as_having_no_text_layer() =>
        Assert.Equal(PdfSource.NoTextLayer, ReadTimed("scan.pdf", DrawingPdf()).Refusal);

    [Fact]
    public void Random_bytes_named_pdf_are_refused_as_not_a_pdf()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        Assert.Equal("文件不是有效的 PDF，无法读取", ReadTimed("report.pdf", bytes).Refusal);
    }

    [Fact]
    public void A_pdf_header_over_garbage_is_refused_as_not_a_valid_pdf()
    {
        var bytes = new byte[4096];
        new Random(11).NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        Assert.Equal("文件不是有效的 PDF，无法读取", ReadTimed("report.pdf", bytes).Refusal);
    }

    [Fact]
    public void A_real_zip_without_a_word_document_renamed_docx_is_refused_as_not_a_word_file()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("photos/readme.txt").Open()))
            writer.Write("not a report");
        Assert.Equal("文件不是有效的 Word（.docx）文件，无法读取", ReadTimed("report.docx", stream.ToArray()).Refusal);
    }

    [Fact]
    public void A_report_with_table_three_printed_twice_is_refused_at_the_repeated_row()
    {
        var text = File.ReadAllText(RealReports.PathOf("24-pt-gongan-2024", "text.txt")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = text.IndexOf("\n三、", StringComparison.Ordinal);
        var end = text.IndexOf("\n四、", start, StringComparison.Ordinal);
        var twice = text[..end] + text[start..end] + text[end..];
        var refusal = ReadTimed("report.txt", Encoding.UTF8.GetBytes(twice)).Refusal!;
        Assert.Matches(@"^第 \d+ 行：表三「.+」重复出现（第 \d+ 行已有）$", refusal);
    }

    [Fact]
    public void A_file_of_only_blank_lines_is_refused_as_having_no_text() =>
        Assert.Contains("没有文字", ReadTimed("report.txt", "\n\n  \n"u8.ToArray()).Refusal, StringComparison.Ordinal);

    [Fact]
    public void A_file_over_the_limit_is_refused_before_it_is_read_into_memory()
    {
        var path = Path.Combine(Path.GetTempPath(), $"oversized-{Guid.NewGuid():N}.pdf");
        try
        {
            // A sparse file: its length is past the limit without writing 50 MB.
            using (var file = File.Create(path)) file.SetLength(ReportReader.MaxBytes + 1L);
            var reading = ReportReader.ReadFile(path);
            Assert.False(reading.Succeeded);
            Assert.Equal($"文件超过 {ReportReader.MaxBytes / 1024 / 1024} MB，不像是一份年度报告", reading.Refusal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_web_table_figure_spanning_two_data_columns_is_refused_rather_than_read_as_a_blank()
    {
        var html = File.ReadAllText(RealReports.PathOf("14-pingtan-2024", "source.html"));
        var row = System.Text.RegularExpressions.Regex.Match(html, @"<tr[^>]*>(?:(?!</tr>).)*二、上年结转(?:(?!</tr>).)*</tr>",
            System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.NotEqual("", row);
        // Its first two figure cells become one cell drawn over both columns.
        var cells = System.Text.RegularExpressions.Regex.Matches(row, @"<td[^>]*>(?:(?!</td>).)*</td>", System.Text.RegularExpressions.RegexOptions.Singleline);
        var at = row.IndexOf(cells[1].Value, StringComparison.Ordinal);
        var merged = row[..at] + "<td colspan=\"2\">5</td>" + row[(cells[2].Index + cells[2].Length)..];
        Assert.NotEqual(row, merged);
        var refusal = ReadTimed("page.html", Encoding.UTF8.GetBytes(html.Replace(row, merged, StringComparison.Ordinal))).Refusal!;
        Assert.EndsWith($"表三「二、上年结转政府信息公开申请数量」「商业企业」一栏的「{HtmlSource.SpannedFigureCell}」不是数字", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_six_of_a_copied_page_ends_before_its_source_editor_and_attachment_lines()
    {
        var text = File.ReadAllText(RealReports.PathOf("24-pt-gongan-2024", "text.txt")).TrimEnd()
            + "\n附件：平潭综合实验区公安局2024年政府信息公开工作年度报告.pdf\n来源：平潭综合实验区公安局\n责任编辑：林某\n【打印】【关闭】\n";
        var reading = ReportReader.Read("report.txt", Encoding.UTF8.GetBytes(text));
        Assert.True(reading.Succeeded, reading.Refusal);
        Assert.Equal("2024年，无收取信息处理费情况。", reading.Document!.Data.ProseOf("s6"));
    }
}
