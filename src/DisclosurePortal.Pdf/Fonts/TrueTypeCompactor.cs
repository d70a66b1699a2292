using System.Buffers.Binary;

namespace DisclosurePortal.Pdf.Fonts;

/// <summary>
/// Builds the embedded font program of a document: the glyphs it draws, renumbered densely (.notdef first).
/// PDFsharp 6.2.4 would keep the original glyph ids in its subsets, so each subset of Noto Serif SC carried
/// hmtx and loca entries for all ~30,900 glyphs (~250 KB per font before compression). The PDF keeps
/// addressing glyphs by their original ids (content streams, /W, ToUnicode stay untouched); the CIDFont's
/// /CIDToGIDMap stream maps those ids to the new, dense numbering.
/// </summary>
internal static class TrueTypeCompactor
{
    /// <summary>The tables a CIDFontType2 program needs (PDF 32000-1 §9.9); cmap, GSUB, name … are left out.</summary>
    private static readonly string[] KeptTables = ["cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"];

    private const int ArgsAreWords = 0x0001;
    private const int WeHaveAScale = 0x0008;
    private const int MoreComponents = 0x0020;
    private const int WeHaveAnXAndYScale = 0x0040;
    private const int WeHaveATwoByTwo = 0x0080;

    public sealed record Result(byte[] Font, byte[] CidToGidMap, int GlyphCount);

    /// <param name="font">The original font (outlines read glyph by glyph).</param>
    /// <param name="usedGlyphs">Glyph ids the content streams draw (the CIDs of the /W array).</param>
    public static Result Compact(TrueTypeFile font, IEnumerable<int> usedGlyphs)
    {
        var head = font.Table("head");
        var hhea = font.Table("hhea");
        var maxp = font.Table("maxp");
        var hmtx = font.Table("hmtx");
        var numGlyphs = font.NumGlyphs;
        int numHMetrics = U16(hhea, 34);

        // Glyph 0 (.notdef) must stay first; composite glyphs pull in their components.
        var keep = new SortedSet<int> { 0 };
        var pending = new Stack<int>();
        foreach (var g in usedGlyphs)
        {
            if (g >= 0 && g < numGlyphs && keep.Add(g)) pending.Push(g);
        }
        var scratch = new byte[64];
        while (pending.Count > 0)
        {
            var g = pending.Pop();
            var length = font.GlyphLength(g);
            if (length < 10) continue;
            if (scratch.Length < length) scratch = new byte[length];
            font.CopyGlyph(g, scratch, 0);
            foreach (var component in Components(scratch.AsSpan(0, length)))
            {
                if (component < numGlyphs && keep.Add(component)) pending.Push(component);
            }
        }

        var order = keep.ToArray();
        var newId = new Dictionary<int, int>(order.Length);
        for (var i = 0; i < order.Length; i++) newId[order[i]] = i;

        // glyf + loca (long offsets, so no 128 KB limit), each glyph padded to 4 bytes.
        var glyfSize = 0;
        foreach (var g in order) glyfSize += (font.GlyphLength(g) + 3) & ~3;
        var newGlyf = new byte[glyfSize];
        var newLoca = new byte[(order.Length + 1) * 4];
        var pos = 0;
        for (var i = 0; i < order.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(i * 4), (uint)pos);
            var length = font.GlyphLength(order[i]);
            font.CopyGlyph(order[i], newGlyf, pos);
            if (length >= 10 && BinaryPrimitives.ReadInt16BigEndian(newGlyf.AsSpan(pos)) < 0)
                RenumberComponents(newGlyf.AsSpan(pos, length), newId);
            pos += (length + 3) & ~3;
        }
        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(order.Length * 4), (uint)pos);

        var newHmtx = new byte[order.Length * 4];
        for (var i = 0; i < order.Length; i++)
        {
            var g = order[i];
            var advance = U16(hmtx, Math.Min(g, numHMetrics - 1) * 4);
            var lsb = g < numHMetrics ? U16(hmtx, (g * 4) + 2) : U16(hmtx, (numHMetrics * 4) + ((g - numHMetrics) * 2));
            BinaryPrimitives.WriteUInt16BigEndian(newHmtx.AsSpan(i * 4), advance);
            BinaryPrimitives.WriteUInt16BigEndian(newHmtx.AsSpan((i * 4) + 2), lsb);
        }

        var newHead = head.ToArray();
        BinaryPrimitives.WriteInt16BigEndian(newHead.AsSpan(50), 1);
        var newHhea = hhea.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(newHhea.AsSpan(34), (ushort)order.Length);
        var newMaxp = maxp.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(newMaxp.AsSpan(4), (ushort)order.Length);

        var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["glyf"] = newGlyf,
            ["head"] = newHead,
            ["hhea"] = newHhea,
            ["hmtx"] = newHmtx,
            ["loca"] = newLoca,
            ["maxp"] = newMaxp,
        };
        foreach (var name in KeptTables)
        {
            if (!output.ContainsKey(name) && font.HasTable(name)) output[name] = font.Table(name).ToArray();
        }

        var map = new byte[(order[^1] + 1) * 2];
        for (var i = 0; i < order.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(map.AsSpan(order[i] * 2), (ushort)i);
        return new Result(TrueTypeWriter.Write(output), map, order.Length);
    }

    /// <summary>Glyph ids referenced by a composite glyph (numberOfContours &lt; 0); none for a simple one.</summary>
    private static List<int> Components(ReadOnlySpan<byte> glyph)
    {
        var result = new List<int>();
        if (glyph.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(glyph) >= 0) return result;
        var p = 10;
        int flags;
        do
        {
            flags = U16(glyph, p);
            result.Add(U16(glyph, p + 2));
            p += 4 + ComponentArgsLength(flags);
        }
        while ((flags & MoreComponents) != 0 && p + 4 <= glyph.Length);
        return result;
    }

    private static void RenumberComponents(Span<byte> glyph, Dictionary<int, int> newId)
    {
        var p = 10;
        int flags;
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(glyph[p..]);
            var old = BinaryPrimitives.ReadUInt16BigEndian(glyph[(p + 2)..]);
            BinaryPrimitives.WriteUInt16BigEndian(glyph[(p + 2)..], (ushort)newId[old]);
            p += 4 + ComponentArgsLength(flags);
        }
        while ((flags & MoreComponents) != 0 && p + 4 <= glyph.Length);
    }

    private static int ComponentArgsLength(int flags)
    {
        var length = (flags & ArgsAreWords) != 0 ? 4 : 2;
        if ((flags & WeHaveAScale) != 0) length += 2;
        else if ((flags & WeHaveAnXAndYScale) != 0) length += 4;
        else if ((flags & WeHaveATwoByTwo) != 0) length += 8;
        return length;
    }

    private static ushort U16(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt16BigEndian(b[offset..]);
}
