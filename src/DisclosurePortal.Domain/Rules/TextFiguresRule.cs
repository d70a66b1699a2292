using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DisclosurePortal.Domain.Rules;

/// <summary>
/// TEXT-FIGURES: the figures the prose quotes (本年新收 N 件, 上年结转, 结转下年度, 行政复议 / 行政诉讼 N 件) must match
/// the tables; reviewers read both, and a mismatch means one of them is wrong. A figure not mentioned is fine.
/// One warning per prose part listing every mismatch in it, so that an explanation attaches to the part.
/// </summary>
internal static partial class TextFiguresRule
{
    // Between the keyword and the number only a short run of ordinary characters: no punctuation (a figure in
    // the next clause belongs to something else) and no Arabic digit (the first number is the quoted one).
    private const string Gap = @"[^，。；、,;：:！？!?（）()\d\n]";
    private const string Number = @"(?<n>\d{1,3}(?:,\d{3})+|\d+|[零〇一二两三四五六七八九十百千万]+)";

    [GeneratedRegex(
        "(?:(?<received>(?:新收|(?:本年度?|全年)共?收到)" + Gap + "{0,16}?申请" + Gap + "{0,6}?)" +
        "|(?<over>上一?年度?结转" + Gap + "{0,12}?)" +
        "|(?<forward>结转(?:至|到)?下一?年度?" + Gap + "{0,12}?)" +
        "|(?<review>行政复议" + Gap + "{0,8}?)" +
        "|(?<suit>行政诉讼" + Gap + "{0,8}?))" +
        Number + @"\s*[件起]",
        RegexOptions.CultureInvariant)]
    private static partial Regex Mentions();

    private enum Topic { Received, CarriedOver, CarriedForward, Review, Suit }

    public static void Check(RuleContext c)
    {
        if (c.Index.Layout2021 is not { } l) return;
        var parts = c.Index.ProseParts;
        StringBuilder? messages = null;
        for (var p = 0; p < parts.Length; p++)
        {
            var text = c.Input.Current.ProseOf(parts[p].Code);
            if (text.Length == 0) continue;
            messages?.Clear();
            foreach (var m in Mentions().EnumerateMatches(text))
            {
                // EnumerateMatches gives no groups; re-match the one span, which is short and rare.
                var match = Mentions().Match(text, m.Index, m.Length);
                var topic = TopicOf(match);
                var quoted = ParseNumber(match.Groups["n"].Value);
                if (quoted is null || Expected(c, l, topic) is not ({ } expected, { } source) || quoted == expected) continue;
                messages ??= new StringBuilder();
                if (messages.Length > 0) messages.Append('；');
                messages.Append("正文写“").Append(match.Value).Append("”（").Append(RuleContext.ShowCount(quoted.Value))
                    .Append("），但").Append(source);
            }
            if (messages is { Length: > 0 })
                c.Add(RuleCodes.TextFigures, RuleLocation.OfProse(parts[p].Code),
                    $"{c.Index.ProseNames[p]}：{messages}");
        }
    }

    private static Topic TopicOf(Match m) =>
        m.Groups["received"].Success ? Topic.Received
        : m.Groups["over"].Success ? Topic.CarriedOver
        : m.Groups["forward"].Success ? Topic.CarriedForward
        : m.Groups["review"].Success ? Topic.Review
        : Topic.Suit;

    /// <summary>The table figure a topic is compared with, and how the message names it; null when blank.</summary>
    private static (decimal?, string?) Expected(RuleContext c, Layout2021 l, Topic topic)
    {
        int T3Total(int row) => l.T3Cell(row, l.TotalColumn);
        string Named(int cell) => $"{c.Index.Cells[cell].DisplayName}为 {c.Show(cell)}";
        var f = c.Current;
        switch (topic)
        {
            case Topic.Received:
            case Topic.CarriedOver:
            case Topic.CarriedForward:
                var cell = T3Total(topic switch
                {
                    Topic.Received => l.Received,
                    Topic.CarriedOver => l.CarriedOver,
                    _ => l.CarriedForward,
                });
                return f.IsFilled(cell) ? (f[cell], Named(cell)) : (null, null);
            case Topic.Review:
                var review = l.T4TotalCells[l.T4TotalOf[Format.Format2021.Table4.Column(
                    Format.Format2021.Table4.Review, Format.Format2021.Table4.Total)]];
                return f.IsFilled(review) ? (f[review], Named(review)) : (null, null);
            default:
                var direct = l.T4TotalCells[l.T4TotalOf[Format.Format2021.Table4.Column(
                    Format.Format2021.Table4.DirectSuit, Format.Format2021.Table4.Total)]];
                var after = l.T4TotalCells[l.T4TotalOf[Format.Format2021.Table4.Column(
                    Format.Format2021.Table4.SuitAfterReview, Format.Format2021.Table4.Total)]];
                if (!f.IsFilled(direct) && !f.IsFilled(after)) return (null, null);
                var sum = f[direct] + f[after];
                return (sum, $"{c.Index.Cells[direct].DisplayName}（{c.Show(direct)}）+ " +
                    $"{c.Index.Cells[after].DisplayName}（{c.Show(after)}）= {RuleContext.ShowCount(sum)}");
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
