using System.Globalization;
using System.Xml.Linq;
using Microsoft.AspNetCore.Html;

namespace DisclosurePortal.Web.PublicSite;

/// <summary>One series of a chart: its name and one value per category.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal> Values);

/// <summary>
/// Bar charts drawn on the server as inline SVG: no script library and no outside asset,
/// readable without JavaScript and printable. Every chart is shown next to a table of its data, so the SVG is
/// labelled as an image with a title and the table carries the figures for screen readers. Built as an XML tree,
/// which encodes every label, never as pre-encoded fragments.
/// </summary>
public static class SvgChart
{
    // Fill colours keep at least 3:1 against white (WCAG 2.1 1.4.11 non-text contrast) and differ in lightness,
    // so the series stay apart in grey print and for readers who do not tell red from green.
    private static readonly string[] Fills = ["#1d4ed8", "#b45309", "#047857", "#7c3aed"];
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>
    /// Vertical bars, grouped by category (e.g. one group per year), with the value above each bar and, when given,
    /// a second line under each category (e.g. how many reports a year's sum covers).
    /// </summary>
    public static IHtmlContent Columns(string id, string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series,
        IReadOnlyList<string>? notes = null)
    {
        const int top = 28, left = 8;
        var bottom = notes is null ? 36 : 54;
        var height = 204 + bottom;
        // Bars stay a readable width however few the years: the chart is at least 360 wide and at most 1.5 times
        // its natural width on screen (it is never stretched to the column, see site.css).
        var groupWidth = Math.Max(Math.Max(64, series.Count * 34 + 16), (360 - left * 2) / Math.Max(1, categories.Count));
        var width = left * 2 + categories.Count * groupWidth;
        var legend = series.Count > 1 ? 22 : 0;
        var max = Math.Max(1m, series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var plot = height - top - bottom;
        var svg = Open(id, title, width, height + legend);
        var barWidth = Math.Min(52, (groupWidth - 16) / series.Count);
        for (var c = 0; c < categories.Count; c++)
        {
            var x0 = left + c * groupWidth + (groupWidth - barWidth * series.Count) / 2;
            for (var s = 0; s < series.Count; s++)
            {
                var v = series[s].Values[c];
                var h = (double)(v / max) * plot;
                var x = x0 + s * barWidth;
                var y = top + plot - h;
                svg.Add(Rect(x, y, barWidth - 4, h, Fills[s % Fills.Length]),
                    Text(x + (barWidth - 4) / 2.0, y - 6, 12, Number(v), "middle"));
            }
            var middle = left + c * groupWidth + groupWidth / 2.0;
            svg.Add(Text(middle, height - bottom + 20, 13, categories[c], "middle"));
            if (notes is not null) svg.Add(Text(middle, height - bottom + 38, 11, notes[c], "middle"));
        }
        svg.Add(new XElement(Svg + "line", Attr("x1", left), Attr("y1", top + plot), Attr("x2", width - left),
            Attr("y2", top + plot), new XAttribute("stroke", "#555")));
        if (legend > 0)
        {
            var x = 8;
            for (var i = 0; i < series.Count; i++)
            {
                svg.Add(Rect(x, height + 6, 12, 12, Fills[i % Fills.Length]), Text(x + 16, height + 17, 12, series[i].Name));
                x += 24 + series[i].Name.Length * 13;
            }
        }
        return Html(svg);
    }

    /// <summary>Horizontal bars with a label on the left: for categories with long names such as the （一）–（六） outcomes.</summary>
    public static IHtmlContent Rows(string id, string title, IReadOnlyList<string> labels, IReadOnlyList<decimal> values)
    {
        const int rowHeight = 30, labelWidth = 150, barArea = 330, width = labelWidth + barArea + 60;
        var max = Math.Max(1m, values.DefaultIfEmpty(0).Max());
        var svg = Open(id, title, width, labels.Count * rowHeight + 10);
        for (var i = 0; i < labels.Count; i++)
        {
            var y = 5 + i * rowHeight;
            var w = (double)(values[i] / max) * barArea;
            svg.Add(Text(labelWidth - 8, y + 19, 13, labels[i], "end"),
                Rect(labelWidth, y + 4, w, rowHeight - 10, Fills[0]),
                Text(labelWidth + w + 6, y + 19, 12, Number(values[i])));
        }
        return Html(svg);
    }

    private static XElement Open(string id, string title, int width, int height) =>
        new(Svg + "svg", new XAttribute("class", "chart"), new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{id}-title"), new XAttribute("viewBox", $"0 0 {width} {height}"),
            Attr("width", width), Attr("height", height), new XAttribute("xmlns", Svg.NamespaceName),
            new XAttribute("font-family", "inherit"), new XAttribute("fill", "#1a1a1a"),
            new XElement(Svg + "title", new XAttribute("id", $"{id}-title"), title));

    private static XElement Rect(double x, double y, double width, double height, string fill) =>
        new(Svg + "rect", Attr("x", x), Attr("y", y), Attr("width", width), Attr("height", height), new XAttribute("fill", fill));

    private static XElement Text(double x, double y, int size, string text, string? anchor = null) =>
        new(Svg + "text", Attr("x", x), Attr("y", y), anchor is null ? null : new XAttribute("text-anchor", anchor),
            Attr("font-size", size), text);

    // Coordinates to a tenth of a pixel, with a point whatever the culture.
    private static XAttribute Attr(string name, double value) => new(name, value.ToString("0.#", CultureInfo.InvariantCulture));

    private static HtmlString Html(XElement svg) => new(svg.ToString(SaveOptions.DisableFormatting));

    private static string Number(decimal v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
