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

    public static byte[] Rewrite(byte[] pdf)
    {
        var (objects, xrefOffset, trailer) = ReadXref(pdf);
        var ordered = objects.OrderBy(o => o.Value.Offset).ToList();
        var ends = new Dictionary<int, int>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
            ends[ordered[i].Key] = i + 1 < ordered.Count ? ordered[i + 1].Value.Offset : xrefOffset;

        string Header(int number)
        {
            var start = objects[number].Offset;
            var span = pdf.AsSpan(start, ends[number] - start);
            var stream = span.IndexOf("stream"u8);
            return Encoding.Latin1.GetString(stream >= 0 ? span[..stream] : span);
        }

        var fontFiles = new Dictionary<int, int>();
        var cidFonts = new List<(int Number, int Descriptor, string Header)>();
        foreach (var number in objects.Keys)
        {
            var header = Header(number);
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
            var program = StreamData(pdf, objects[fontFile].Offset, ends[fontFile]);
            var glyphs = WidthsArray().Match(header) is { Success: true } w
                ? GlyphIds(w.Groups[1].Value)
                : throw new InvalidDataException($"CIDFont {number} has no /W array.");
            var compact = TrueTypeCompactor.Compact(program, glyphs);

            var mapNumber = size++;
            replaced[fontFile] = StreamObject(fontFile, compact.Font,
                string.Create(CultureInfo.InvariantCulture, $"/Length1 {compact.Font.Length}"));
            added.Add((mapNumber, StreamObject(mapNumber, compact.CidToGidMap, "")));
            var cid = Encoding.Latin1.GetString(pdf, objects[number].Offset, ends[number] - objects[number].Offset);
            replaced[number] = Encoding.Latin1.GetBytes(cid.Replace("/CIDToGIDMap/Identity",
                string.Create(CultureInfo.InvariantCulture, $"/CIDToGIDMap {mapNumber} 0 R"), StringComparison.Ordinal));
        }
        if (replaced.Count == 0) return pdf;

        using var output = new MemoryStream(pdf.Length / 3);
        var offsets = new SortedDictionary<int, (long Offset, int Generation)>();
        output.Write(pdf, 0, ordered[0].Value.Offset);
        foreach (var (number, (offset, generation)) in ordered)
        {
            offsets[number] = (output.Position, generation);
            if (replaced.TryGetValue(number, out var bytes)) output.Write(bytes);
            else output.Write(pdf, offset, ends[number] - offset);
        }
        foreach (var (number, bytes) in added)
        {
            offsets[number] = (output.Position, 0);
            output.Write(bytes);
        }

        var xref = new StringBuilder();
        var newXref = output.Position;
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
        return output.ToArray();
    }

    private static (Dictionary<int, (int Offset, int Generation)> Objects, int XrefOffset, string Trailer) ReadXref(byte[] pdf)
    {
        var tail = Encoding.Latin1.GetString(pdf, Math.Max(0, pdf.Length - 64), Math.Min(64, pdf.Length));
        var start = StartXref().Match(tail);
        if (!start.Success) throw new InvalidDataException("No startxref in the saved PDF.");
        var xrefOffset = int.Parse(start.Groups[1].Value, CultureInfo.InvariantCulture);
        var text = Encoding.Latin1.GetString(pdf, xrefOffset, pdf.Length - xrefOffset);
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

    private static byte[] StreamObject(int number, byte[] data, string extraKeys)
    {
        using var compressed = new MemoryStream(data.Length / 2);
        using (var z = new ZLibStream(compressed, Level, leaveOpen: true)) z.Write(data);
        var head = Encoding.Latin1.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{number} 0 obj\n<<{extraKeys}/Filter/FlateDecode/Length {compressed.Length}>>\nstream\n"));
        var result = new byte[head.Length + compressed.Length + "\nendstream\nendobj\n".Length];
        head.CopyTo(result, 0);
        compressed.GetBuffer().AsSpan(0, (int)compressed.Length).CopyTo(result.AsSpan(head.Length));
        "\nendstream\nendobj\n"u8.CopyTo(result.AsSpan(head.Length + (int)compressed.Length));
        return result;
    }

    /// <summary>PDFsharp writes /W as c [w] pairs, one per used glyph; ranges (c1 c2 w) are read too.</summary>
    private static List<int> GlyphIds(string w)
    {
        var ids = new List<int>();
        foreach (Match m in WidthEntry().Matches(w))
        {
            var first = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (m.Groups[2].Success)
            {
                var widths = m.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
                for (var k = 0; k < widths; k++) ids.Add(first + k);
            }
            else
            {
                var last = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
                for (var g = first; g <= last; g++) ids.Add(g);
            }
        }
        return ids;
    }

    [GeneratedRegex(@"/FontFile2 (\d+) 0 R")]
    private static partial Regex FontFile2Ref();

    [GeneratedRegex(@"/FontDescriptor (\d+) 0 R")]
    private static partial Regex DescriptorRef();

    [GeneratedRegex(@"/W\s*\[((?:\s*\d+\s*(?:\[[^\]]*\]|\d+\s+\d+))*)\s*\]")]
    private static partial Regex WidthsArray();

    [GeneratedRegex(@"(\d+)\s*(?:\[([^\]]*)\]|(\d+)\s+\d+)")]
    private static partial Regex WidthEntry();

    [GeneratedRegex(@"/Length (\d+)")]
    private static partial Regex StreamLength();

    [GeneratedRegex(@"/Size \d+")]
    private static partial Regex TrailerSize();

    [GeneratedRegex(@"startxref\s+(\d+)")]
    private static partial Regex StartXref();
}
