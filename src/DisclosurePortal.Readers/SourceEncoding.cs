using System.Text;
using System.Text.RegularExpressions;

namespace DisclosurePortal.Readers;

/// <summary>
/// Turns the bytes of a text or web page into a string: a byte-order mark first, then the charset a page declares
/// (GBK and GB2312 are read as GB18030, their superset), then UTF-8 if the bytes are valid UTF-8, else GB18030,
/// the encoding of older Chinese sites and of text saved by Chinese Windows.
/// </summary>
public static partial class SourceEncoding
{
    static SourceEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(byte[] bytes, bool html)
    {
        if (bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) return new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3);
        if (bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE })) return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        if (bytes.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF })) return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        if (html && Declared(bytes) is { } declared) return declared.GetString(bytes);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    private static Encoding? Declared(byte[] bytes)
    {
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        var m = Charset().Match(head);
        if (!m.Success) return null;
        var name = m.Groups[1].Value.ToLowerInvariant();
        if (name is "gbk" or "gb2312" or "gb_2312-80" or "x-gbk" or "gb18030") return Encoding.GetEncoding("GB18030");
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?\s*([A-Za-z0-9_\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Charset();
}
