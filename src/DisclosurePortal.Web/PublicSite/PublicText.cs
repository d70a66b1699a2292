using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Web.PublicSite;

/// <summary>How the public pages write figures (times: Domain/BeijingTime).</summary>
public static class PublicText
{
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
