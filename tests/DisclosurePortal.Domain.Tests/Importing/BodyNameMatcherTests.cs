using DisclosurePortal.Domain.Importing;

namespace DisclosurePortal.Domain.Tests.Importing;

public sealed class BodyNameMatcherTests
{
    private static readonly BodyCandidate Hongze = new(1, "淮安市洪泽区人民政府");
    private static readonly BodyCandidate HongzeEducation = new(2, "淮安市洪泽区教育局");
    private static readonly BodyCandidate Qingjiangpu = new(3, "淮安市清江浦区人民政府");
    private static readonly BodyCandidate[] Region = [Hongze, HongzeEducation, Qingjiangpu];

    [Fact]
    public void An_exact_name_matches_its_body()
    {
        var match = BodyNameMatcher.Match("淮安市洪泽区教育局", Region);
        Assert.Equal(HongzeEducation, match.Body);
        Assert.Null(match.Problem);
    }

    [Fact]
    public void An_exact_name_wins_over_near_names()
    {
        BodyCandidate[] bodies = [new(1, "洪泽区人民政府"), new(2, "淮安市洪泽区人民政府")];
        Assert.Equal(1, BodyNameMatcher.Match("洪泽区人民政府", bodies).Body?.Id);
    }

    [Theory]
    [InlineData("洪泽区人民政府")]
    [InlineData("洪泽区")]
    [InlineData("江苏省淮安市洪泽区人民政府")]
    [InlineData(" 淮安市 洪泽区人民政府 ")]
    public void A_name_without_or_with_more_region_in_front_matches_the_body(string read) =>
        Assert.Equal(Hongze, BodyNameMatcher.Match(read, Region).Body);

    [Fact]
    public void A_government_name_does_not_match_a_department_of_the_same_county() =>
        Assert.DoesNotContain(HongzeEducation, BodyNameMatcher.Match("洪泽区人民政府", Region).Bodies);

    [Fact]
    public void Two_near_matches_are_ambiguous_and_named_for_the_reviewer_to_choose()
    {
        BodyCandidate[] bodies = [new(1, "淮安市洪泽区教育局"), new(2, "淮安市清江浦区教育局")];
        var match = BodyNameMatcher.Match("教育局", bodies);
        Assert.Null(match.Body);
        Assert.Equal("与两个单位相符：淮安市洪泽区教育局、淮安市清江浦区教育局，请选择", match.Problem);
    }

    [Theory]
    [InlineData("南京市鼓楼区人民政府")]
    [InlineData("人民政府")]
    [InlineData("")]
    [InlineData(null)]
    public void A_name_of_no_body_of_the_region_is_not_found(string? read)
    {
        var match = BodyNameMatcher.Match(read, Region);
        Assert.Empty(match.Bodies);
        Assert.Equal("未找到单位，请选择", match.Problem);
    }
}
