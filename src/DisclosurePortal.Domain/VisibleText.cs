using System.Globalization;
using System.Text;

namespace DisclosurePortal.Domain;

/// <summary>
/// What a reader sees of a text: zero-width and other invisible characters (U+200B, U+FEFF, U+2060, the Hangul
/// fillers U+3164 and U+115F …) show nothing, so a section made of them is blank and a name keeps none of them.
/// </summary>
public static class VisibleText
{
    /// <summary>True when nothing of the text would show: only whitespace, control and invisible characters.</summary>
    public static bool IsBlank(string? text)
    {
        if (text is null) return true;
        foreach (var rune in text.EnumerateRunes())
            if (!Rune.IsWhiteSpace(rune) && !Rune.IsControl(rune) && !IsInvisible(rune)) return false;
        return true;
    }

    /// <summary>The text without its invisible characters (whitespace and line breaks are kept).</summary>
    public static string StripInvisible(string text)
    {
        if (!text.EnumerateRunes().Any(IsInvisible)) return text;
        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
            if (!IsInvisible(rune)) kept.Append(rune.ToString());
        return kept.ToString();
    }

    /// <summary>Line breaks, tabs, NUL: never part of a name or a code (a CR LF in a name splits a header or a CSV row).</summary>
    public static bool HasControl(string? text) => text is not null && text.Any(char.IsControl);

    /// <summary>A name or code as stored: refused with a control character or nothing visible, invisibles stripped.</summary>
    public static string Name(string? text, string label)
    {
        if (IsBlank(text)) throw new DomainException($"{label}不能为空");
        if (HasControl(text)) throw new DomainException($"{label}不能包含换行、制表符等控制字符");
        return StripInvisible(text!).Trim();
    }

    /// <summary>
    /// At most <paramref name="max"/> characters, 「…」 included when cut; never half of a surrogate pair (an
    /// Extension B character), which PostgreSQL could not store.
    /// </summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max) return text;
        var keep = max - 1;
        if (char.IsHighSurrogate(text[keep - 1])) keep--;
        return text[..keep] + "…";
    }

    /// <summary>Format characters (Cf: zero-width spaces and joiners, BOM, bidi marks) and the blank Hangul fillers.</summary>
    public static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format
        || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x034F or 0x180E or 0x2800
        || rune.Value is >= 0xFE00 and <= 0xFE0F;
}
