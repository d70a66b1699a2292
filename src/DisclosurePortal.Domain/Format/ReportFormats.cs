namespace DisclosurePortal.Domain.Format;

/// <summary>
/// The registry of known formats. A revision stores its format version; a report is in the format of its year:
/// 2019–2020 the trial format (国办公开办函〔2019〕60号), 2021 on the 2021 format. Before 2019 there was no
/// national table.
/// </summary>
public static class ReportFormats
{
    private static readonly Dictionary<string, ReportFormat> ByVersion = new(StringComparer.Ordinal)
    {
        [Format2019.Version] = Format2019.Definition,
        [Format2021.Version] = Format2021.Definition,
    };

    public static IReadOnlyCollection<ReportFormat> All => ByVersion.Values;

    public static ReportFormat Get(string version) =>
        ByVersion.TryGetValue(version, out var f) ? f : throw new KeyNotFoundException($"未知报告格式版本 {version}");

    public static bool TryGet(string version, out ReportFormat format) => ByVersion.TryGetValue(version, out format!);

    /// <summary>The format in force for reports on the given year; null before there was a national table.</summary>
    public static ReportFormat? ForYear(int year) =>
        ByVersion.Values.Where(f => year >= f.FirstYear && (f.LastYear is null || year <= f.LastYear))
            .OrderByDescending(f => f.FirstYear).FirstOrDefault();
}
