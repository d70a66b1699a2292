using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Exchange.Reading;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Rules;
using Xunit.Abstractions;

namespace DisclosurePortal.Domain.Tests.Rules;

/// <summary>
/// FEE-MAGNITUDE and TEXT-FIGURES on every real report whose copied text reads: each fires only where the report
/// itself is wrong. The findings are listed to the test output, the calibration's record (docs/rules.md).
/// </summary>
public class RealReportRuleTests(ITestOutputHelper output)
{
    /// <summary>The prose figures real reports get wrong, checked against their own printed tables by hand.</summary>
    private static readonly Dictionary<string, string[]> TrueTextFigures = new(StringComparer.Ordinal)
    {
        // 「全区收到政府信息公开申请75件」, but 表三 一 总计 prints 74.
        ["12-pingtan-2022"] = ["收到政府信息公开申请75件"],
    };

    private static IEnumerable<(string Folder, ReadResult Read)> Readable() =>
        System.IO.Directory.GetDirectories(RealReports.Directory()).Select(Path.GetFileName).OfType<string>()
            .Where(f => File.Exists(RealReports.PathOf(f, "text.txt"))).Order(StringComparer.Ordinal)
            .Select(f => (f, ReportMatcher.Match(TextSource.Read(File.ReadAllText(RealReports.PathOf(f, "text.txt"))))))
            .Where(r => r.Item2.Succeeded);

    private List<Violation> Findings(string folder, ReadResult read, string code)
    {
        var kind = BodyKindGuess.FromName(read.BodyName!);
        var found = ReportRules.Evaluate(new RuleInput(read.Data!, kind, BodyName: read.BodyName)).Where(v => v.Code == code).ToList();
        foreach (var v in found) output.WriteLine($"{folder} ({kind}): {v.Message}");
        return found;
    }

    [Fact]
    public void Fee_magnitude_is_silent_on_every_real_fee()
    {
        var read = Readable().ToList();
        output.WriteLine($"{read.Count} real reports read: {string.Join(", ", read.Select(r => r.Folder))}");
        Assert.True(read.Count >= 6, $"only {read.Count} real reports read");
        Assert.All(read, r => Assert.Empty(Findings(r.Folder, r.Read, RuleCodes.FeeMagnitude)));
    }

    [Fact]
    public void Text_figures_fire_on_the_real_mismatches_and_on_nothing_else()
    {
        foreach (var (folder, read) in Readable())
        {
            var messages = Findings(folder, read, RuleCodes.TextFigures).Select(v => v.Message).ToList();
            var expected = TrueTextFigures.GetValueOrDefault(folder) ?? [];
            Assert.True(expected.Length == 0 ? messages.Count == 0 : messages.Count == 1,
                $"{folder}: {string.Join(" | ", messages)}");
            foreach (var quote in expected) Assert.Contains(quote, messages[0], StringComparison.Ordinal);
        }
    }
}
