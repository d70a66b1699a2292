namespace DisclosurePortal.Pdf.Layout;

/// <summary>One laid-out line: its text, how many characters (runes) it has, its natural width in points.</summary>
internal sealed record TextLine(string Text, int Length, double Width, bool EndsParagraph);
