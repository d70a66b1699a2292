namespace DisclosurePortal.Domain.Tests.Exchange;

internal static class TestData
{
    /// <summary>The real 钱店镇 2024 report as converted from PDF, linked from the demo data.</summary>
    public static string Seed() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "qiandian-2024.txt"));

    public static string[] SeedLines() => Seed().Split('\n');

    /// <summary>The repository root, for checks against committed files such as docs/report-json.schema.json.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DisclosurePortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
