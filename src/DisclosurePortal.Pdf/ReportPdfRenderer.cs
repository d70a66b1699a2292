using System.Globalization;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Pdf.Fonts;
using DisclosurePortal.Pdf.Layout;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace DisclosurePortal.Pdf;

/// <summary>
/// The official PDF of an annual report (政府信息公开工作年度报告), laid out as the published reports are:
/// title, the six sections of the format in order, and the revision and verification line on the last page.
/// Stateless after construction and safe to share between threads.
/// </summary>
public sealed class ReportPdfRenderer
{
    private const string Subject = "政府信息公开工作年度报告";
    private const string Unfilled = "（未填写）";
    private const double IndentEm = 2;

    private readonly TypeSet _type;

    /// <param name="fontDirectory">The folder holding the Noto Serif SC TrueType files (configuration Pdf:FontDirectory).</param>
    public ReportPdfRenderer(string fontDirectory) => _type = new TypeSet(ReportFonts.Load(fontDirectory));

    /// <summary>Whether <paramref name="directory"/> holds both Noto Serif SC files the renderer loads.</summary>
    public static bool HasFonts(string directory) =>
        File.Exists(Path.Combine(directory, ReportFonts.RegularFile)) && File.Exists(Path.Combine(directory, ReportFonts.BoldFile));

    public byte[] Render(PdfReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!report.IsDraft && report.PublishedAt is null)
            throw new ArgumentException("A published report needs its publication time.", nameof(report));
        GlyphCheck.Ensure(report, _type.Faces);

        using var document = new PdfDocument();
        SetMetadata(document, report);
        var ua = UAManager.ForDocument(document);
        ua.SetDocumentLanguage("zh-CN");
        using (var writer = new PageWriter(document, ua.StructureBuilder, _type, report.IsDraft))
        {
            Compose(writer, document, report);
        }

