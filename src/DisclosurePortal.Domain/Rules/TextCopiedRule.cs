using System.Globalization;
using System.Text;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Rules;

/// <summary>
/// TEXT-COPIED: the format warns that copied (雷同) reports lead to accountability. The prose is compared with
/// other bodies' reports and the body's own previous year, on character 4-grams after removing whitespace,
/// punctuation, digits and each report's own body name, so a copy with the name and the figures changed is still
/// found. The whole prose (at least <see cref="MinLength"/> characters) is compared by Jaccard similarity; when no
/// whole copy is found, each part of at least <see cref="MinPartLength"/> characters is compared by containment
/// (share of its 4-grams found in the other report), which finds a single copied section. Both thresholds are
/// <see cref="Threshold"/>.
/// </summary>
internal static class TextCopiedRule
{
    public const double Threshold = 0.85;
    /// <summary>Shorter texts are mostly set phrases (e.g. 「本年度未收取信息处理费」) that every report shares.</summary>
    public const int MinLength = 80;
    /// <summary>
    /// A part is judged alone only when it is a real paragraph: short parts of townships with nothing to report
    /// (「本年度未收到政府信息公开申请……」) are the same everywhere, and flagging them would bury real copies.
    /// </summary>
    public const int MinPartLength = 150;

    private static readonly string[] NameSuffixes = ["街道办事处", "人民政府", "办事处"];

    public static void Check(RuleContext c)
    {
        if (c.Input.OtherProse is not { Count: > 0 } others) return;

        // Each text loses its own body's names, as its fingerprint did: a copy with the name swapped matches, and how
        // a text is judged does not depend on which other reports happen to be compared with it.
        var names = NamesOf([c.Input.BodyName]);
        var parts = c.Format.ProseParts;
        var whole = Normalize(c.Current.AllProse, names);
        var wholeGrams = Shingles(whole);
        var partGrams = new HashSet<ulong>[parts.Count];
        for (var p = 0; p < parts.Count; p++)
        {
            var text = Normalize(c.Current.ProseOf(parts[p].Code), names);
            partGrams[p] = text.Length >= MinPartLength ? Shingles(text) : [];
        }

        (ComparableProse Other, double Similarity)? bestWhole = null;
        var bestPart = new (ComparableProse Other, double Similarity)?[parts.Count];
        foreach (var other in others)
        {
            var otherGrams = Shingles(Normalize(other.Text, NamesOf([other.BodyName])));
            if (whole.Length >= MinLength)
            {
                var j = Jaccard(wholeGrams, otherGrams);
                if (j >= Threshold && (bestWhole is null || j > bestWhole.Value.Similarity)) bestWhole = (other, j);
            }
            for (var p = 0; p < parts.Count; p++)
            {
                if (partGrams[p].Count == 0) continue;
                var k = Containment(partGrams[p], otherGrams);
                if (k >= Threshold && (bestPart[p] is null || k > bestPart[p]!.Value.Similarity)) bestPart[p] = (other, k);
            }
        }

        if (bestWhole is { } w)
        {
            c.Add(RuleCodes.TextCopied, RuleLocation.OfProse(parts[0].Code),
                $"报告正文与{Describe(w.Other)}的相似度为 {Percent(w.Similarity)}，疑似雷同，请据实撰写本单位本年度情况");
            return;
        }
        for (var p = 0; p < parts.Count; p++)
        {
            if (bestPart[p] is not { } m) continue;
            c.Add(RuleCodes.TextCopied, RuleLocation.OfProse(parts[p].Code),
                $"{c.Format.NameOf(parts[p])}与{Describe(m.Other)}的相似度为 {Percent(m.Similarity)}，疑似雷同");
        }
    }

    private static string Describe(ComparableProse o) =>
        $"{o.BodyName} {o.Year.ToString(CultureInfo.InvariantCulture)} 年报告";

    private static string Percent(double x) =>
        ((int)Math.Round(x * 100, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture) + "%";

    /// <summary>The bodies' names and their short forms (「某镇人民政府」 and 「某镇」), longest first so both go.</summary>
    internal static List<string> NamesOf(IEnumerable<string?> bodyNames)
    {
        var names = new List<string>();
        foreach (var raw in bodyNames)
        {
            if (string.IsNullOrWhiteSpace(raw)) continue;
            var name = raw.Trim();
            names.Add(name);
            foreach (var suffix in NameSuffixes)
                if (name.Length > suffix.Length + 1 && name.EndsWith(suffix, StringComparison.Ordinal))
                    names.Add(name[..^suffix.Length]);
        }
        names.Sort((a, b) => b.Length.CompareTo(a.Length));
        return names;
    }

    /// <summary>Letters only (CJK and Latin), names removed: what remains is the wording.</summary>
    internal static string Normalize(string text, List<string> names)
    {
        foreach (var n in names) text = text.Replace(n, "", StringComparison.Ordinal);
        var letters = new StringBuilder(text.Length);
        foreach (var ch in text)
            if (char.IsLetter(ch)) letters.Append(ch);
        return letters.ToString().ToLowerInvariant();
    }

    /// <summary>Distinct 4-grams, each packed exactly into 64 bits (no hash collisions).</summary>
    internal static HashSet<ulong> Shingles(string s)
    {
        var grams = new HashSet<ulong>(Math.Max(0, s.Length - 3));
        for (var i = 0; i + 3 < s.Length; i++)
            grams.Add(((ulong)s[i] << 48) | ((ulong)s[i + 1] << 32) | ((ulong)s[i + 2] << 16) | s[i + 3]);
        return grams;
    }

    private static int Intersection(HashSet<ulong> a, HashSet<ulong> b)
    {
        if (a.Count > b.Count) (a, b) = (b, a);
        var n = 0;
        foreach (var gram in a)
            if (b.Contains(gram)) n++;
        return n;
    }

    internal static double Jaccard(HashSet<ulong> a, HashSet<ulong> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        var common = Intersection(a, b);
        return (double)common / (a.Count + b.Count - common);
    }

    internal static double Containment(HashSet<ulong> part, HashSet<ulong> other) =>
        part.Count == 0 ? 0 : (double)Intersection(part, other) / part.Count;
}
