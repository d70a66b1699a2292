using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Tests.Reports;

public class TimelinessTests
{
    private static readonly DateOnly Deadline = new(2025, 3, 31);

    [Fact]
    public void Published_on_the_deadline_day_is_on_time_and_a_day_after_is_one_day_late()
    {
        Assert.Equal(new Timeliness(TimelinessKind.OnTime, 0), Timeliness.Of(Deadline, true, Deadline, new DateOnly(2026, 1, 1)));
        Assert.Equal("逾期 1 天", Timeliness.Of(Deadline, true, Deadline.AddDays(1), new DateOnly(2026, 1, 1)).Label);
    }

    [Fact]
    public void Not_published_is_overdue_by_the_days_since_the_deadline_or_not_yet_due()
    {
        Assert.Equal("未发布（已逾期 10 天）", Timeliness.Of(Deadline, false, null, Deadline.AddDays(10)).Label);
        Assert.Equal("未发布（未到期限）", Timeliness.Of(Deadline, false, null, Deadline).Label);
    }

    [Fact]
    public void An_imported_report_counts_from_its_original_date_and_without_one_is_neither_on_time_nor_late()
    {
        // Imported a year later, on 2026-05-01 in the portal, but published by the body on 2025-03-20.
        var importedAt = new DateTimeOffset(2026, 5, 1, 2, 0, 0, TimeSpan.Zero);
        var day = Timeliness.FirstPublishedOn(RevisionOrigin.Imported, new DateOnly(2025, 3, 20), importedAt);
        Assert.Equal(TimelinessKind.OnTime, Timeliness.Of(Deadline, true, day, new DateOnly(2026, 6, 1)).Kind);

        var unknown = Timeliness.FirstPublishedOn(RevisionOrigin.Imported, null, importedAt);
        Assert.Equal("原发布日期不详", Timeliness.Of(Deadline, true, unknown, new DateOnly(2026, 6, 1)).Label);
    }

    [Fact]
    public void A_report_published_here_counts_its_beijing_day()
    {
        // 2025-03-31 16:30 UTC is 2025-04-01 00:30 in Beijing: a day late.
        var day = Timeliness.FirstPublishedOn(RevisionOrigin.Entered, null, new DateTimeOffset(2025, 3, 31, 16, 30, 0, TimeSpan.Zero));
        Assert.Equal("逾期 1 天", Timeliness.Of(Deadline, true, day, new DateOnly(2026, 1, 1)).Label);
    }
}
