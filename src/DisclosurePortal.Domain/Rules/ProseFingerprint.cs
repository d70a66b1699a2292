using System.Runtime.CompilerServices;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Rules;

/// <summary>
/// What lets TEXT-COPIED look at every published report of the portal, not a handful: a MinHash signature of each
/// text the rule judges (the whole prose and each long part, as <see cref="TextCopiedRule"/> normalises them), cut
/// into bands. Two texts whose 4-gram Jaccard similarity reaches the rule's threshold (0.85) share a band with
/// probability 1 − (1 − 0.85⁶)²⁰ ≈ 0.9999, texts at 0.3 in about 1 case of 70; an index over the bands finds the
/// few candidates, and the rule compares those exactly.
/// </summary>
public static class ProseFingerprint
{
    private const int Bands = 20;
    private const int Rows = 6;

    /// <summary>The band hashes of the report's prose, its body's own name removed first; sorted, distinct.</summary>
    public static long[] Of(ReportData data, string? bodyName)
    {
        var names = TextCopiedRule.NamesOf([bodyName]);
        var parts = data.Format.ProseParts.Select(p => TextCopiedRule.Normalize(data.ProseOf(p.Code), names)).ToArray();
        var signatures = parts.Select(p => MinHash(TextCopiedRule.Shingles(p))).ToArray();
        var bands = new SortedSet<long>();
        // The whole prose normalised is its parts normalised one after another, so its 4-grams are theirs and those
        // across the joins: its signature is their minimum with those, and no 4-gram is hashed twice.
        var whole = string.Concat(parts);
        if (whole.Length >= TextCopiedRule.MinLength)
        {
            var signature = new ulong[Bands * Rows];
            Array.Fill(signature, ulong.MaxValue);
            foreach (var part in signatures)
                for (var i = 0; i < signature.Length; i++) signature[i] = Math.Min(signature[i], part[i]);
            // Three characters either side of a join hold exactly the 4-grams across it.
            var end = 0;
            foreach (var part in parts)
            {
                end += part.Length;
                Add(signature, TextCopiedRule.Shingles(whole[Math.Max(0, end - 3)..Math.Min(whole.Length, end + 3)]));
            }
            AddBands(bands, signature);
        }
        for (var p = 0; p < parts.Length; p++)
            if (parts[p].Length >= TextCopiedRule.MinPartLength) AddBands(bands, signatures[p]);
        return [.. bands];
    }

    private static void AddBands(SortedSet<long> bands, ulong[] signature)
    {
        for (var b = 0; b < Bands; b++)
        {
            var h = Mix((ulong)b + 1);
            for (var r = 0; r < Rows; r++) h = Mix(h ^ signature[b * Rows + r]);
            bands.Add(unchecked((long)h));
        }
    }

    private static ulong[] MinHash(HashSet<ulong> grams)
    {
        var signature = new ulong[Bands * Rows];
        Array.Fill(signature, ulong.MaxValue);
        Add(signature, grams);
        return signature;
    }

    private static void Add(ulong[] signature, HashSet<ulong> grams)
    {
        foreach (var gram in grams)
        {
            var g = Mix(gram);
            for (var i = 0; i < signature.Length; i++)
            {
                var h = Mix(g ^ Seeds[i]);
                if (h < signature[i]) signature[i] = h;
            }
        }
    }

    private static readonly ulong[] Seeds = [.. Enumerable.Range(1, Bands * Rows).Select(i => Mix((ulong)i * 0x9E3779B97F4A7C15))];

    /// <summary>SplitMix64's finaliser: a fixed, well-mixed 64-bit hash, the same on every machine and run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
