using PdfSharp.Drawing;

namespace DisclosurePortal.Pdf.Layout;

/// <summary>
/// Page geometry and type sizes (docs/adr/0003-pdf-layout.md). Margins follow GB/T 9704-2012 for official
/// documents; sizes follow the published reports (小二 title, 四号 headings, 小四 text, 小五 tables).
/// </summary>
internal static class PageStyle
{
    private const double Mm = 72 / 25.4;

    public const double PageWidth = 595.28;   // A4
    public const double PageHeight = 841.89;
    public const double Top = 37 * Mm;
    public const double Bottom = PageHeight - (35 * Mm);
    public const double Left = 28 * Mm;
    public const double Right = PageWidth - (26 * Mm);
    public const double ContentWidth = Right - Left;
    public const double ContentHeight = Bottom - Top;
    /// <summary>GB/T 9704: the page number sits 7 mm below the text area.</summary>
    public const double PageNumberBaseline = Bottom + (7 * Mm) + 10;

    public const double TitleSize = 18;
    public const double HeadingSize = 14;
    public const double BodySize = 12;
    public const double TableSize = 9;
    public const double MinFigureSize = 4.5;
    public const double FooterSize = 10.5;
    public const double PageNumberSize = 12;
    public const double WatermarkSize = 56;

    public const double BodyLeading = 1.7;
    public const double TableLeading = 1.3;
    public const double CellPadX = 2.5;
    /// <summary>Figures get less side padding: nine digits must fit a 表四 column (1/15 of the text width).</summary>
    public const double FigurePadX = 1.5;
    public const double CellPadY = 2;
    public const double MinRowHeight = 15.5;
    /// <summary>Roughly the ascent of Noto Serif SC in em, to place a baseline inside a line box.</summary>
    public const double Ascent = 0.88;

    public static readonly XColor WatermarkColor = XColor.FromArgb(0xDC, 0xDC, 0xDC);
    public static readonly XColor PlaceholderColor = XColor.FromArgb(0x80, 0x80, 0x80);

    /// <summary>The baseline of text of this size centred in a line box starting at <paramref name="top"/>.</summary>
    public static double Baseline(double top, double lineHeight, double size) => top + ((lineHeight - size) / 2) + (size * Ascent);
}
