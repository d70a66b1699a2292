using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DisclosurePortal.Pdf.Fonts;

namespace DisclosurePortal.Pdf.Layout;

/// <summary>
/// Replaces each embedded TrueType subset PDFsharp wrote (uncompressed, original glyph ids) by a compacted one
/// (<see cref="TrueTypeCompactor"/>) plus a /CIDToGIDMap stream, compresses both with the runtime's native zlib,
/// and writes a new cross-reference table. Everything else is copied byte for byte.
/// PDFsharp 6.2.4 has no hook between building a subset and writing it, hence a pass over the saved file; the
/// file is PDFsharp's own output (classic xref table, one object after the other), not arbitrary PDF.
/// </summary>
internal static partial class FontProgramRewriter
{
    // zlib's default level: level 9 saves 0.3 KB on the seed report for twice the time, level 1 costs 18 KB.
    private const CompressionLevel Level = CompressionLevel.Optimal;

    /// <summary>Writes the rewritten file of <paramref name="pdf"/>[0..<paramref name="length"/>) to <paramref name="output"/>.</summary>
    public static void Rewrite(byte[] pdf, int length, Stream output, ReportFonts fonts)
    {
        var (objects, xrefOffset, trailer) = ReadXref(pdf, length);
        var ordered = objects.OrderBy(o => o.Value.Offset).ToList();
        var ends = new Dictionary<int, int>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
            ends[ordered[i].Key] = i + 1 < ordered.Count ? ordered[i + 1].Value.Offset : xrefOffset;

        // Only font dictionaries are decoded; the ~400 other objects (structure tree, pages) are merely copied.
        string? FontHeader(int number)
        {
            var start = objects[number].Offset;
            var span = pdf.AsSpan(start, ends[number] - start);
            var stream = span.IndexOf("stream"u8);
            var dict = stream >= 0 ? span[..stream] : span;
            return dict.IndexOf("/Type/FontDescriptor"u8) >= 0 || dict.IndexOf("/Subtype/CIDFontType2"u8) >= 0
                ? Encoding.Latin1.GetString(dict)
                : null;
        }

        var fontFiles = new Dictionary<int, int>();
        var cidFonts = new List<(int Number, int Descriptor, string Header)>();
        foreach (var number in objects.Keys)
        {
            if (FontHeader(number) is not { } header) continue;
            if (header.Contains("/Type/FontDescriptor", StringComparison.Ordinal) && FontFile2Ref().Match(header) is { Success: true } ff)
                fontFiles[number] = int.Parse(ff.Groups[1].Value, CultureInfo.InvariantCulture);
            else if (header.Contains("/Subtype/CIDFontType2", StringComparison.Ordinal) && DescriptorRef().Match(header) is { Success: true } fd)
                cidFonts.Add((number, int.Parse(fd.Groups[1].Value, CultureInfo.InvariantCulture), header));
        }

        var size = objects.Keys.Max() + 1;
        var replaced = new Dictionary<int, byte[]>();
        var added = new List<(int Number, byte[] Bytes)>();
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
            var face = fonts.FaceOf(StreamData(pdf, objects[fontFile].Offset, ends[fontFile]))
                ?? throw new InvalidDataException($"CIDFont {number} embeds a program that is not one of the report fonts.");
            var packed = Packed(face, widths.Keys);

            var mapNumber = size++;
            replaced[fontFile] = StreamObject(fontFile, packed.Font,
                string.Create(CultureInfo.InvariantCulture, $"/Length1 {packed.FontLength}"));
            added.Add((mapNumber, StreamObject(mapNumber, packed.Map, "")));
            var cid = Encoding.Latin1.GetString(pdf, objects[number].Offset, ends[number] - objects[number].Offset);
            cid = cid.Replace("/CIDToGIDMap/Identity",
                string.Create(CultureInfo.InvariantCulture, $"/CIDToGIDMap {mapNumber} 0 R"), StringComparison.Ordinal);
            cid = cid.Replace(header.Substring(wStart, wLength), CompactWidths(widths), StringComparison.Ordinal);
            replaced[number] = Encoding.Latin1.GetBytes(cid);
        }
        if (replaced.Count == 0)
        {
            output.Write(pdf, 0, length);
            return;
        }

