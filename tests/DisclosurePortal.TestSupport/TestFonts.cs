namespace DisclosurePortal.TestSupport;

/// <summary>
/// The folder of the Noto Serif SC files the official PDF embeds: Pdf__FontDirectory when set (as in CI and
/// production), else the repository's fonts/ found by walking up from the test binary. Compiled into the PDF and
/// reader tests too, which do not reference this project's database parts.
/// </summary>
public static class TestFonts
{
    public static string Directory()
    {
        var configured = Environment.GetEnvironmentVariable("Pdf__FontDirectory");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "fonts");
            if (File.Exists(Path.Combine(candidate, "NotoSerifSC_400Regular.ttf"))) return candidate;
        }
        throw new DirectoryNotFoundException("fonts/ with Noto Serif SC not found; run scripts/test.sh or set Pdf__FontDirectory.");
    }
}
