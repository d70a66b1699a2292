namespace DisclosurePortal.Domain.Format;

/// <summary>
/// The registry of known formats. A revision stores its format version; adding the 2019 trial format
/// (国办公开办函〔2019〕60号) means adding a definition here, not a database migration.
/// </summary>
public static class ReportFormats
{
    private static readonly Dictionary<string, ReportFormat> ByVersion = new(StringComparer.Ordinal)
    {
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
