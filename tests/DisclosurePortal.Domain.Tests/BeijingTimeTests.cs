namespace DisclosurePortal.Domain.Tests;

public sealed class BeijingTimeTests
{
    [Fact]
    public void A_utc_time_is_shown_in_beijing_time_to_the_minute()
    {
        var t = new DateTimeOffset(2025, 3, 31, 16, 5, 59, TimeSpan.Zero);
        Assert.Equal("2025-04-01 00:05", BeijingTime.Format(t));
        Assert.Equal("2025-04-01 00:05（北京时间）", BeijingTime.Labelled(t));
        Assert.Equal("2025-04-01", BeijingTime.Date(t));
        Assert.Equal(new DateOnly(2025, 4, 1), BeijingTime.Day(t));
    }

    [Fact]
    public void A_time_for_programs_is_beijing_time_with_its_offset_and_the_same_instant()
    {
        var t = new DateTimeOffset(2025, 3, 31, 16, 5, 59, TimeSpan.Zero);
        Assert.Equal("2025-04-01T00:05:59+08:00", BeijingTime.Iso8601(t));
        Assert.Equal(t, DateTimeOffset.Parse(BeijingTime.Iso8601(t), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_time_with_any_offset_is_shown_the_same_and_no_time_is_shown_as_nothing()
    {
        var utc = new DateTimeOffset(2025, 1, 20, 1, 30, 0, TimeSpan.Zero);
        Assert.Equal(BeijingTime.Format(utc), BeijingTime.Format(utc.ToOffset(TimeSpan.FromHours(-5))));
        Assert.Equal("2025-01-20 09:30", BeijingTime.Format((DateTimeOffset?)utc));
        Assert.Equal("", BeijingTime.Format((DateTimeOffset?)null));
    }
}
