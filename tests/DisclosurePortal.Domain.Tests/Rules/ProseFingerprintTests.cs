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

    [Fact]
    public void The_bands_of_a_text_never_change_since_published_reports_keep_theirs()
    {
        // Stored at publication and searched by every later save: any change of the hashing would hide them.
        var text = new ReportData(F2021, new Dictionary<Domain.Format.CellRef, decimal>(), new Dictionary<string, string>
        {
            [Domain.Format.Format2021.ProseProblems] = "本机关政府信息公开工作仍存在一些不足：主动公开的深度和广度有待加强，依申请公开答复的规范性需进一步提高，" +
                "政策解读的形式较为单一，基层政务公开标准化规范化建设还不够深入。下一步，本机关将围绕群众关切加强重点领域信息公开，" +
                "完善依申请公开办理机制，丰富政策解读形式，推动政务公开工作提质增效。",
        });

        var bands = ProseFingerprint.Of(text, CountyName);

        Assert.Equal(20, bands.Length);
        Assert.Equal(-9067985587707596835L, bands[0]);
        Assert.Equal(5642136405799231406L, bands[17]);
        Assert.Equal(8965360530800654188L, bands[^1]);
    }

    [Fact]
    public void The_bands_of_a_report_of_several_parts_never_change_either()
    {
        // The whole prose's signature is made from its parts' and the 4-grams across their joins: it must stay the
        // signature of the whole text, as stored for every published report.
        var bands = ProseFingerprint.Of(County2024, CountyName);

        Assert.Equal(80, bands.Length);
        Assert.Equal(-8804866787805766406L, bands[0]);
        Assert.Equal(158020051707570905L, bands[40]);
        Assert.Equal(9022178898062270788L, bands[^1]);
    }
}
