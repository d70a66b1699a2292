using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.Domain.Samples;

namespace DisclosurePortal.Domain.Tests.Rules;

/// <summary>Generated reports to break one cell at a time, and helpers to read the violations of one rule.</summary>
internal static class RuleTestKit
{
    public static ReportFormat F2021 => Format2021.Definition;

    public const string CountyName = "临川县人民政府";
    public const string OtherCountyName = "安平县人民政府";

    public static readonly ReportData County2023 =
        SampleReports.Generate(F2021, BodyKind.CountyGovernment, 2023, CountyName, seed: 11);

    /// <summary>The consistent base: a county government's 2024 report that follows its 2023 one.</summary>
    public static readonly ReportData County2024 =
        SampleReports.Generate(F2021, BodyKind.CountyGovernment, 2024, CountyName, seed: 12, previousYear: County2023);

    public static readonly ReportData OtherCounty2024 =
        SampleReports.Generate(F2021, BodyKind.CountyGovernment, 2024, OtherCountyName, seed: 99);

    public static IReadOnlyList<ComparableProse> OtherProse =>
        [new ComparableProse(OtherCountyName, 2024, OtherCounty2024.AllProse)];

    public static RuleInput Input(ReportData current, BodyKind kind = BodyKind.CountyGovernment,
        ReportData? previous = null, IReadOnlyList<ComparableProse>? others = null, string? name = CountyName) =>
        new(current, kind, previous, others, name);

    public static IReadOnlyList<Violation> Evaluate(ReportData current, BodyKind kind = BodyKind.CountyGovernment,
        ReportData? previous = null, IReadOnlyList<ComparableProse>? others = null) =>
        ReportRules.Evaluate(Input(current, kind, previous, others));

    public static List<Violation> Of(this IReadOnlyList<Violation> violations, string code) =>
        [.. violations.Where(v => v.Code == code)];

    public static List<string> Keys(this IEnumerable<Violation> violations) => [.. violations.Select(v => v.Location.Key)];

    public static CellRef T3(string row, string column) => new(Format2021.T3, row, column);
    public static CellRef T2(string row, string column) => new(Format2021.T2, row, column);
    public static CellRef T4(string group, string result) =>
        new(Format2021.T4, Format2021.Table4.Row, Format2021.Table4.Column(group, result));

    public static decimal Value(this ReportData data, CellRef cell) => data[cell] ?? throw new InvalidOperationException($"{cell} blank");

    /// <summary>The same report with some cells set (or blanked with null), totals kept as they were.</summary>
    public static ReportData With(this ReportData data, params (CellRef Cell, decimal? Value)[] changes)
    {
        var figures = new Dictionary<CellRef, decimal>(data.Figures);
        foreach (var (cell, value) in changes)
        {
            if (value is { } v) figures[cell] = v;
            else figures.Remove(cell);
        }
        return new ReportData(data.Format, figures, data.Prose);
    }

    public static ReportData Plus(this ReportData data, CellRef cell, decimal delta) => data.With((cell, data.Value(cell) + delta));

    public static ReportData WithProse(this ReportData data, string part, string text)
    {
        var prose = new Dictionary<string, string>(data.Prose, StringComparer.Ordinal) { [part] = text };
        return new ReportData(data.Format, data.Figures, prose);
    }

    /// <summary>Every cell 0, every prose part from the seed township report (钱店镇 2024).</summary>
    public static ReportData SeedTownship()
    {
        var zeros = F2021.Cells.ToDictionary(c => c.Ref, _ => 0m);
        return new ReportData(F2021, zeros, SeedProse.Qiandian2024);
    }
}
