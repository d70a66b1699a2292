namespace DisclosurePortal.Pdf.Layout;

/// <summary>One laid-out line: its characters (as text elements), their widths in points, and its natural width.</summary>
internal sealed record TextLine(string[] Glyphs, double[] Widths, double Width, bool EndsParagraph)
{
    public string Text => string.Concat(Glyphs);
}
