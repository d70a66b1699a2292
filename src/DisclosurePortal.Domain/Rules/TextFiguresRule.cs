using System.Globalization;
using System.Text.RegularExpressions;
using DisclosurePortal.Domain.Format;

namespace DisclosurePortal.Domain.Rules;

/// <summary>
/// TEXT-FIGURES: the figures the prose quotes (新收/受理/收到 N 件申请, 上年结转, 结转下年度, 行政复议 / 行政诉讼 N 件) must match
/// the tables; reviewers read both, and a mismatch means one of them is wrong. A figure not mentioned is fine.
/// One warning per prose part listing every mismatch in it, so that an explanation attaches to the part.
/// </summary>
internal static partial class TextFiguresRule
{
    // Between the keyword and the number only a short run of ordinary characters: no punctuation (a figure in
    // the next clause belongs to something else) and no Arabic digit (the first number is the quoted one).
    private const string Gap = @"[^，。；、,;：:！？!?（）()\d\n]";
    // Who sent the applications may be listed between the verb and 申请 (「收到公民、法人及其他组织提出的…申请」), so
    // 、 is allowed there; a 复议 or 诉讼 申请 is not an information request.
    private const string Who = @"(?:(?!复议|诉讼)[^，。；,;：:！？!?（）()\d\n])";
    private const string Number = @"(?<n>\d{1,3}(?:,\d{3})+|\d+|[零〇一二两三四五六七八九十百千万]+)";

    [GeneratedRegex(
        "(?:(?<received>(?<!不予?)(?:新收|受理|收到|接收)" + Who + "{0,30}?申请" + Gap + "{0,6}?)" +
        "|(?<over>(?:上一?年度?结转|上一?年度?遗留|结转上一?年度?)" + Gap + "{0,12}?)" +
        "|(?<forward>(?:结转(?:至|到)?|转入)下一?年度?" + Gap + "{0,12}?)" +
        "|(?<review>行政复议" + Gap + "{0,8}?)" +
        "|(?<suit>行政(?:诉讼|应诉)" + Gap + "{0,8}?))" +
        Number + @"\s*[件起]",
        RegexOptions.CultureInvariant)]
    private static partial Regex Mentions();

    private enum Topic { Received, CarriedOver, CarriedForward, Review, Suit }

    public static void Check(RuleContext c)
    {
        foreach (var part in c.Format.ProseParts)
        {
            var messages = new List<string>();
            foreach (Match match in Mentions().Matches(c.Current.ProseOf(part.Code)))
            {
                var quoted = ParseNumber(match.Groups["n"].Value);
                if (quoted is null || Expected(c, TopicOf(match)) is not ({ } expected, { } source) || quoted == expected) continue;
                messages.Add($"正文写“{match.Value}”（{RuleContext.ShowCount(quoted.Value)}），但{source}");
            }
            if (messages.Count > 0)
                c.Add(RuleCodes.TextFigures, RuleLocation.OfProse(part.Code), $"{c.Format.NameOf(part)}：{string.Join('；', messages)}");
        }
    }

    private static Topic TopicOf(Match m) =>
        m.Groups["received"].Success ? Topic.Received
        : m.Groups["over"].Success ? Topic.CarriedOver
        : m.Groups["forward"].Success ? Topic.CarriedForward
        : m.Groups["review"].Success ? Topic.Review
        : Topic.Suit;

    /// <summary>The table figure a topic is compared with, and how the message names it; null when blank.</summary>
    private static (decimal?, string?) Expected(RuleContext c, Topic topic)
    {
        static CellRef T3Total(string row) => new(Format2021.T3, row, Format2021.Table3.Total);
        static CellRef T4Total(string group) =>
            new(Format2021.T4, Format2021.Table4.Row, Format2021.Table4.Column(group, Format2021.Table4.Total));
        (decimal?, string?) Single(CellRef cell) =>
            c.Current[cell] is { } value ? (value, $"{c.Name(cell)}为 {c.Show(cell)}") : (null, null);

        switch (topic)
        {
            case Topic.Received:
                return Single(T3Total(Format2021.Table3.Received));
            case Topic.CarriedOver:
                return Single(T3Total(Format2021.Table3.CarriedOver));
            case Topic.CarriedForward:
                return Single(T3Total(Format2021.Table3.CarriedForward));
            case Topic.Review:
                return Single(T4Total(Format2021.Table4.Review));
            default:
                // 行政诉讼 counts both suits: those brought directly and those after a review.
                var direct = T4Total(Format2021.Table4.DirectSuit);
                var after = T4Total(Format2021.Table4.SuitAfterReview);
                if (!c.IsFilled(direct) && !c.IsFilled(after)) return (null, null);
                var sum = c.Value(direct) + c.Value(after);
                return (sum, $"{c.Name(direct)}（{c.Show(direct)}）+ {c.Name(after)}（{c.Show(after)}）= {RuleContext.ShowCount(sum)}");
        }
    }

    /// <summary>Arabic digits (with thousands commas) or a Chinese numeral such as 十二, 两, 一百零五, 三千二百.</summary>
    internal static decimal? ParseNumber(string s)
    {
        if (s.Length == 0) return null;
        if (char.IsAsciiDigit(s[0]))
            return decimal.TryParse(s.Replace(",", "", StringComparison.Ordinal), NumberStyles.None,
                CultureInfo.InvariantCulture, out var d) ? d : null;

        // Digit-by-digit numerals without units (二〇二四) are years or codes, not a count of cases.
        if (s.Length > 1 && s.AsSpan().IndexOfAny("十百千万") < 0) return null;
        long total = 0, section = 0, digit = 0;
        foreach (var ch in s)
        {
            var d = "零一二三四五六七八九".IndexOf(ch, StringComparison.Ordinal);
            if (ch == '〇') d = 0;
            if (ch == '两') d = 2;
            if (d >= 0) { digit = d; continue; }
            switch (ch)
            {
                case '十': section += (digit == 0 ? 1 : digit) * 10; digit = 0; break;
                case '百': section += digit * 100; digit = 0; break;
                case '千': section += digit * 1000; digit = 0; break;
                case '万': total += (section + digit) * 10_000; section = 0; digit = 0; break;
            }
        }
        return total + section + digit;
    }
}
