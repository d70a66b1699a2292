using DisclosurePortal.Domain.Regions;

namespace DisclosurePortal.Domain.Tests.Regions;

public sealed class BodyKindGuessTests
{
    [Theory]
    [InlineData("钱店镇人民政府")]
    [InlineData("钱店镇")]
    [InlineData("缙云县新建乡人民政府")]
    public void A_township_is_told_by_its_zhen_or_xiang(string name) =>
        Assert.Equal(BodyKind.TownshipGovernment, BodyKindGuess.FromName(name));

    [Theory]
    [InlineData("五云街道办事处")]
    [InlineData("缙云县五云街道")]
    public void A_sub_district_office_is_told_by_its_jiedao(string name) =>
        Assert.Equal(BodyKind.SubDistrictOffice, BodyKindGuess.FromName(name));

    [Theory]
    [InlineData("淮安市洪泽区人民政府", BodyKind.CountyGovernment)]
    [InlineData("缙云县人民政府", BodyKind.CountyGovernment)]
    [InlineData("丽水市人民政府", BodyKind.CityGovernment)]
    [InlineData("浙江省人民政府", BodyKind.ProvincialGovernment)]
    [InlineData("上海市人民政府", BodyKind.ProvincialGovernment)]
    [InlineData("广西壮族自治区人民政府", BodyKind.ProvincialGovernment)]
    [InlineData("北京市东城区人民政府", BodyKind.CountyGovernment)]
    public void A_government_is_at_the_level_of_the_last_place_its_name_names(string name, BodyKind expected) =>
        Assert.Equal(expected, BodyKindGuess.FromName(name));

    [Theory]
    [InlineData("缙云县教育局", BodyKind.CountyDepartment)]
    [InlineData("丽水市发展和改革委员会", BodyKind.CityDepartment)]
    [InlineData("浙江省财政厅", BodyKind.ProvincialDepartment)]
    [InlineData("平潭综合实验区公安局", BodyKind.CountyDepartment)]
    [InlineData("上海市人民政府办公厅", BodyKind.ProvincialDepartment)]
    [InlineData("缙云县人民政府办公室", BodyKind.CountyDepartment)]
    [InlineData("丽水市卫健委", BodyKind.CityDepartment)]
    public void A_department_is_at_the_level_of_the_place_its_name_names(string name, BodyKind expected) =>
        Assert.Equal(expected, BodyKindGuess.FromName(name));

    [Theory]
    [InlineData("平潭综合实验区市场监督管理局", BodyKind.CountyDepartment)]
    [InlineData("缙云县住房和城乡建设局", BodyKind.CountyDepartment)]
    [InlineData("丽水市城市管理局", BodyKind.CityDepartment)]
    public void Words_such_as_shichang_or_chengxiang_are_not_taken_for_places(string name, BodyKind expected) =>
        Assert.Equal(expected, BodyKindGuess.FromName(name));

    [Fact]
    public void A_development_zone_committee_is_taken_for_the_zones_government() =>
        Assert.Equal(BodyKind.CountyGovernment, BodyKindGuess.FromName("平潭综合实验区（管委会）"));

    [Theory]
    [InlineData("平潭综合实验区", BodyKind.CountyGovernment)]
    [InlineData("丽水市", BodyKind.CityGovernment)]
    public void A_body_named_by_its_place_alone_is_that_places_government(string name, BodyKind expected) =>
        Assert.Equal(expected, BodyKindGuess.FromName(name));

    [Theory]
    [InlineData("国家电网丽水供电公司")]
    [InlineData("缙云县五云社区")]
    [InlineData("公安局")]
    public void A_name_that_says_no_kind_or_no_level_is_another_body(string name) =>
        Assert.Equal(BodyKind.OtherPublicBody, BodyKindGuess.FromName(name));
}
