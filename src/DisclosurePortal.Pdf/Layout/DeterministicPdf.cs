using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DisclosurePortal.Pdf.Layout;

/// <summary>
/// PDFsharp 6.2.4 writes three random things: font subset tags (ABCDEF+), the XMP document and instance
/// UUIDs, and the trailer /ID. A disclosure copy must be reproducible byte for byte from its revision, so the
/// saved file is rewritten: every random value is replaced by one derived from a hash of the rest of the file.
/// Replacements have the same length, so the cross-reference offsets stay valid.
/// </summary>
internal static partial class DeterministicPdf
{
    /// <summary>Sixteen ASCII characters: PDFsharp writes them as the 16-byte trailer IDs, in hex.</summary>
    public const string IdPlaceholder = "DPortalIdPending";

    public static byte[] Finish(byte[] pdf)
    {
        // Latin-1 maps every byte to one char and back, so binary streams survive the round trip.
        var text = Encoding.Latin1.GetString(pdf);
        var tags = SubsetTag().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        var uuids = XmpUuid().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        var idHex = Convert.ToHexString(Encoding.ASCII.GetBytes(IdPlaceholder));

        var neutral = Replace(text, tags, _ => "AAAAAA", uuids, _ => Guid.Empty.ToString());
        var hash = SHA256.HashData(Encoding.Latin1.GetBytes(neutral));

        var result = Replace(text, tags, i => Tag(hash, i), uuids, i => Uuid(hash, i));
        var id = Convert.ToHexString(hash.AsSpan(0, 16));
        result = result.Replace(idHex, id, StringComparison.OrdinalIgnoreCase);
        return Encoding.Latin1.GetBytes(result);
    }

    private static string Replace(string text, List<string> tags, Func<int, string> tag, List<string> uuids, Func<int, string> uuid)
    {
        var sb = new StringBuilder(text);
        for (var i = 0; i < tags.Count; i++) sb.Replace($"/{tags[i]}+", $"/{tag(i)}+");
        for (var i = 0; i < uuids.Count; i++) sb.Replace($"uuid:{uuids[i]}", $"uuid:{uuid(i)}");
        return sb.ToString();
    }

    private static string Tag(byte[] hash, int index)
    {
        var h = SHA256.HashData([.. hash, (byte)'T', (byte)index]);
        var chars = new char[6];
        for (var i = 0; i < 6; i++) chars[i] = (char)('A' + (h[i] % 26));
        return new string(chars);
    }

    private static string Uuid(byte[] hash, int index)
    {
        var h = SHA256.HashData([.. hash, (byte)'U', (byte)index]);
        return new Guid(h.AsSpan(0, 16)).ToString();
    }

    [GeneratedRegex(@"/(?:BaseFont|FontName)/([A-Z]{6})\+")]
    private static partial Regex SubsetTag();

    [GeneratedRegex(@"uuid:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})")]
    private static partial Regex XmpUuid();
}