        var origin = output.Position;
        var offsets = new SortedDictionary<int, (long Offset, int Generation)>();
        output.Write(pdf, 0, ordered[0].Value.Offset);
        foreach (var (number, (offset, generation)) in ordered)
        {
            offsets[number] = (output.Position - origin, generation);
            if (replaced.TryGetValue(number, out var bytes)) output.Write(bytes);
            else output.Write(pdf, offset, ends[number] - offset);
        }
        foreach (var (number, bytes) in added)
        {
            offsets[number] = (output.Position - origin, 0);
            output.Write(bytes);
        }

        var xref = new StringBuilder();
        var newXref = output.Position - origin;
        xref.Append(CultureInfo.InvariantCulture, $"xref\n0 {size}\n");
        for (var n = 0; n < size; n++)
        {
            xref.Append(offsets.TryGetValue(n, out var entry)
                ? string.Create(CultureInfo.InvariantCulture, $"{entry.Offset:D10} {entry.Generation:D5} n \n")
                : n == 0 ? "0000000000 65535 f \n" : "0000000000 00000 f \n");
        }
        xref.Append(TrailerSize().Replace(trailer, string.Create(CultureInfo.InvariantCulture, $"/Size {size}"), 1));
        xref.Append(CultureInfo.InvariantCulture, $"\nstartxref\n{newXref}\n%%EOF\n");
        output.Write(Encoding.Latin1.GetBytes(xref.ToString()));
    }

    private static (Dictionary<int, (int Offset, int Generation)> Objects, int XrefOffset, string Trailer) ReadXref(byte[] pdf, int length)
    {
        var tail = Encoding.Latin1.GetString(pdf, Math.Max(0, length - 64), Math.Min(64, length));
        var start = StartXref().Match(tail);
        if (!start.Success) throw new InvalidDataException("No startxref in the saved PDF.");
        var xrefOffset = int.Parse(start.Groups[1].Value, CultureInfo.InvariantCulture);
        var text = Encoding.Latin1.GetString(pdf, xrefOffset, length - xrefOffset);
        if (!text.StartsWith("xref", StringComparison.Ordinal))
            throw new InvalidDataException("PDFsharp wrote a cross-reference stream; only a classic xref table is handled.");

        var objects = new Dictionary<int, (int, int)>();
        var lines = text.Split('\n');
        var i = 1;
        while (i < lines.Length && !lines[i].StartsWith("trailer", StringComparison.Ordinal))
        {
            var sub = lines[i++].Trim().Split(' ');
            int first = int.Parse(sub[0], CultureInfo.InvariantCulture), count = int.Parse(sub[1], CultureInfo.InvariantCulture);
            for (var k = 0; k < count; k++, i++)
            {
                var entry = lines[i].Trim().Split(' ');
                if (entry[2] == "n")
                    objects[first + k] = (int.Parse(entry[0], CultureInfo.InvariantCulture), int.Parse(entry[1], CultureInfo.InvariantCulture));
            }
        }
        var trailerStart = text.IndexOf("trailer", StringComparison.Ordinal);
        var trailerEnd = text.IndexOf("\nstartxref", trailerStart, StringComparison.Ordinal);
        return (objects, xrefOffset, text[trailerStart..trailerEnd]);
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

    private static byte[] StreamObject(int number, byte[] compressed, string extraKeys)
    {
        var head = Encoding.Latin1.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{number} 0 obj\n<<{extraKeys}/Filter/FlateDecode/Length {compressed.Length}>>\nstream\n"));
        var result = new byte[head.Length + compressed.Length + "\nendstream\nendobj\n".Length];
        head.CopyTo(result, 0);
        compressed.CopyTo(result.AsSpan(head.Length));
        "\nendstream\nendobj\n"u8.CopyTo(result.AsSpan(head.Length + compressed.Length));
        return result;
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
                foreach (var w in header.AsSpan(i + 1, close - i - 1).ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    widths[cid++] = int.Parse(w, NumberStyles.Integer, CultureInfo.InvariantCulture);
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

    [GeneratedRegex(@"/DW\s")]
    private static partial Regex DefaultWidthKey();

    [GeneratedRegex(@"/Length (\d+)")]
    private static partial Regex StreamLength();

    [GeneratedRegex(@"/Size \d+")]
    private static partial Regex TrailerSize();

    [GeneratedRegex(@"startxref\s+(\d+)")]
    private static partial Regex StartXref();
}
