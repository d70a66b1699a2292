using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DisclosurePortal.Domain.Exchange;

/// <summary>Writer settings shared by the report JSON, its schema and the check's answer: all byte-stable.</summary>
public static class ExchangeJson
{
    // UnsafeRelaxedJsonEscaping writes CJK text and the prose's 《…<…>…》 as they are. The default encoder
    // escapes every non-ASCII character, and even JavaScriptEncoder.Create(UnicodeRanges.All) still escapes
    // HTML-sensitive characters such as '<', '>', '&' and '+', which the reports quote. "Unsafe" only means the
    // output must not be pasted unencoded into an HTML <script>; this JSON is served and downloaded as
    // application/json. Characters outside the BMP (rare CJK extension B names) are still \u-escaped, which
    // is valid JSON and reads back to the same text.
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        // Fixed, so that the bytes do not depend on the OS the server runs on.
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options)) write(writer);
        // Files end with a newline (.editorconfig), and the committed schema is such a file.
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}
