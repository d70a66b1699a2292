using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Web.Forms;

/// <summary>
/// Reads what a clerk typed into a figure cell. Shape only (a number, whole for counts, negative only for a
/// signed 本年增/减, at most 6 decimals for money); the accounting is the domain rules' job. Accepts the habits of Chinese office software: full-width
/// digits (１２３), thousands separators (1,234 / 1，234), surrounding spaces.
/// </summary>
public static partial class FigureInput
{
    public readonly record struct Parsed(decimal? Value, string? Error);

    public static Parsed Parse(string? raw, ValueKind kind)
    {
        if (raw is null) return new(null, null);
        // NFKC folds full-width digits, comma, point and minus to ASCII.
        var text = raw.Normalize(NormalizationForm.FormKC).Trim().Replace(" ", "", StringComparison.Ordinal);
        if (text.Length == 0) return new(null, null);
        if (text is "/" or "-" or "—" or "无")
            return new(null, "请填写数字，没有的填 0，不要留空或填「/」");
        if (Grouped().IsMatch(text)) text = text.Replace(",", "", StringComparison.Ordinal);
        if (!Plain().IsMatch(text)) return new(null, "请输入数字（如 0、12、1,234）");
        if (text.TrimStart('+', '-').Split('.')[0].TrimStart('0').Length > 15) return new(null, "数字过大");
        var value = decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture);
        return FigureValues.Problem(kind, value) is { } problem ? new(null, problem) : new(value, null);
    }

    // [0-9], not \d: \d also matches other scripts' digits (١٢٣, १२३), which decimal.Parse refuses (a 500).
    [GeneratedRegex(@"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")]
    private static partial Regex Grouped();

    [GeneratedRegex(@"^[+-]?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex Plain();
}
