using System.Text;
using System.Text.RegularExpressions;

namespace DisclosurePortal.Domain.Exchange;

/// <summary>
/// Comparing the labels printed in a report with the labels of the format. Text converted from PDF mixes
/// full-width and ASCII punctuation, scatters spaces, and sometimes drops or mistypes a character, so labels are
/// compared by a normalized key and, when no key is equal, by a small edit distance that must not be ambiguous.
/// </summary>
internal static partial class LabelText
{
    /// <summary>
    /// NFKC folds full-width letters, digits and punctuation (（）：，１) into ASCII; spaces and quotes carry
    /// no meaning in a label (危及“三安全一稳定” is printed with curly, straight or no quotes).
    /// </summary>
    public static string Key(string text) => Folded(text, c =>
        !char.IsWhiteSpace(c) && c is not ('"' or '\'' or '“' or '”' or '‘' or '’' or '「' or '」'));

    /// <summary>Only letters and digits: headings are printed as 「一、总体情况」, 「一. 总体情况」, 「## 一、总体情况」.</summary>
    public static string HeadingKey(string text) => Folded(text, char.IsLetterOrDigit);

    private static string Folded(string text, Func<char, bool> keep) =>
        string.Concat(text.Normalize(NormalizationForm.FormKC).Where(keep));

    /// <summary>
    /// A key without its leading numbering (「三、」「(三)」「1.」): PDF conversion moves a row's numbering into a
    /// neighbouring cell or drops its parent, so rows are recognized by what they say, not by their number.
    /// </summary>
    public static string Core(string key) => Numbering().Replace(key, "");

    /// <summary>「部分公开(区分处理的,…)」 is often printed without its note in parentheses.</summary>
    public static string? WithoutTrailingNote(string core)
    {
        var m = TrailingNote().Match(core);
        return m.Success && m.Groups[1].Length >= 2 ? m.Groups[1].Value : null;
    }

    /// <summary>
    /// How many edits a label of this length tolerates: none for short labels (「规章」「其他」 are distinct
    /// words), one from five characters (「本年度止件数」 for 本年废止件数), two from ten.
    /// </summary>
    public static int AllowedEdits(int length) => length >= 10 ? 2 : length >= 5 ? 1 : 0;

    /// <summary>Whether <paramref name="text"/> is the <paramref name="label"/> (both already keyed), allowing typos.</summary>
    public static bool IsNear(string text, string label) =>
        text == label || (text.Length > 0 && Distance(text, label, AllowedEdits(label.Length)) <= AllowedEdits(label.Length));

    /// <summary>Levenshtein distance, giving up (returning max + 1) once it must exceed <paramref name="max"/>.</summary>
    public static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > max) return max + 1;
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    [GeneratedRegex(@"^(?:[一二三四五六七八九十]+[、.,]|\([一二三四五六七八九十]+\)|[0-9]{1,2}[.、,)])+")]
    private static partial Regex Numbering();

    [GeneratedRegex(@"^(.+?)\(.*\)$")]
    private static partial Regex TrailingNote();
}

/// <summary>Finds which of a set of labelled items (rows, columns) a printed label names.</summary>
internal sealed class LabelIndex<T> where T : class
{
    private readonly List<(T Item, string[] Keys)> _entries = [];

    public LabelIndex(IEnumerable<(T Item, string Label)> labels)
    {
        foreach (var (item, label) in labels)
        {
            var core = LabelText.Core(LabelText.Key(label));
            var keys = LabelText.WithoutTrailingNote(core) is { } shorter ? new[] { core, shorter } : [core];
            _entries.Add((item, keys));
        }
    }

    /// <summary>
    /// The items the text names: those with an equal key, or else those at the smallest tolerated edit distance.
    /// More than one item means the text is ambiguous; the caller decides or refuses, never guesses.
    /// </summary>
    public IReadOnlyList<T> Find(string text)
    {
        var key = LabelText.Core(LabelText.Key(text));
        if (key.Length == 0) return [];
        var exact = _entries.Where(e => e.Keys.Contains(key, StringComparer.Ordinal)).Select(e => e.Item).Distinct().ToList();
        if (exact.Count > 0) return exact;

        var best = int.MaxValue;
        var nearest = new List<T>();
        foreach (var (item, keys) in _entries)
        {
            var d = keys.Min(k => LabelText.Distance(key, k, LabelText.AllowedEdits(k.Length)) is var dist
                && dist <= LabelText.AllowedEdits(k.Length) ? dist : int.MaxValue);
            if (d == int.MaxValue) continue;
            if (d < best)
            {
                best = d;
                nearest.Clear();
            }
            if (d == best && !nearest.Contains(item)) nearest.Add(item);
        }
        return nearest;
    }
}
