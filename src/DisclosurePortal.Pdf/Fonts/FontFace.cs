using System.Buffers.Binary;

namespace DisclosurePortal.Pdf.Fonts;

/// <summary>
/// The two facts the layout needs from a TrueType file: whether a character has a glyph (PDFsharp has no glyph
/// fallback and would draw nothing), and how wide it is (for line breaking, read from cmap and hmtx).
/// </summary>
internal sealed class FontFace
{
    private readonly ushort[] _bmpGlyphs = new ushort[0x10000];
    private readonly List<(int Start, int End, int Glyph)> _supplementary = [];
    private readonly ushort[] _advances;
    private readonly double _unitsPerEm;

    public FontFace(string name, byte[] ttf)
    {
        Name = name;
        // A .ttc collection starts with 'ttcf'; PDFsharp cannot embed from one either (docs/adr/0002).
        if (BinaryPrimitives.ReadUInt32BigEndian(ttf) == 0x74746366)
            throw new NotSupportedException("TrueType collections (.ttc) are not supported.");
        _ = Table(ttf, "glyf"); // outlines PDFsharp can subset; a CFF (OpenType/PostScript) font has none
        _unitsPerEm = U16(Table(ttf, "head"), 18);
        int numGlyphs = U16(Table(ttf, "maxp"), 4);
        int numHMetrics = U16(Table(ttf, "hhea"), 34);
        _advances = new ushort[numGlyphs];
        var hmtx = Table(ttf, "hmtx");
        ushort last = 0;
        for (var g = 0; g < numGlyphs; g++)
        {
            if (g < numHMetrics) last = U16(hmtx, g * 4);
            _advances[g] = last;
        }
        ReadCmap(Table(ttf, "cmap"));
    }

    public string Name { get; }

    public bool HasGlyph(int codePoint) => GlyphOf(codePoint) != 0;

    /// <summary>Advance width in em (multiply by the font size for points).</summary>
    public double Advance(int codePoint)
    {
        var g = GlyphOf(codePoint);
        return g < _advances.Length ? _advances[g] / _unitsPerEm : 0;
    }

    private int GlyphOf(int cp)
    {
        if (cp < 0x10000) return _bmpGlyphs[cp];
        int lo = 0, hi = _supplementary.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var (s, e, g) = _supplementary[mid];
            if (cp < s) hi = mid - 1;
            else if (cp > e) lo = mid + 1;
            else return g + (cp - s);
        }
        return 0;
    }

    private void ReadCmap(ReadOnlySpan<byte> cmap)
    {
        int count = U16(cmap, 2);
        int format4 = -1, format12 = -1;
        for (var i = 0; i < count; i++)
        {
            var rec = 4 + (i * 8);
            int platform = U16(cmap, rec), encoding = U16(cmap, rec + 2);
            var sub = (int)BinaryPrimitives.ReadUInt32BigEndian(cmap[(rec + 4)..]);
            int format = U16(cmap, sub);
            var unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
            if (!unicode) continue;
            if (format == 12) format12 = sub;
            else if (format == 4) format4 = sub;
        }
        if (format12 >= 0) ReadFormat12(cmap, format12);
        else if (format4 >= 0) ReadFormat4(cmap, format4);
        else throw new NotSupportedException($"Font {Name} has no Unicode cmap.");
    }

    private void ReadFormat12(ReadOnlySpan<byte> ttf, int sub)
    {
        var groups = (int)BinaryPrimitives.ReadUInt32BigEndian(ttf[(sub + 12)..]);
        for (var i = 0; i < groups; i++)
        {
            var g = sub + 16 + (i * 12);
            var start = (int)BinaryPrimitives.ReadUInt32BigEndian(ttf[g..]);
            var end = (int)BinaryPrimitives.ReadUInt32BigEndian(ttf[(g + 4)..]);
            var glyph = (int)BinaryPrimitives.ReadUInt32BigEndian(ttf[(g + 8)..]);
            for (var cp = start; cp <= Math.Min(end, 0xFFFF); cp++) _bmpGlyphs[cp] = (ushort)(glyph + (cp - start));
            if (end >= 0x10000)
            {
                var s = Math.Max(start, 0x10000);
                _supplementary.Add((s, end, glyph + (s - start)));
            }
        }
    }

    private void ReadFormat4(ReadOnlySpan<byte> ttf, int sub)
    {
        var segCount = U16(ttf, sub + 6) / 2;
        var ends = sub + 14;
        var starts = ends + (segCount * 2) + 2;
        var deltas = starts + (segCount * 2);
        var rangeOffsets = deltas + (segCount * 2);
        for (var s = 0; s < segCount; s++)
        {
            int end = U16(ttf, ends + (s * 2)), start = U16(ttf, starts + (s * 2));
            var delta = (short)U16(ttf, deltas + (s * 2));
            var ro = rangeOffsets + (s * 2);
            int rangeOffset = U16(ttf, ro);
            for (var cp = start; cp <= end && cp < 0xFFFF; cp++)
            {
                int glyph;
                if (rangeOffset == 0) glyph = (cp + delta) & 0xFFFF;
                else
                {
                    glyph = U16(ttf, ro + rangeOffset + ((cp - start) * 2));
                    if (glyph != 0) glyph = (glyph + delta) & 0xFFFF;
                }
                _bmpGlyphs[cp] = (ushort)glyph;
            }
        }
    }

    /// <summary>A table of the font; every table read here is required.</summary>
    private static ReadOnlySpan<byte> Table(byte[] ttf, string tag)
    {
        int count = U16(ttf, 4);
        for (var i = 0; i < count; i++)
        {
            var rec = ttf.AsSpan(12 + (i * 16), 16);
            if (System.Text.Encoding.ASCII.GetString(rec[..4]) != tag) continue;
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(rec[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(rec[12..]);
            return offset + length <= ttf.Length
                ? ttf.AsSpan(offset, length)
                : throw new InvalidDataException($"The font's '{tag}' table lies outside the file.");
        }
        throw new InvalidDataException($"The font has no '{tag}' table (a TrueType-outline font is required).");
    }

    private static ushort U16(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt16BigEndian(b[offset..]);
}
