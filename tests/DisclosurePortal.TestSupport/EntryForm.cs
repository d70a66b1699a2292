using System.Net;
using System.Text.RegularExpressions;

namespace DisclosurePortal.TestSupport;

/// <summary>
/// The entry form's fields as a browser would post them, read from the page's HTML: for the tests that post the
/// form over HTTP and for bench/clerk.
/// </summary>
public static partial class EntryForm
{
    public static List<KeyValuePair<string, string>> Fields(string page)
    {
        // Only the report form: the layout's sign-out form carries a token of its own.
        var start = page.IndexOf("id=\"report-form\"", StringComparison.Ordinal);
        var html = page[start..page.IndexOf("</form>", start, StringComparison.Ordinal)];
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match m in InputTag().Matches(html))
        {
            var name = WebUtility.HtmlDecode(Attr(m.Value, "name") ?? "");
            if (name.Length == 0 || m.Value.Contains("disabled", StringComparison.Ordinal)) continue;
            // A browser posts a checkbox only when it is ticked.
            if (Attr(m.Value, "type") == "checkbox" && !m.Value.Contains("checked", StringComparison.Ordinal)) continue;
            fields.Add(new(name, WebUtility.HtmlDecode(Attr(m.Value, "value") ?? "")));
        }
        foreach (Match m in TextareaTag().Matches(html))
            fields.Add(new(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)));
        return fields;
    }

    /// <summary>The fields with some replaced (or added).</summary>
    public static List<KeyValuePair<string, string>> With(this IEnumerable<KeyValuePair<string, string>> fields,
        IEnumerable<KeyValuePair<string, string>> changes)
    {
        var result = fields.ToList();
        foreach (var (k, v) in changes)
        {
            result.RemoveAll(f => f.Key == k);
            result.Add(new(k, v));
        }
        return result;
    }

    private static string? Attr(string tag, string name)
    {
        var m = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("<textarea[^>]*name=\"([^\"]+)\"[^>]*>([^<]*)</textarea>")]
    private static partial Regex TextareaTag();
}
