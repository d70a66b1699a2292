using DisclosurePortal.Pdf;

namespace DisclosurePortal.Pdf.Tests;

public class ReportTitleTests
{
    [Fact]
    public void Title_names_the_body_and_the_year_as_the_official_form_does() =>
        Assert.Equal("钱店镇2024年政府信息公开工作年度报告", ReportTitle.For("钱店镇", 2024));
}
