using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;
using static System.Net.WebUtility;

namespace DisclosurePortal.Web.PublicSite;

/// <summary>One series of a chart: its name and one value per category.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal> Values);

/// <summary>
/// Bar charts drawn on the server as inline SVG: no script library and no outside asset,
/// readable without JavaScript and printable. Every chart is shown next to a table of its data, so the SVG is
/// labelled as an image with a title and the table carries the figures for screen readers.
/// </summary>
public static class SvgChart
{
    // Fill colours keep at least 3:1 against white (WCAG 2.1 1.4.11 non-text contrast) and differ in lightness,
    // so the series stay apart in grey print and for readers who do not tell red from green.
    private static readonly string[] Fills = ["#1d4ed8", "#b45309", "#047857", "#7c3aed"];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

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
                svg.Append(Inv, $"""<rect x="{x}" y="{y:0.#}" width="{barWidth - 4}" height="{h:0.#}" fill="{Fills[s % Fills.Length]}"/>""");
                svg.Append(Inv, $"""<text x="{x + (barWidth - 4) / 2.0:0.#}" y="{y - 6:0.#}" text-anchor="middle" font-size="12">{Number(v)}</text>""");
            }
            svg.Append(Inv, $"""<text x="{left + c * groupWidth + groupWidth / 2.0:0.#}" y="{height - bottom + 20}" text-anchor="middle" font-size="13">{HtmlEncode(categories[c])}</text>""");
            if (notes is not null)
                svg.Append(Inv, $"""<text x="{left + c * groupWidth + groupWidth / 2.0:0.#}" y="{height - bottom + 38}" text-anchor="middle" font-size="11">{HtmlEncode(notes[c])}</text>""");
        }
        svg.Append(Inv, $"""<line x1="{left}" y1="{top + plot}" x2="{width - left}" y2="{top + plot}" stroke="#555"/>""");
        if (legend > 0) Legend(svg, series.Select(s => s.Name).ToList(), height + 4);
        return Close(svg);
    }

    /// <summary>Horizontal bars with a label on the left: for categories with long names such as the （一）–（六） outcomes.</summary>
    public static IHtmlContent Rows(string id, string title, IReadOnlyList<string> labels, IReadOnlyList<decimal> values)
    {
        const int rowHeight = 30, labelWidth = 150, barArea = 330, width = labelWidth + barArea + 60;
        var height = labels.Count * rowHeight + 10;
        var max = Math.Max(1m, values.DefaultIfEmpty(0).Max());
        var svg = Open(id, title, width, height);
        for (var i = 0; i < labels.Count; i++)
        {
            var y = 5 + i * rowHeight;
            var w = (double)(values[i] / max) * barArea;
            svg.Append(Inv, $"""<text x="{labelWidth - 8}" y="{y + 19}" text-anchor="end" font-size="13">{HtmlEncode(labels[i])}</text>""");
            svg.Append(Inv, $"""<rect x="{labelWidth}" y="{y + 4}" width="{w:0.#}" height="{rowHeight - 10}" fill="{Fills[0]}"/>""");
            svg.Append(Inv, $"""<text x="{labelWidth + w + 6:0.#}" y="{y + 19}" font-size="12">{Number(values[i])}</text>""");
        }
        return Close(svg);
    }

    private static StringBuilder Open(string id, string title, int width, int height)
    {
        var svg = new StringBuilder();
        svg.Append(Inv, $"""<svg class="chart" role="img" aria-labelledby="{id}-title" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg" font-family="inherit" fill="#1a1a1a">""");
        svg.Append(Inv, $"""<title id="{id}-title">{HtmlEncode(title)}</title>""");
        return svg;
    }

    private static void Legend(StringBuilder svg, List<string> names, int y)
    {
        var x = 8;
        for (var i = 0; i < names.Count; i++)
        {
            svg.Append(Inv, $"""<rect x="{x}" y="{y + 2}" width="12" height="12" fill="{Fills[i % Fills.Length]}"/>""");
            svg.Append(Inv, $"""<text x="{x + 16}" y="{y + 13}" font-size="12">{HtmlEncode(names[i])}</text>""");
            x += 24 + names[i].Length * 13;
        }
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Number(decimal v) => v.ToString("0.####", Inv);
}
