using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DisclosurePortal.Pdf.Fonts;

namespace DisclosurePortal.Pdf.Layout;

/// <summary>
/// Replaces each embedded font program PDFsharp wrote (the metrics-only program of ReportFonts, uncompressed) by
/// the compacted outlines of the glyphs drawn (<see cref="TrueTypeCompactor"/>) plus a /CIDToGIDMap stream,
/// compresses both with the runtime's native zlib, corrects ToUnicode entries of characters outside the BMP,
/// drops the optional /Type of structure elements, and writes a new cross-reference table. Everything else is
/// copied byte for byte. PDFsharp 6.2.4 has no hook between building a font and writing it, hence a pass over
/// the saved file; the file is PDFsharp's own output (classic xref table, one object after the other), not
/// arbitrary PDF.
/// </summary>
internal static partial class FontProgramRewriter
{
    // zlib's default level: level 9 saves 0.3 KB on the seed report for twice the time, level 1 costs 18 KB.
    private const CompressionLevel Level = CompressionLevel.Optimal;

    /// <summary>Writes the rewritten file of <paramref name="pdf"/>[0..<paramref name="length"/>) to <paramref name="output"/>.</summary>
    public static void Rewrite(byte[] pdf, int length, Stream output, ReportFonts fonts)
    {
        var xref = ReadXref(pdf, length);
        var size = xref.Offsets.Length;
        // Objects in file order, each running to the next one (the last to the xref table).
        var numbers = new int[xref.Count];
        var starts = new int[xref.Count];
        for (int n = 0, k = 0; n < size; n++)
        {
            if (xref.Offsets[n] < 0) continue;
            numbers[k] = n;
            starts[k++] = xref.Offsets[n];
        }
        Array.Sort(starts, numbers);
        var ends = new int[size];
        for (var k = 0; k < numbers.Length; k++) ends[numbers[k]] = k + 1 < numbers.Length ? starts[k + 1] : xref.XrefOffset;

        // Only font dictionaries are decoded; the ~400 other objects (structure tree, pages) are merely copied.
        var fontFiles = new Dictionary<int, int>();
        var cidFonts = new List<(int Number, int Descriptor, string Header)>();
        var toUnicode = new List<int>();
        foreach (var number in numbers)
        {
            var span = pdf.AsSpan(xref.Offsets[number], ends[number] - xref.Offsets[number]);
            var stream = span.IndexOf("stream"u8);
            var dict = stream >= 0 ? span[..stream] : span;
            if (dict.IndexOf("/Type/FontDescriptor"u8) >= 0)
            {
                if (FontFile2Ref().Match(Encoding.Latin1.GetString(dict)) is { Success: true } ff)
                    fontFiles[number] = int.Parse(ff.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            }
            else if (dict.IndexOf("/Subtype/Type0"u8) >= 0)
            {
                if (ToUnicodeRef().Match(Encoding.Latin1.GetString(dict)) is { Success: true } tu)
                    toUnicode.Add(int.Parse(tu.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
            }
            else if (dict.IndexOf("/Subtype/CIDFontType2"u8) >= 0)
            {
                var header = Encoding.Latin1.GetString(dict);
                if (DescriptorRef().Match(header) is { Success: true } fd)
                    cidFonts.Add((number, int.Parse(fd.Groups[1].ValueSpan, CultureInfo.InvariantCulture), header));
            }
        }

        var replaced = new Dictionary<int, (byte[] Head, byte[]? Data)>();
        var added = new List<(int Number, byte[] Data)>();
        var newSize = size;
        foreach (var (number, descriptor, header) in cidFonts)
        {
            if (!fontFiles.TryGetValue(descriptor, out var fontFile)) continue;
            if (!header.Contains("/CIDToGIDMap/Identity", StringComparison.Ordinal))
                throw new InvalidDataException($"CIDFont {number} has an unexpected /CIDToGIDMap.");
            // "/DW" followed by white space is the key; a subset tag may start with DW (/BaseFont/DWQKZA+…).
            if (DefaultWidthKey().IsMatch(header))
                throw new InvalidDataException($"CIDFont {number} already has a /DW; its widths would be written twice.");
            var (wStart, wLength, widths) = Widths(header)
                ?? throw new InvalidDataException($"CIDFont {number} has no /W array.");
            var face = fonts.FaceOf(StreamData(pdf, xref.Offsets[fontFile], ends[fontFile]))
                ?? throw new InvalidDataException($"CIDFont {number} embeds a program that is not one of the report fonts.");
            var packed = Packed(face, widths.Keys);

            var mapNumber = newSize++;
            replaced[fontFile] = (StreamHead(fontFile, packed.Font.Length,
                string.Create(CultureInfo.InvariantCulture, $"/Length1 {packed.FontLength}")), packed.Font);
            added.Add((mapNumber, packed.Map));
            var cid = Encoding.Latin1.GetString(pdf, xref.Offsets[number], ends[number] - xref.Offsets[number]);
            cid = cid.Replace("/CIDToGIDMap/Identity",
                string.Create(CultureInfo.InvariantCulture, $"/CIDToGIDMap {mapNumber} 0 R"), StringComparison.Ordinal);
            cid = cid.Replace(header.Substring(wStart, wLength), CompactWidths(widths), StringComparison.Ordinal);
            replaced[number] = (Encoding.Latin1.GetBytes(cid), null);
        }
        foreach (var number in toUnicode)
        {
            if (SupplementaryToUnicode(pdf.AsSpan(xref.Offsets[number], ends[number] - xref.Offsets[number])) is { } fixedMap)
                replaced[number] = (StreamHead(number, fixedMap.Length, ""), fixedMap);
        }
        if (replaced.Count == 0)
        {
            output.Write(pdf, 0, length);
            return;
        }

        var origin = output.Position;
        var offsets = new long[newSize];
        offsets.AsSpan().Fill(-1);
        output.Write(pdf, 0, starts[0]);
        foreach (var number in numbers)
        {
            offsets[number] = output.Position - origin;
            if (!replaced.TryGetValue(number, out var r)) CopyObject(output, pdf.AsSpan(xref.Offsets[number], ends[number] - xref.Offsets[number]));
            else if (r.Data is null) output.Write(r.Head);
            else WriteStream(output, r.Head, r.Data);
        }
        foreach (var (number, data) in added)
        {
            offsets[number] = output.Position - origin;
            WriteStream(output, StreamHead(number, data.Length, ""), data);
        }

        var newXref = output.Position - origin;
        // Each entry is exactly 20 bytes (PDF 32000-1 §7.5.4).
        var table = new byte[newSize * 20];
        for (var n = 0; n < newSize; n++)
        {
            var entry = table.AsSpan(n * 20, 20);
            var inUse = offsets[n] >= 0;
            var generation = n < size && xref.Offsets[n] >= 0 ? xref.Generations[n] : 0;
            Digits(entry[..10], inUse ? offsets[n] : 0);
            entry[10] = (byte)' ';
            Digits(entry.Slice(11, 5), inUse ? generation : n == 0 ? 65535 : 0);
            " n \n"u8.CopyTo(entry[16..]);
            if (!inUse) entry[17] = (byte)'f';
        }
        output.Write(Encoding.Latin1.GetBytes(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {newSize}\n")));
        output.Write(table);
        var trailer = TrailerSize().Replace(xref.Trailer, string.Create(CultureInfo.InvariantCulture, $"/Size {newSize}"), 1);
        output.Write(Encoding.Latin1.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{trailer}\nstartxref\n{newXref}\n%%EOF\n")));
    }

    /// <summary>
    /// Copies an object as it is, except that a structure element loses its /Type: the key is optional
    /// (PDF 32000-1 §14.7.2, Table 323) and PDFsharp writes it on each of the ~360 TH, TD, P … of a report,
    /// 5.8 KB of the seed file.
    /// </summary>
    private static void CopyObject(Stream output, ReadOnlySpan<byte> obj)
    {
        var key = obj.IndexOf("obj\n<</Type/StructElem/"u8);
        if (key >= 0)
        {
            key += "obj\n<<".Length;
            output.Write(obj[..key]);
            output.Write(obj[(key + "/Type/StructElem".Length)..]);
        }
        else output.Write(obj);
    }

    /// <summary>
    /// PDFsharp 6.2.4 writes the ToUnicode entry of a character outside the BMP as its code point in five hex
    /// digits (&lt;2B5E7&gt;), which readers take as U+2B5E plus a stray byte: 𫗧 (U+2B5E7), a place-name
    /// character Noto Serif SC has, was copied and searched as ⭞. The destination of a ToUnicode map is UTF-16BE
    /// (PDF 32000-1 §9.10.3), so such entries are rewritten as surrogate pairs (&lt;D86DDDE7&gt;).
    /// </summary>
    /// <returns>The corrected map, compressed; null when the map has no such entry (almost every report).</returns>
    private static byte[]? SupplementaryToUnicode(ReadOnlySpan<byte> obj)
    {
        var keyword = obj.IndexOf("stream"u8);
        var header = Encoding.Latin1.GetString(obj[..keyword]);
        if (!header.Contains("/FlateDecode", StringComparison.Ordinal)) return null;
        var length = int.Parse(StreamLength().Match(header).Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        var data = keyword + "stream".Length;
        if (obj[data] == '\r') data++;
        if (obj[data] == '\n') data++;
        using var z = new ZLibStream(new MemoryStream(obj.Slice(data, length).ToArray()), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        z.CopyTo(plain);
        var map = Encoding.Latin1.GetString(plain.GetBuffer(), 0, (int)plain.Length);
        var corrected = SupplementaryEntry().Replace(map, m =>
        {
            var rune = new Rune(int.Parse(m.Groups[2].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            Span<char> pair = stackalloc char[2];
            rune.EncodeToUtf16(pair);
            return string.Create(CultureInfo.InvariantCulture, $"{m.Groups[1].Value}<{(int)pair[0]:X4}{(int)pair[1]:X4}>");
        });
        return ReferenceEquals(corrected, map) || corrected == map ? null : Deflate(Encoding.Latin1.GetBytes(corrected));
    }

    private static void Digits(Span<byte> field, long value)
    {
        for (var i = field.Length - 1; i >= 0; i--)
        {
            field[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private sealed record Xref(int[] Offsets, int[] Generations, int Count, int XrefOffset, string Trailer);

    /// <summary>The classic cross-reference table PDFsharp writes: one section, 20-byte entries.</summary>
    private static Xref ReadXref(byte[] pdf, int length)
    {
        var tail = Encoding.Latin1.GetString(pdf, Math.Max(0, length - 64), Math.Min(64, length));
        var start = StartXref().Match(tail);
        if (!start.Success) throw new InvalidDataException("No startxref in the saved PDF.");
        var xrefOffset = int.Parse(start.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        var text = pdf.AsSpan(xrefOffset, length - xrefOffset);
        if (!text.StartsWith("xref\n"u8))
            throw new InvalidDataException("PDFsharp wrote a cross-reference stream; only a classic xref table is handled.");

        var at = 5;
        var line = text.Slice(at, text[at..].IndexOf((byte)'\n'));
        at += line.Length + 1;
        var space = line.IndexOf((byte)' ');
        int first = int.Parse(line[..space], CultureInfo.InvariantCulture), count = int.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        if (first != 0 || !text[(at + (count * 20))..].StartsWith("trailer"u8))
            throw new InvalidDataException("The saved PDF's xref table is not a single section of 20-byte entries.");
        var offsets = new int[count];
        var generations = new int[count];
        var used = 0;
        for (var n = 0; n < count; n++, at += 20)
        {
            var entry = text.Slice(at, 20);
            offsets[n] = entry[17] == 'n' ? int.Parse(entry[..10], CultureInfo.InvariantCulture) : -1;
            generations[n] = int.Parse(entry.Slice(11, 5), CultureInfo.InvariantCulture);
            if (offsets[n] >= 0) used++;
        }
        var trailer = text[at..];
        var trailerEnd = trailer.IndexOf("\nstartxref"u8);
        return new Xref(offsets, generations, used, xrefOffset, Encoding.Latin1.GetString(trailer[..trailerEnd]));
    }

    private static ReadOnlySpan<byte> StreamData(byte[] pdf, int start, int end)
    {
        var span = pdf.AsSpan(start, end - start);
        var keyword = span.IndexOf("stream"u8);
        var header = Encoding.Latin1.GetString(span[..keyword]);
        if (header.Contains("/Filter", StringComparison.Ordinal))
            throw new InvalidDataException("The font program was saved compressed; PdfDocument.Options.NoCompression must be set.");
        var length = int.Parse(StreamLength().Match(header).Groups[1].Value, CultureInfo.InvariantCulture);
        var data = keyword + "stream".Length;
        if (span[data] == '\r') data++;
        if (span[data] == '\n') data++;
        return span.Slice(data, length);
    }

    private sealed record PackedFont(byte[] Font, int FontLength, byte[] Map);

    // The same face and the same glyph set always give the same compacted, compressed program, and compressing
    // it is most of what is left of a render: re-renders of a report (previews, the publication after the
    // last preview) and reports sharing their characters skip it. Bounded: cleared when full (64 entries of
    // ~100 KB at most).
    private static readonly ConcurrentDictionary<GlyphSet, PackedFont> Cache = new();
    private const int CacheLimit = 64;

    private static PackedFont Packed(EmbeddedFace face, IEnumerable<int> glyphs)
    {
        var key = new GlyphSet(face.Name, [.. glyphs]);
        if (Cache.TryGetValue(key, out var packed)) return packed;
        var compact = TrueTypeCompactor.Compact(face.File, key.Glyphs);
        packed = new PackedFont(Deflate(compact.Font), compact.Font.Length, Deflate(compact.CidToGidMap));
        if (Cache.Count >= CacheLimit) Cache.Clear();
        Cache[key] = packed;
        return packed;
    }

    private sealed class GlyphSet(string face, int[] glyphs) : IEquatable<GlyphSet>
    {
        private readonly int _hash = Hash(face, glyphs);

        public string Face { get; } = face;
        public int[] Glyphs { get; } = glyphs;

        public bool Equals(GlyphSet? other) =>
            other is not null && _hash == other._hash && Face == other.Face && Glyphs.AsSpan().SequenceEqual(other.Glyphs);

        public override bool Equals(object? obj) => Equals(obj as GlyphSet);

        public override int GetHashCode() => _hash;

        private static int Hash(string face, int[] glyphs)
        {
            var h = new HashCode();
            h.Add(face, StringComparer.Ordinal);
            h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(glyphs.AsSpan()));
            return h.ToHashCode();
        }
    }

    private static byte[] Deflate(byte[] data)
    {
        using var compressed = new MemoryStream(data.Length / 2);
        using (var z = new ZLibStream(compressed, Level, leaveOpen: true)) z.Write(data);
        return compressed.ToArray();
    }

    private static byte[] StreamHead(int number, int length, string extraKeys) =>
        Encoding.Latin1.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{number} 0 obj\n<<{extraKeys}/Filter/FlateDecode/Length {length}>>\nstream\n"));

    private static void WriteStream(Stream output, byte[] head, byte[] data)
    {
        output.Write(head);
        output.Write(data);
        output.Write("\nendstream\nendobj\n"u8);
    }

    /// <summary>
    /// The /W array of a CIDFont dictionary: where it is and the width of each CID. PDFsharp writes c [w] pairs,
    /// one per used glyph; ranges (c1 c2 w) and runs (c [w1 w2 …]) are read too. A scanner, not a regex: a
    /// backtracking pattern over the ~4 KB array cost milliseconds per font.
    /// </summary>
    private static (int Start, int Length, SortedDictionary<int, int> Widths)? Widths(string header)
    {
        var start = header.IndexOf("/W[", StringComparison.Ordinal);
        if (start < 0) start = header.IndexOf("/W [", StringComparison.Ordinal);
        if (start < 0) return null;
        var widths = new SortedDictionary<int, int>();
        var numbers = new List<int>();
        var i = header.IndexOf('[', start) + 1;
        while (i < header.Length)
        {
            var c = header[i];
            if (char.IsAsciiDigit(c))
            {
                var n = 0;
                while (i < header.Length && char.IsAsciiDigit(header[i])) n = (n * 10) + (header[i++] - '0');
                numbers.Add(n);
                if (numbers.Count == 3)
                {
                    for (var g = numbers[0]; g <= numbers[1]; g++) widths[g] = numbers[2];
                    numbers.Clear();
                }
                continue;
            }
            if (c == '[')
            {
                if (numbers.Count != 1) throw new InvalidDataException("Malformed /W array.");
                var cid = numbers[0];
                numbers.Clear();
                var close = header.IndexOf(']', i);
                foreach (var range in header.AsSpan(i + 1, close - i - 1).Split(' '))
                {
                    var w = header.AsSpan(i + 1, close - i - 1)[range];
                    if (w.Length > 0) widths[cid++] = int.Parse(w, NumberStyles.Integer, CultureInfo.InvariantCulture);
                }
                i = close + 1;
                continue;
            }
            if (c == ']')
            {
                if (numbers.Count != 0) throw new InvalidDataException("Malformed /W array.");
                return (start, i + 1 - start, widths);
            }
            if (!char.IsWhiteSpace(c)) throw new InvalidDataException($"Unexpected '{c}' in a /W array.");
            i++;
        }
        throw new InvalidDataException("Unterminated /W array.");
    }

    /// <summary>
    /// /DW with the commonest width (1000 for every hanzi and full-width punctuation) and /W only for the rest,
    /// consecutive CIDs sharing one c [w1 w2 …] entry: a few hundred bytes instead of ~4 KB per font.
    /// </summary>
    private static string CompactWidths(SortedDictionary<int, int> widths)
    {
        var common = widths.Count == 0 ? 1000
            : widths.Values.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"/DW {common}/W[");
        var previous = -2;
        foreach (var (cid, width) in widths)
        {
            if (width == common) continue;
            if (cid != previous + 1)
            {
                if (previous >= 0) sb.Append(']');
                sb.Append(CultureInfo.InvariantCulture, $"{cid}[");
            }
            else sb.Append(' ');
            sb.Append(width.ToString(CultureInfo.InvariantCulture));
            previous = cid;
        }
        if (previous >= 0) sb.Append(']');
        return sb.Append(']').ToString();
    }

    [GeneratedRegex(@"/FontFile2 (\d+) 0 R")]
    private static partial Regex FontFile2Ref();

    [GeneratedRegex(@"/FontDescriptor (\d+) 0 R")]
    private static partial Regex DescriptorRef();

    [GeneratedRegex(@"/ToUnicode (\d+) 0 R")]
    private static partial Regex ToUnicodeRef();

    /// <summary>A bfrange line &lt;cid&gt;&lt;cid&gt;&lt;code point&gt; whose code point needs five or six hex digits.</summary>
    [GeneratedRegex(@"(<[0-9A-F]{4}><[0-9A-F]{4}>)<([0-9A-F]{5,6})>")]
    private static partial Regex SupplementaryEntry();

    [GeneratedRegex(@"/DW\s")]
    private static partial Regex DefaultWidthKey();

    [GeneratedRegex(@"/Length (\d+)")]
    private static partial Regex StreamLength();

    [GeneratedRegex(@"/Size \d+")]
    private static partial Regex TrailerSize();

    [GeneratedRegex(@"startxref\s+(\d+)")]
    private static partial Regex StartXref();
}
