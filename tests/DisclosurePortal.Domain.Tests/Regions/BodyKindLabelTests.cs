using DisclosurePortal.Domain.Regions;

namespace DisclosurePortal.Domain.Tests.Regions;

public sealed class BodyKindLabelTests
{
    [Fact]
    public void A_kind_stored_by_name_reads_as_its_chinese_label()
    {
        Assert.Equal("乡镇人民政府", BodyKinds.LabelOf("TownshipGovernment"));
        Assert.Equal(BodyKind.CountyDepartment.Label(), BodyKinds.LabelOf(nameof(BodyKind.CountyDepartment)));
    }

    [Fact]
    public void An_unknown_stored_kind_is_shown_as_stored_rather_than_guessed()
    {
        Assert.Equal("NoSuchKind", BodyKinds.LabelOf("NoSuchKind"));
        Assert.Equal("3", BodyKinds.LabelOf("3"));
        Assert.Equal("99", BodyKinds.LabelOf("99"));
    }
}
