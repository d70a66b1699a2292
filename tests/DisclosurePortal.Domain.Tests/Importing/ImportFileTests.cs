using DisclosurePortal.Domain.Importing;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Tests.Importing;

public sealed class ImportFileTests
{
    private static ImportFile Waiting() =>
        ImportBatch.Start(1, [new UnpackedFile(1, "report.html", [1, 2, 3], new string('a', 64), null)],
            new Actor("reviewer-1", "李审核"), DateTimeOffset.UnixEpoch).Files.Single();

    [Fact]
    public void A_body_name_longer_than_any_body_can_have_refuses_the_file_instead_of_failing_its_save()
    {
        // A page whose title line runs on: what the reader took for the body's name is a paragraph.
        var file = Waiting();
        file.Read("{}", new string('县', Body.MaxNameLength + 1), 2024, new BodyNameMatch([]), 0, 0);

        Assert.Equal(ImportFileState.Refused, file.State);
        Assert.StartsWith($"读出的单位名称超过 {Body.MaxNameLength} 字", file.Problem, StringComparison.Ordinal);
        Assert.Null(file.ReadBodyName);
        Assert.False(file.CanAccept);
    }

    [Fact]
    public void A_body_name_of_the_longest_length_kept_is_read()
    {
        var file = Waiting();
        file.Read("{}", new string('县', Body.MaxNameLength), 2024, new BodyNameMatch([]), 0, 0);

        Assert.Equal(ImportFileState.Read, file.State);
        Assert.Equal(Body.MaxNameLength, file.ReadBodyName!.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2007)]
    public void A_year_without_a_national_format_is_refused_and_the_file_stays_as_read(int year)
    {
        var file = Waiting();
        file.Read("{}", "钱店镇人民政府", 2024, new BodyNameMatch([]), 0, 0);

        var refused = Assert.Throws<DomainException>(() => file.Fix(7, year, null));
        Assert.Equal($"报告年度「{year}」没有国家规定的格式，请填写 2019 年及以后的年度", refused.Message);
        Assert.Equal(2024, file.Year);
        Assert.Equal(ImportFileState.Read, file.State);
    }
}
