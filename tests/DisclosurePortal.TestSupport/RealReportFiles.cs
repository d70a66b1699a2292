namespace DisclosurePortal.TestSupport;

/// <summary>
/// The real published reports in tests/real-reports (in the repository, so a fresh clone has them), found by
/// walking up from the test binary.
/// </summary>
public static class RealReportFiles
{
    public static string PathOf(string folder, string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "real-reports", folder, file);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"tests/real-reports/{folder}/{file} not found above " + AppContext.BaseDirectory);
    }
}
