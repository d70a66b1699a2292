using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;

namespace DisclosurePortal.Pdf.Fonts;

/// <summary>
/// A TrueType font file as the renderer uses it: the few small tables it needs in memory, the outlines (glyf,
/// ~14 MB of each ~15 MB Noto Serif SC file) left in the file and read glyph by glyph through a memory map.
/// A report draws about a thousand glyphs, so reading both files whole (30 MB, most of the first render's font
/// loading and of the process's working set) was wasted.
/// </summary>
internal sealed class TrueTypeFile : IDisposable
{
    /// <summary>Everything the metrics, the compactor and PDFsharp's metrics-only view need; GSUB, GPOS, vmtx … are not read.</summary>
    private static readonly HashSet<string> Loaded = new(StringComparer.Ordinal)
    {
        "cmap", "cvt ", "fpgm", "head", "hhea", "hmtx", "loca", "maxp", "name", "OS/2", "post", "prep",
    };

    private readonly Dictionary<string, byte[]> _tables = new(StringComparer.Ordinal);
    private readonly int[] _glyphOffsets;
    private readonly long _glyfOffset;
    private readonly byte[]? _bytes;
    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _glyf;

    private TrueTypeFile(byte[]? bytes, MemoryMappedFile? map, Func<long, int, byte[]> read, long fileLength)
    {
        _bytes = bytes;
        _map = map;
        var header = read(0, 12);
        // A .ttc collection starts with 'ttcf'; PDFsharp cannot embed from one either (docs/adr/0002).
        if (BinaryPrimitives.ReadUInt32BigEndian(header) == 0x74746366)
            throw new NotSupportedException("TrueType collections (.ttc) are not supported.");
        int count = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4));
        var directory = read(12, count * 16);
        var glyfLength = 0L;
        for (var i = 0; i < count; i++)
        {
            var rec = directory.AsSpan(i * 16, 16);
            var tag = System.Text.Encoding.ASCII.GetString(rec[..4]);
            var offset = (long)BinaryPrimitives.ReadUInt32BigEndian(rec[8..]);
            var length = (long)BinaryPrimitives.ReadUInt32BigEndian(rec[12..]);
            if (offset + length > fileLength)
                throw new InvalidDataException($"The font's '{tag}' table lies outside the file.");
            if (tag == "glyf")
            {
                _glyfOffset = offset;
                glyfLength = length;
            }
            else if (Loaded.Contains(tag)) _tables[tag] = read(offset, (int)length);
        }
        if (glyfLength == 0)
            throw new InvalidDataException("The font has no 'glyf' table (a TrueType-outline font is required).");
        foreach (var required in new[] { "cmap", "head", "hhea", "hmtx", "loca", "maxp" })
        {
            if (!_tables.ContainsKey(required))
                throw new InvalidDataException($"The font has no '{required}' table (a TrueType-outline font is required).");
        }

        NumGlyphs = BinaryPrimitives.ReadUInt16BigEndian(Table("maxp")[4..]);
        var loca = Table("loca");
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(Table("head")[50..]) != 0;
        _glyphOffsets = new int[NumGlyphs + 1];
        for (var g = 0; g <= NumGlyphs; g++)
        {
            var at = (int)(longLoca ? BinaryPrimitives.ReadUInt32BigEndian(loca[(g * 4)..]) : BinaryPrimitives.ReadUInt16BigEndian(loca[(g * 2)..]) * 2u);
            _glyphOffsets[g] = (int)Math.Min(at, glyfLength);
        }
        if (map is not null) _glyf = map.CreateViewAccessor(_glyfOffset, glyfLength, MemoryMappedFileAccess.Read);
    }

    public int NumGlyphs { get; }

    /// <summary>Opens a font file; the outlines stay mapped for the life of the object (in practice, of the process).</summary>
    public static TrueTypeFile Open(string path)
    {
        var length = new FileInfo(path).Length;
        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            using var all = map.CreateViewStream(0, 0, MemoryMappedFileAccess.Read);
            byte[] Read(long offset, int count)
            {
                var b = new byte[count];
                all.Position = offset;
                all.ReadExactly(b);
                return b;
            }
            return new TrueTypeFile(null, map, Read, length);
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    /// <summary>A font held in memory (tests, or a font not on disk).</summary>
    public static TrueTypeFile FromBytes(byte[] ttf) =>
        new(ttf, null, (offset, count) => ttf.AsSpan((int)offset, count).ToArray(), ttf.Length);

    public bool HasTable(string tag) => _tables.ContainsKey(tag);

    /// <summary>A table other than glyf (which is only read glyph by glyph).</summary>
    public ReadOnlySpan<byte> Table(string tag) =>
        _tables.TryGetValue(tag, out var t) ? t : throw new KeyNotFoundException($"The font has no '{tag}' table loaded.");

    /// <summary>Size in bytes of a glyph's outline (0 for an empty glyph such as the space).</summary>
    public int GlyphLength(int glyph) =>
        glyph < 0 || glyph >= NumGlyphs ? 0 : Math.Max(0, _glyphOffsets[glyph + 1] - _glyphOffsets[glyph]);

    /// <summary>Copies a glyph's outline into <paramref name="destination"/> at <paramref name="index"/>.</summary>
    public void CopyGlyph(int glyph, byte[] destination, int index)
    {
        var length = GlyphLength(glyph);
        if (length == 0) return;
        var start = _glyphOffsets[glyph];
        if (_glyf is not null) _glyf.ReadArray(start, destination, index, length);
        else _bytes.AsSpan((int)(_glyfOffset + start), length).CopyTo(destination.AsSpan(index));
    }

    /// <summary>
    /// The font without outlines, for PDFsharp: it measures, maps characters to glyph ids and writes /W and
    /// ToUnicode from these tables, and, finding no loca, embeds this program as it is instead of building a
    /// subset (PDFsharp 6.2.4 copies hmtx and loca for all ~30,900 glyphs into every subset, which cost a
    /// fifth of each render). FontProgramRewriter then embeds the real outlines of the glyphs drawn.
    /// </summary>
    public byte[] MetricsOnlyProgram()
    {
        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var tag in new[] { "cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post" })
        {
            if (_tables.TryGetValue(tag, out var t)) tables[tag] = t;
        }
        return TrueTypeWriter.Write(tables);
    }

    public void Dispose()
    {
        _glyf?.Dispose();
        _map?.Dispose();
    }
}
