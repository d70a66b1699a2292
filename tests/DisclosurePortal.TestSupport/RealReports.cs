using System.Text.Json;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.TestSupport;

/// <summary>
/// The real published reports in tests/real-reports (README.md there, copied from the project's shared folder so a
/// clone of the repository has them): found by walking up from the test binary to the repository. Compiled into the
/// domain and reader tests too, which do not reference this project's database parts.
/// </summary>
public static class RealReports
{
    public static string Directory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "real-reports");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("tests/real-reports not found above " + AppContext.BaseDirectory);
    }

    public static string PathOf(string folder, string file) => Path.Combine(Directory(), folder, file);

    /// <summary>The folders whose report is in the given format (truth.json "format").</summary>
    public static IEnumerable<string> Folders(string format) =>
        System.IO.Directory.GetDirectories(Directory()).Select(Path.GetFileName).OfType<string>()
            .Where(f => File.Exists(PathOf(f, "truth.json")) && Truth(f).GetProperty("format").GetString() == format)
            .Order(StringComparer.Ordinal);

    public static JsonElement Truth(string folder) =>
        JsonDocument.Parse(File.ReadAllText(PathOf(folder, "truth.json"))).RootElement;

    /// <summary>Every figure of truth.json that the data does not hold as printed: 「t3/1/total: 8 ≠ 7」.</summary>
    public static List<string> WrongFigures(string folder, ReportData data)
    {
        var wrong = new List<string>();
        foreach (var table in Truth(folder).GetProperty("figures").EnumerateObject())
        foreach (var row in table.Value.EnumerateObject())
        foreach (var column in row.Value.EnumerateObject())
        {
            decimal? expected = column.Value.ValueKind == JsonValueKind.Null ? null : column.Value.GetDecimal();
            var actual = data.Get(table.Name, row.Name, column.Name);
            if (expected != actual) wrong.Add($"{table.Name}/{row.Name}/{column.Name}: {Show(actual)} ≠ {Show(expected)}");
        }
        return wrong;
    }

    private static string Show(decimal? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "空";
}
