using System.Collections.Concurrent;
using System.Globalization;
using DisclosurePortal.Pdf.Fonts;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace DisclosurePortal.Pdf.Layout;

internal enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>The fonts of one renderer: PDFsharp faces for drawing, parsed faces for measuring.</summary>
internal sealed class TypeSet
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private readonly ConcurrentDictionary<(bool Bold, double Size), XFont> _fonts = new();

    public TypeSet(ReportFonts fonts) => Faces = fonts;

    public ReportFonts Faces { get; }

    public XFont Font(double size, bool bold = false) =>
        _fonts.GetOrAdd((bold, Math.Round(size, 2)), k =>
            new XFont(ReportFonts.Family, k.Size, k.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode));
}

/// <summary>
/// The flow of pages: where the next thing goes, when a page is full, and what every page carries (the page
/// number and, for drafts, the watermark). Page furniture is tagged as artifacts so screen readers skip it.
/// </summary>
internal sealed class PageWriter : IDisposable
{
    private readonly PdfDocument _document;
    private readonly TypeSet _type;
    private readonly bool _draft;
    private XGraphics? _gfx;

    public PageWriter(PdfDocument document, StructureBuilder structure, TypeSet type, bool draft)
    {
        _document = document;
        Structure = structure;
        _type = type;
        _draft = draft;
        NewPage();
    }

    public StructureBuilder Structure { get; }
    public XGraphics Gfx => _gfx!;
    public PdfPage Page { get; private set; } = null!;
    public int PageNumber { get; private set; }
    /// <summary>Top of the free space on the current page, in points from the top edge.</summary>
    public double Y { get; set; }
    public double Remaining => PageStyle.Bottom - Y;
    public bool AtPageTop => Y <= PageStyle.Top + 0.01;

    public void NewPage()
    {
        _gfx?.Dispose();
        Page = _document.AddPage();
        Page.Size = PageSize.A4;
        _gfx = XGraphics.FromPdfPage(Page);
        PageNumber++;
        Y = PageStyle.Top;
        Structure.BeginArtifact();
        if (_draft) DrawWatermark();
        var number = string.Create(CultureInfo.InvariantCulture, $"— {PageNumber} —");
        var font = _type.Font(PageStyle.PageNumberSize);
        var w = LineBreaker.Measure(number, _type.Faces.Regular, PageStyle.PageNumberSize);
        Gfx.DrawString(number, font, XBrushes.Black, (PageStyle.PageWidth - w) / 2, PageStyle.PageNumberBaseline);
        Structure.End();
    }

    /// <summary>Starts a new page unless <paramref name="height"/> still fits on this one.</summary>
    public void EnsureSpace(double height)
    {
        if (height > Remaining && !AtPageTop) NewPage();
    }

    /// <summary>Draws one line of text; justified lines spread the spare width over the gaps between characters.</summary>
    public void DrawLine(TextLine line, XFont font, double x, double baseline, double boxWidth, TextAlign align,
        bool justify, XBrush? brush = null)
    {
        brush ??= XBrushes.Black;
        var spare = boxWidth - line.Width;
        var gaps = line.Length - 1;
        // A line that ends early because of one long unbreakable run is left ragged rather than torn apart.
        if (justify && gaps > 0 && spare > 0.01 && spare / gaps < font.Size * 0.5)
        {
            // Character spacing (Tc) keeps the line one string, so it reads back as one run of text. Tc is
            // text state, outside any marked content, and reset right after so nothing else drawn is spaced.
            var content = Gfx.Internals.ContentStringBuilder
                ?? throw new InvalidOperationException("PDFsharp gave no content stream to write character spacing to.");
            content.Append(CultureInfo.InvariantCulture, $"{spare / gaps:0.####} Tc\n");
            Gfx.DrawString(line.Text, font, brush, x, baseline);
            content.Append("0 Tc\n");
            return;
        }
        var left = align switch
        {
            TextAlign.Center => x + (spare / 2),
            TextAlign.Right => x + spare,
            _ => x,
        };
        Gfx.DrawString(line.Text, font, brush, left, baseline);
    }

    private void DrawWatermark()
    {
        const string text = "草稿 · 未发布";
        var font = _type.Font(PageStyle.WatermarkSize, bold: true);
        var w = LineBreaker.Measure(text, _type.Faces.Bold, PageStyle.WatermarkSize);
        var state = Gfx.Save();
        Gfx.RotateAtTransform(-40, new XPoint(PageStyle.PageWidth / 2, PageStyle.PageHeight / 2));
        Gfx.DrawString(text, font, new XSolidBrush(PageStyle.WatermarkColor),
            (PageStyle.PageWidth - w) / 2, (PageStyle.PageHeight / 2) + (PageStyle.WatermarkSize * 0.35));
        Gfx.Restore(state);
    }

    public void Dispose() => _gfx?.Dispose();
}