        using var saved = new MemoryStream();
        document.Save(saved, closeStream: false);
        var pdf = saved.ToArray();
        if (SupplementaryToUnicode.IsNeeded(report)) pdf = SupplementaryToUnicode.Fix(pdf, report.DocumentTime);
        DeterministicPdf.Finish(pdf);
        return pdf;
    }

    private void Compose(PageWriter w, PdfDocument document, PdfReport report)
    {
        ComposeTitle(w, report.Title);
        foreach (var section in report.Data.Format.Sections)
        {
            if (section.Table is { } table)
            {
                var blocks = table.Blocks.Select(b => new TableComposer(_type, b, report.Data)).ToList();
                ComposeHeading(w, document, section, keepWithNext: blocks[0].KeepWithHeading);
                ComposeTable(w, blocks);
            }
            else
            {
                ComposeHeading(w, document, section, keepWithNext: 2 * BodyLineHeight);
                ComposeProse(w, section, report);
            }
        }
        ComposeVerification(w, report);
    }

    private void ComposeTitle(PageWriter w, string title)
    {
        var size = PageStyle.TitleSize;
        var lineHeight = size * 1.5;
        var lines = LineBreaker.Break(title, _type.Faces.Bold, size, PageStyle.ContentWidth, PageStyle.ContentWidth);
        w.Structure.BeginElement(PdfBlockLevelElementTag.Heading1);
        foreach (var line in lines)
        {
            w.DrawLine(line, _type.Font(size, bold: true), PageStyle.Left, PageStyle.Baseline(w.Y, lineHeight, size),
                PageStyle.ContentWidth, TextAlign.Center, justify: false);
            w.Y += lineHeight;
        }
        w.Structure.End();
        w.Y += size * 0.8;
    }

    private void ComposeHeading(PageWriter w, PdfDocument document, SectionDef section, double keepWithNext)
    {
        var size = PageStyle.HeadingSize;
        var lineHeight = size * 1.6;
        if (!w.AtPageTop) w.Y += size * 0.25;
        w.EnsureSpace(lineHeight + keepWithNext);
        document.Outlines.Add(section.Heading, w.Page, true);
        w.Structure.BeginElement(PdfBlockLevelElementTag.Heading2);
        var line = LineBreaker.Break(section.Heading, _type.Faces.Bold, size, PageStyle.ContentWidth, PageStyle.ContentWidth);
        foreach (var l in line)
        {
            w.DrawLine(l, _type.Font(size, bold: true), PageStyle.Left, PageStyle.Baseline(w.Y, lineHeight, size),
                PageStyle.ContentWidth, TextAlign.Left, justify: false);
            w.Y += lineHeight;
        }
        w.Structure.End();
    }

    private static double BodyLineHeight => PageStyle.BodySize * PageStyle.BodyLeading;

    private static void ComposeTable(PageWriter w, List<TableComposer> blocks)
    {
        foreach (var block in blocks) block.Compose(w);
        w.Y += 4;
    }

    private void ComposeProse(PageWriter w, SectionDef section, PdfReport report)
    {
        foreach (var part in section.ProseParts)
        {
            if (part.SubHead is { } subHead) ComposeSubHead(w, subHead);
            var paragraphs = Paragraphs(report.Data.ProseOf(part.Code));
            if (paragraphs.Count == 0 && report.IsDraft)
                ComposeParagraph(w, Unfilled, new XSolidBrush(PageStyle.PlaceholderColor));
            foreach (var p in paragraphs) ComposeParagraph(w, p, XBrushes.Black);
        }
    }

    private void ComposeSubHead(PageWriter w, string subHead)
    {
        var size = PageStyle.BodySize;
        // A sub-head keeps its first two lines of text with it.
        w.EnsureSpace(3 * BodyLineHeight);
        var indent = IndentEm * size;
        w.Structure.BeginElement(PdfBlockLevelElementTag.Heading3);
        foreach (var line in LineBreaker.Break(subHead, _type.Faces.Bold, size, PageStyle.ContentWidth - indent, PageStyle.ContentWidth - indent))
        {
            w.DrawLine(line, _type.Font(size, bold: true), PageStyle.Left + indent,
                PageStyle.Baseline(w.Y, BodyLineHeight, size), PageStyle.ContentWidth - indent, TextAlign.Left, justify: false);
            w.Y += BodyLineHeight;
        }
        w.Structure.End();
    }

    private void ComposeParagraph(PageWriter w, string text, XBrush brush)
    {
        var size = PageStyle.BodySize;
        var indent = IndentEm * size;
        var lines = LineBreaker.Break(text, _type.Faces.Regular, size, PageStyle.ContentWidth - indent, PageStyle.ContentWidth);
        var font = _type.Font(size);
        // No single first line at a page foot.
        w.EnsureSpace(Math.Min(lines.Count, 2) * BodyLineHeight);
        w.Structure.BeginElement(PdfBlockLevelElementTag.Paragraph);
        for (var i = 0; i < lines.Count; i++)
        {
            if (w.Remaining < BodyLineHeight)
            {
                // Tags never span pages: the paragraph continues as a second P on the next page.
                w.Structure.End();
                w.NewPage();
                w.Structure.BeginElement(PdfBlockLevelElementTag.Paragraph);
            }
            var x = PageStyle.Left + (i == 0 ? indent : 0);
            var width = PageStyle.ContentWidth - (i == 0 ? indent : 0);
            w.DrawLine(lines[i], font, x, PageStyle.Baseline(w.Y, BodyLineHeight, size), width, TextAlign.Left,
                justify: !lines[i].EndsParagraph, brush);
            w.Y += BodyLineHeight;
        }
        w.Structure.End();
    }

    private void ComposeVerification(PageWriter w, PdfReport report)
    {
        var size = PageStyle.FooterSize;
        var lineHeight = size * 1.6;
        var text = VerificationLine(report);
        var lines = LineBreaker.Break(text, _type.Faces.Regular, size, PageStyle.ContentWidth, PageStyle.ContentWidth);
        w.Y += BodyLineHeight;
        w.EnsureSpace(lines.Count * lineHeight);
        w.Structure.BeginElement(PdfBlockLevelElementTag.Paragraph);
        foreach (var line in lines)
        {
            w.DrawLine(line, _type.Font(size), PageStyle.Left, PageStyle.Baseline(w.Y, lineHeight, size),
                PageStyle.ContentWidth, TextAlign.Right, justify: false);
            w.Y += lineHeight;
        }
        w.Structure.End();
    }

    internal static string VerificationLine(PdfReport report) => report.PublishedAt is { } published && !report.IsDraft
        ? string.Create(CultureInfo.InvariantCulture,
            $"本报告为第 {report.Revision} 版，发布于 {BeijingTime.Date(published)}，校验码 {report.VerificationCode}")
        : string.Create(CultureInfo.InvariantCulture,
            $"本报告为第 {report.Revision} 版草稿，尚未发布，校验码 {report.VerificationCode}");

    internal static List<string> Paragraphs(string prose) =>
        [.. LineBreaker.Clean(prose).Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0)];

    private static void SetMetadata(PdfDocument document, PdfReport report)
    {
        var info = document.Info;
        info.Title = report.Title;
        info.Author = report.BodyName;
        info.Subject = Subject;
        info.Keywords = string.Create(CultureInfo.InvariantCulture, $"政府信息公开, 年度报告, {report.BodyName}, {report.Year}");
        info.Creator = "DisclosurePortal";
        // UTC, so the bytes do not depend on the server's time zone.
        info.CreationDate = report.DocumentTime.UtcDateTime;
        info.ModificationDate = report.DocumentTime.UtcDateTime;
        document.PageMode = PdfPageMode.UseOutlines;
        document.ViewerPreferences.DisplayDocTitle = true;
        document.Internals.FirstDocumentID = DeterministicPdf.IdPlaceholder;
        document.Internals.SecondDocumentID = DeterministicPdf.IdPlaceholder;
    }
}
