using System.Buffers.Binary;

namespace DisclosurePortal.Pdf.Fonts;

/// <summary>Writes a TrueType file from its tables: directory sorted by tag, 4-byte alignment, checksums (OpenType §5).</summary>
internal static class TrueTypeWriter
{
    public static byte[] Write(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var entrySelector = (int)Math.Log2(count);
        var searchRange = (1 << entrySelector) * 16;
        var size = 12 + (16 * count);
        foreach (var t in tables.Values) size += (t.Length + 3) & ~3;
        var font = new byte[size];
        var s = font.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(s, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(s[4..], (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(s[6..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(s[8..], (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(s[10..], (ushort)((count * 16) - searchRange));
        var offset = 12 + (16 * count);
        var headOffset = -1;
        var i = 0;
        foreach (var (name, data) in tables)
        {
            var rec = s.Slice(12 + (i++ * 16), 16);
            System.Text.Encoding.ASCII.GetBytes(name, rec);
            data.CopyTo(s[offset..]);
            if (name == "head")
            {
                headOffset = offset;
                // checkSumAdjustment counts as zero in every checksum, and is set last.
                BinaryPrimitives.WriteUInt32BigEndian(s[(offset + 8)..], 0);
            }
            BinaryPrimitives.WriteUInt32BigEndian(rec[4..], Checksum(s.Slice(offset, data.Length)));
            BinaryPrimitives.WriteUInt32BigEndian(rec[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(rec[12..], (uint)data.Length);
            offset += (data.Length + 3) & ~3;
        }
        if (headOffset >= 0) BinaryPrimitives.WriteUInt32BigEndian(s[(headOffset + 8)..], unchecked(0xB1B0AFBA - Checksum(font)));
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
}
