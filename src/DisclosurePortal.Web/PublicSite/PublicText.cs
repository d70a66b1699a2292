using System.Globalization;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Web.PublicSite;

/// <summary>How the public pages write times and figures.</summary>
public static class PublicText
{
    /// <summary>Times are stored in UTC and shown as YYYY-MM-DD HH:MM in Beijing time (issue 6 item 7), as readers read them.</summary>
    public static string Beijing(DateTimeOffset t) =>
        t.ToOffset(Deadlines.ChinaTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "（北京时间）";

    public static string Figure(ValueKind kind, decimal? value) => value is { } v ? FigureValues.Display(kind, v) : "—";

    /// <summary>A change written with its sign, so it reads without colour: 「+3」, 「−2」, 「0」.</summary>
    public static string Change(ValueKind kind, decimal? before, decimal? after)
    {
        if (before is not { } b || after is not { } a) return "—";
        var d = a - b;
        var text = FigureValues.Display(kind, Math.Abs(d));
        return d > 0 ? "+" + text : d < 0 ? "−" + text : "0";
    }
}
