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
}
