using System.Buffers;
using System.Text;
using DisclosurePortal.Domain;
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
        // Units are runes, so that a character outside the BMP is never split between lines; unit i is
        // text[starts[i]..starts[i + 1]). Arrays rather than a string per character: a report breaks ~5,000
        // characters into lines on every render.
        var n = 0;
        foreach (var _ in text.EnumerateRunes()) n++;
        var starts = ArrayPool<int>.Shared.Rent(n + 1);
        var widths = ArrayPool<double>.Shared.Rent(n);
        try
        {
            var u = 0;
            var at = 0;
            foreach (var rune in text.EnumerateRunes())
            {
                starts[u] = at;
                widths[u++] = face.Advance(rune.Value) * size;
                at += rune.Utf16SequenceLength;
            }
            starts[n] = at;
            var units = new Units(text, starts, n);

            var lines = new List<TextLine>();
            var start = 0;
            while (start < n)
            {
                var avail = lines.Count == 0 ? firstWidth : width;
                var x = 0.0;
                var end = start;
                while (end < n && (end == start || x + widths[end] <= avail + 0.01))
                {
                    x += widths[end];
                    end++;
                }
                if (end < n)
                {
                    var b = end;
                    while (b > start + 1 && !CanBreakBefore(units, b)) b--;
                    // Nothing allowed on this line (e.g. one very long number): break where it overflows.
                    if (b > start + 1 || CanBreakBefore(units, b)) end = b;
                }
                lines.Add(MakeLine(units, widths, start, end, end >= n));
                start = end;
                // A line never starts with a space left over from the break.
                while (start < n && units.Is(start, ' ')) start++;
            }
            return lines;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(starts);
            ArrayPool<double>.Shared.Return(widths);
        }
    }

    /// <summary>Width of a single-line string in points.</summary>
    public static double Measure(string text, FontFace face, double size)
    {
        var w = 0.0;
        foreach (var rune in text.EnumerateRunes()) w += face.Advance(rune.Value) * size;
        return w;
    }

    private readonly ref struct Units(string text, int[] starts, int count)
    {
        public int Count { get; } = count;

        /// <summary>The unit as a single UTF-16 character, or '\0' for a surrogate pair (never punctuation nor ASCII).</summary>
        public char Char(int i) => starts[i + 1] - starts[i] == 1 ? text[starts[i]] : '\0';

        public bool Is(int i, char c) => Char(i) == c;

        public string Slice(int from, int to) => text.Substring(starts[from], starts[to] - starts[from]);
    }

    private static TextLine MakeLine(Units units, double[] widths, int start, int end, bool last)
    {
        // Trailing spaces take no room at the right margin.
        while (end > start && units.Is(end - 1, ' ')) end--;
        var w = 0.0;
        for (var i = start; i < end; i++) w += widths[i];
        return new TextLine(units.Slice(start, end), end - start, w, last);
    }

    private static bool CanBreakBefore(Units units, int i)
    {
        if (i <= 0 || i >= units.Count) return true;
        var prev = units.Char(i - 1);
        var next = units.Char(i);
        if (next == ' ' || prev == ' ') return true;
        if (next != '\0' && NoLineStart.Contains(next, StringComparison.Ordinal)) return false;
        if (prev != '\0' && NoLineEnd.Contains(prev, StringComparison.Ordinal)) return false;
        return !(char.IsAsciiLetterOrDigit(prev) && char.IsAsciiLetterOrDigit(next));
    }

    /// <summary>
    /// Prose as typed or pasted, made drawable: CR LF, CR and the Unicode line and paragraph separators end a
    /// paragraph; a tab is a space; control characters, what a browser shows as nothing (VisibleText.IsInvisible:
    /// zero-width marks, the soft hyphen, bidi marks, fillers, which a paste from a word processor or web page brings
    /// along) and unpaired surrogate halves (no character at all) are removed, so they can neither print as boxes or
    /// stray hyphens nor stop publication with an error naming a character nobody can see.
    /// </summary>
    public static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                rest = rest[used..];
                continue;
            }
            rest = rest[used..];
            switch (rune.Value)
            {
                case '\r':
                    sb.Append('\n');
                    if (!rest.IsEmpty && rest[0] == '\n') rest = rest[1..];
                    break;
                case '\n' or 0x2028 or 0x2029:
                    sb.Append('\n');
                    break;
                case '\t':
                    sb.Append(' ');
                    break;
                default:
                    if (!Rune.IsControl(rune) && !VisibleText.IsInvisible(rune)) sb.Append(rune);
                    break;
            }
        }
        return sb.ToString();
    }
}
