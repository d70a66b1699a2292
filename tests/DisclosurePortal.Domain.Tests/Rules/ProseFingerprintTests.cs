using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.Domain.Samples;
using static DisclosurePortal.Domain.Tests.Rules.RuleTestKit;

namespace DisclosurePortal.Domain.Tests.Rules;

/// <summary>The fingerprint by which TEXT-COPIED finds candidate copies among every published report.</summary>
public class ProseFingerprintTests
{
    private static ReportData WithProse(ReportData data, Func<string, string, string> change) =>
        new(data.Format, data.Figures, data.Prose.ToDictionary(kv => kv.Key, kv => change(kv.Key, kv.Value), StringComparer.Ordinal));

    [Fact]
    public void A_copy_with_the_bodys_name_swapped_has_the_same_fingerprint()
    {
        var copy = WithProse(County2024, (_, text) => text.Replace("临川县", "安平县", StringComparison.Ordinal));

        var original = ProseFingerprint.Of(County2024, CountyName);

        Assert.NotEmpty(original);
        Assert.Equal(original, ProseFingerprint.Of(copy, OtherCountyName));
    }

    [Fact]
    public void One_copied_section_in_an_otherwise_different_report_shares_a_band()
    {
        const string problems = Domain.Format.Format2021.ProseProblems;
        Assert.True(County2024.ProseOf(problems).Length >= TextCopiedRule.MinPartLength);
        var borrowed = WithProse(OtherCounty2024, (code, text) => code == problems ? County2024.ProseOf(problems) : text);

        Assert.NotEmpty(ProseFingerprint.Of(County2024, CountyName).Intersect(ProseFingerprint.Of(borrowed, OtherCountyName)));
    }

    [Fact]
    public void Reports_written_independently_rarely_share_a_band()
    {
        var mine = ProseFingerprint.Of(County2024, CountyName);
        var sharing = Enumerable.Range(100, 100)
            .Select(seed => SampleReports.Generate(F2021, BodyKind.CountyGovernment, 2024, OtherCountyName, seed))
            .Count(other => ProseFingerprint.Of(other, OtherCountyName).Intersect(mine).Any());

        // Generated prose shares its set phrases, as real reports do; a shared band only makes a candidate to compare.
        Assert.InRange(sharing, 0, 10);
    }

    [Fact]
    public void Prose_too_short_to_judge_has_no_fingerprint()
    {
        var brief = WithProse(County2024, (_, _) => "本年度无相关情况。");
        Assert.Empty(ProseFingerprint.Of(brief, CountyName));
    }
}
