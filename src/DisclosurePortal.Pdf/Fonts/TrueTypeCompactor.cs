using System.Buffers.Binary;

namespace DisclosurePortal.Pdf.Fonts;

/// <summary>
/// Renumbers the glyphs of a TrueType subset so that it holds only the glyphs it draws.
/// PDFsharp 6.2.4 keeps the original glyph ids when it subsets, so a subset of Noto Serif SC still carries
/// hmtx and loca entries for all ~30,900 glyphs (~250 KB per font before compression, most of the file and of
/// the render time). The PDF keeps addressing glyphs by their original ids (content streams, /W, ToUnicode
/// stay untouched); the CIDFont's /CIDToGIDMap stream maps those ids to the new, dense numbering.
/// </summary>
internal static class TrueTypeCompactor
{
    /// <summary>The tables a CIDFontType2 program needs (PDF 32000-1 §9.9); anything else PDFsharp copied is dropped.</summary>
    private static readonly string[] KeptTables = ["cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"];

    private const int ArgsAreWords = 0x0001;
    private const int WeHaveAScale = 0x0008;
    private const int MoreComponents = 0x0020;
    private const int WeHaveAnXAndYScale = 0x0040;
    private const int WeHaveATwoByTwo = 0x0080;

    public sealed record Result(byte[] Font, byte[] CidToGidMap, int GlyphCount);

    /// <param name="font">A TrueType font program (PDFsharp's subset, original glyph ids).</param>
    /// <param name="usedGlyphs">Glyph ids the content streams draw (the CIDs of the /W array).</param>
    public static Result Compact(ReadOnlySpan<byte> font, IEnumerable<int> usedGlyphs)
    {
        var tables = ReadTables(font);
        foreach (var required in new[] { "glyf", "head", "hhea", "hmtx", "loca", "maxp" })
        {
            if (!tables.ContainsKey(required))
                throw new InvalidDataException($"The embedded font has no '{required}' table.");
        }
        var head = Table(font, tables, "head");
        var hhea = Table(font, tables, "hhea");
        var maxp = Table(font, tables, "maxp");
        var loca = Table(font, tables, "loca");
        var glyf = Table(font, tables, "glyf");
        var hmtx = Table(font, tables, "hmtx");
        int numGlyphs = U16(maxp, 4);
        int numHMetrics = U16(hhea, 34);
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(head[50..]) != 0;

        // Glyph 0 (.notdef) must stay first; composite glyphs pull in their components.
        var keep = new SortedSet<int> { 0 };
        var pending = new Stack<int>();
        foreach (var g in usedGlyphs)
        {
            if (g >= 0 && g < numGlyphs && keep.Add(g)) pending.Push(g);
        }
        while (pending.Count > 0)
        {
            foreach (var component in Components(GlyphData(glyf, loca, longLoca, numGlyphs, pending.Pop())))
            {
                if (component < numGlyphs && keep.Add(component)) pending.Push(component);
            }
        }

        var order = keep.ToArray();
        var newId = new Dictionary<int, int>(order.Length);
        for (var i = 0; i < order.Length; i++) newId[order[i]] = i;

        // glyf + loca (long offsets, so no 128 KB limit), each glyph padded to 4 bytes.
        var glyfSize = 0;
        foreach (var g in order) glyfSize += (GlyphData(glyf, loca, longLoca, numGlyphs, g).Length + 3) & ~3;
        var newGlyf = new byte[glyfSize];
        var newLoca = new byte[(order.Length + 1) * 4];
        var pos = 0;
        for (var i = 0; i < order.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(i * 4), (uint)pos);
            var data = GlyphData(glyf, loca, longLoca, numGlyphs, order[i]);
            data.CopyTo(newGlyf.AsSpan(pos));
            if (data.Length > 0 && BinaryPrimitives.ReadInt16BigEndian(data) < 0)
                RenumberComponents(newGlyf.AsSpan(pos, data.Length), newId);
            pos += (data.Length + 3) & ~3;
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
        BinaryPrimitives.WriteUInt32BigEndian(newHead.AsSpan(8), 0); // checkSumAdjustment, set at the end
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
            if (!output.ContainsKey(name) && tables.ContainsKey(name)) output[name] = Table(font, tables, name).ToArray();
        }

        var map = new byte[(order[^1] + 1) * 2];
        for (var i = 0; i < order.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(map.AsSpan(order[i] * 2), (ushort)i);
        return new Result(WriteFont(output), map, order.Length);
    }

    private static ReadOnlySpan<byte> GlyphData(ReadOnlySpan<byte> glyf, ReadOnlySpan<byte> loca, bool longLoca, int numGlyphs, int g)
    {
        if (g >= numGlyphs) return [];
        var start = GlyphStart(loca, longLoca, g);
        var end = GlyphStart(loca, longLoca, g + 1);
        return end > start && end <= glyf.Length ? glyf[start..end] : [];
    }

    private static int GlyphStart(ReadOnlySpan<byte> loca, bool longLoca, int g) =>
        longLoca ? (int)BinaryPrimitives.ReadUInt32BigEndian(loca[(g * 4)..]) : U16(loca, g * 2) * 2;

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

    private static Dictionary<string, (int Offset, int Length)> ReadTables(ReadOnlySpan<byte> font)
    {
        if (font.Length < 12) throw new InvalidDataException("The embedded font program is truncated.");
        int count = U16(font, 4);
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var rec = font.Slice(12 + (i * 16), 16);
            var name = System.Text.Encoding.ASCII.GetString(rec[..4]);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(rec[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(rec[12..]);
            if (offset < 0 || length < 0 || offset + length > font.Length)
                throw new InvalidDataException($"The embedded font's '{name}' table lies outside the file.");
            tables[name] = (offset, length);
        }
        return tables;
    }

    private static ReadOnlySpan<byte> Table(ReadOnlySpan<byte> font, Dictionary<string, (int Offset, int Length)> tables, string name) =>
        font.Slice(tables[name].Offset, tables[name].Length);

    private static byte[] WriteFont(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var entrySelector = (int)Math.Log2(count);
        var searchRange = (1 << entrySelector) * 16;
        var size = 12 + (16 * count) + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var font = new byte[size];
        var s = font.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(s, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(s[4..], (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(s[6..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(s[8..], (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(s[10..], (ushort)((count * 16) - searchRange));
        var offset = 12 + (16 * count);
        var headOffset = 0;
        var i = 0;
        foreach (var (name, data) in tables)
        {
            var rec = s.Slice(12 + (i++ * 16), 16);
            System.Text.Encoding.ASCII.GetBytes(name, rec);
            BinaryPrimitives.WriteUInt32BigEndian(rec[4..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(rec[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(rec[12..], (uint)data.Length);
            if (name == "head") headOffset = offset;
            data.CopyTo(s[offset..]);
            offset += (data.Length + 3) & ~3;
        }
        BinaryPrimitives.WriteUInt32BigEndian(s[(headOffset + 8)..], unchecked(0xB1B0AFBA - Checksum(font)));
        return font;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var whole = data.Length & ~3;
        for (var i = 0; i < whole; i += 4) sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
        if (whole < data.Length)
        {
            Span<byte> tail = stackalloc byte[4];
            tail.Clear();
            data[whole..].CopyTo(tail);
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(tail));
        }
        return sum;
    }

    private static ushort U16(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt16BigEndian(b[offset..]);
}
