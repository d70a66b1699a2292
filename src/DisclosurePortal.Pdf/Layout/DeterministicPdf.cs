using System.Security.Cryptography;
using System.Text;

namespace DisclosurePortal.Pdf.Layout;

/// <summary>
/// PDFsharp 6.2.4 writes three random things: font subset tags (ABCDEF+), the XMP document and instance
/// UUIDs, and the trailer /ID. A disclosure copy must be reproducible byte for byte from its revision, so the
/// saved file is rewritten: every random value is replaced by one derived from a hash of the rest of the file.
/// Replacements have the same length, so the cross-reference offsets stay valid.
/// </summary>
internal static class DeterministicPdf
{
    /// <summary>Sixteen ASCII characters: PDFsharp writes them as the 16-byte trailer IDs, in hex.</summary>
    public const string IdPlaceholder = "DPortalIdPending";

    private const int TagLength = 7; // six capitals and the '+' that marks a subset
    private const int UuidLength = 36;
    private static readonly byte[] IdHex = Encoding.ASCII.GetBytes(Convert.ToHexString(Encoding.ASCII.GetBytes(IdPlaceholder)));
    private static readonly byte[] IdHexLower = Encoding.ASCII.GetBytes(Convert.ToHexString(Encoding.ASCII.GetBytes(IdPlaceholder)).ToLowerInvariant());
    private static readonly byte[] NeutralTag = "AAAAAA+"u8.ToArray();
    private static readonly byte[] NeutralUuid = Encoding.ASCII.GetBytes(Guid.Empty.ToString());

    /// <summary>Makes <paramref name="pdf"/> deterministic in place.</summary>
    public static void Finish(Span<byte> pdf)
    {
        var tags = Distinct(pdf, [.. "/BaseFont/"u8], [.. "/FontName/"u8], TagLength, IsSubsetTag);
        var uuids = Distinct(pdf, [.. "uuid:"u8], null, UuidLength, IsUuid);

        // The hash is taken with every random value neutralised, so it depends on the content alone.
        var neutral = pdf.ToArray();
        foreach (var tag in tags) ReplaceAll(neutral, Tagged(tag), Tagged(NeutralTag));
        foreach (var uuid in uuids) ReplaceAll(neutral, Prefixed(uuid), Prefixed(NeutralUuid));
        var hash = SHA256.HashData(neutral);

        for (var i = 0; i < tags.Count; i++) ReplaceAll(pdf, Tagged(tags[i]), Tagged(Tag(hash, i)));
        for (var i = 0; i < uuids.Count; i++) ReplaceAll(pdf, Prefixed(uuids[i]), Prefixed(Uuid(hash, i)));
        var id = Encoding.ASCII.GetBytes(Convert.ToHexString(hash.AsSpan(0, 16)));
        ReplaceAll(pdf, IdHex, id);
        ReplaceAll(pdf, IdHexLower, id);
    }

    private static byte[] Tagged(byte[] tag) => [(byte)'/', .. tag];

    private static byte[] Prefixed(byte[] uuid) => [.. "uuid:"u8, .. uuid];

    /// <summary>The distinct values of <paramref name="length"/> bytes that follow a prefix and pass <paramref name="valid"/>, in order of first appearance.</summary>
    private static List<byte[]> Distinct(ReadOnlySpan<byte> pdf, byte[] prefix, byte[]? otherPrefix, int length,
        Func<ReadOnlySpan<byte>, bool> valid)
    {
        var found = new List<(int At, byte[] Value)>();
        foreach (var p in otherPrefix is null ? [prefix] : new[] { prefix, otherPrefix })
        {
            for (var at = pdf.IndexOf(p); at >= 0;)
            {
                var start = at + p.Length;
                if (start + length <= pdf.Length && valid(pdf.Slice(start, length)))
                    found.Add((start, pdf.Slice(start, length).ToArray()));
                var next = pdf[start..].IndexOf(p);
                at = next < 0 ? -1 : start + next;
            }
        }
        var result = new List<byte[]>();
        foreach (var (_, value) in found.OrderBy(f => f.At))
        {
            if (!result.Any(r => r.AsSpan().SequenceEqual(value))) result.Add(value);
        }
        return result;
    }

    private static bool IsSubsetTag(ReadOnlySpan<byte> s)
    {
        for (var i = 0; i < TagLength - 1; i++)
        {
            if (s[i] is < (byte)'A' or > (byte)'Z') return false;
        }
        return s[TagLength - 1] == '+';
    }

    private static bool IsUuid(ReadOnlySpan<byte> s)
    {
        for (var i = 0; i < UuidLength; i++)
        {
            var dash = i is 8 or 13 or 18 or 23;
            var ok = dash ? s[i] == '-' : Uri.IsHexDigit((char)s[i]);
            if (!ok) return false;
        }
        return true;
    }

    private static void ReplaceAll(Span<byte> pdf, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        for (var at = pdf.IndexOf(from); at >= 0;)
        {
            to.CopyTo(pdf[at..]);
            var next = pdf[(at + from.Length)..].IndexOf(from);
            at = next < 0 ? -1 : at + from.Length + next;
        }
    }

    private static byte[] Tag(byte[] hash, int index)
    {
        var h = SHA256.HashData([.. hash, (byte)'T', (byte)index]);
        var chars = new byte[TagLength];
        for (var i = 0; i < TagLength - 1; i++) chars[i] = (byte)('A' + (h[i] % 26));
        chars[^1] = (byte)'+';
        return chars;
    }

    private static byte[] Uuid(byte[] hash, int index)
    {
        var h = SHA256.HashData([.. hash, (byte)'U', (byte)index]);
        return Encoding.ASCII.GetBytes(new Guid(h.AsSpan(0, 16)).ToString());
    }
}
