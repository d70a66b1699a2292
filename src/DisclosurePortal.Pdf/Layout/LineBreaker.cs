using System.Text;
using DisclosurePortal.Pdf.Fonts;

namespace DisclosurePortal.Pdf.Layout;

/// <summary>
/// Chinese line breaking. Text has no spaces, so a line may break between any two characters except where
/// kinsoku (禁则) forbids it: closing punctuation never starts a line, opening brackets never end one, and a
/// run of Latin letters or digits (2024, 109) stays whole. When the natural break would start a line with
/// forbidden punctuation, the preceding character is pushed to the next line (推出) and the short line is
/// justified, which is how Chinese official documents are set.
/// </summary>
internal static class LineBreaker
{
    // GB/T 15834 closing marks and the like: a line must not start with one.
    private const string NoLineStart = "，。、；：？！）」』】〕》〉”’…—·%,.;:?!)]}";
    // Opening marks: a line must not end with one.
    private const string NoLineEnd = "（「『【〔《〈“‘([{";

    public static List<TextLine> Break(string text, FontFace face, double size, double firstWidth, double width)
    {
        var units = Units(text);
        var widths = new double[units.Count];
        for (var i = 0; i < units.Count; i++) widths[i] = Width(units[i], face, size);

        var lines = new List<TextLine>();
        var start = 0;
        while (start < units.Count)
        {
            var avail = lines.Count == 0 ? firstWidth : width;
            var x = 0.0;
            var end = start;
            while (end < units.Count && (end == start || x + widths[end] <= avail + 0.01))
            {
                x += widths[end];
                end++;
            }
            if (end < units.Count)
            {
                var b = end;
                while (b > start + 1 && !CanBreakBefore(units, b)) b--;
                // Nothing allowed on this line (e.g. one very long number): break where it overflows.
                if (b > start + 1 || CanBreakBefore(units, b)) end = b;
            }
            lines.Add(MakeLine(units, widths, start, end, end >= units.Count));
            start = end;
            // A line never starts with a space left over from the break.
            while (start < units.Count && units[start] == " ") start++;
        }
        return lines;
    }

    /// <summary>Width of a single-line string in points.</summary>
    public static double Measure(string text, FontFace face, double size)
    {
        var w = 0.0;
        foreach (var rune in text.EnumerateRunes()) w += face.Advance(rune.Value) * size;
        return w;
    }

    private static TextLine MakeLine(List<string> units, double[] widths, int start, int end, bool last)
    {
        var glyphs = units.GetRange(start, end - start);
        // Trailing spaces take no room at the right margin.
        while (glyphs.Count > 0 && glyphs[^1] == " ") { glyphs.RemoveAt(glyphs.Count - 1); end--; }
        var w = widths.AsSpan(start, end - start).ToArray();
        return new TextLine([.. glyphs], w, w.Sum(), last);
    }

    private static bool CanBreakBefore(List<string> units, int i)
    {
        if (i <= 0 || i >= units.Count) return true;
        var prev = units[i - 1];
        var next = units[i];
        if (next == " " || prev == " ") return true;
        if (NoLineStart.Contains(next, StringComparison.Ordinal)) return false;
        if (NoLineEnd.Contains(prev, StringComparison.Ordinal)) return false;
        return !(IsWordChar(prev) && IsWordChar(next));
    }

    private static bool IsWordChar(string unit) => unit.Length == 1 && char.IsAsciiLetterOrDigit(unit[0]);

    private static double Width(string unit, FontFace face, double size)
    {
        var w = 0.0;
        foreach (var rune in unit.EnumerateRunes()) w += face.Advance(rune.Value);
        return w * size;
    }

    // Runes, so that a character outside the BMP is never split between lines.
    private static List<string> Units(string text)
    {
        var list = new List<string>(text.Length);
        foreach (var rune in text.EnumerateRunes()) list.Add(rune.IsBmp ? ((char)rune.Value).ToString() : rune.ToString());
        return list;
    }

    public static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                sb.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
            }
            else if (c == '\t') sb.Append(' ');
            else if (c == '\n' || !char.IsControl(c)) sb.Append(c);
        }
        return sb.ToString();
    }
}
