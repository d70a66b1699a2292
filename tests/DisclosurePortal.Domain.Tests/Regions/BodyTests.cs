using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Regions;

namespace DisclosurePortal.Domain.Tests.Regions;

public sealed class BodyTests
{
    private static readonly Region County = new("331122", "缙云县", RegionLevel.County, null);
    private static readonly Region Other = new("331123", "遂昌县", RegionLevel.County, null);

    [Fact]
    public void A_changed_body_keeps_its_code_and_takes_the_new_name_kind_and_region()
    {
        var body = new Body("jinyun-jyj", "缙云县教育局", BodyKind.CountyDepartment, County);
        body.Change("  遂昌县教育体育局 ", BodyKind.CountyGovernment, Other);
        Assert.Equal(("jinyun-jyj", "遂昌县教育体育局", BodyKind.CountyGovernment, "遂昌县"), (body.Code, body.Name, body.Kind, body.Region.Name));
    }

    [Fact]
    public void A_body_cannot_be_given_an_empty_name()
    {
        var body = new Body("jinyun-jyj", "缙云县教育局", BodyKind.CountyDepartment, County);
        Assert.Equal("单位名称不能为空", Assert.Throws<DomainException>(() => body.Change(" ", BodyKind.CountyDepartment, County)).Message);
        Assert.Equal("缙云县教育局", body.Name);
    }
}
