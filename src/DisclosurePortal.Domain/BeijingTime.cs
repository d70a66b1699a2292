using System.Globalization;

namespace DisclosurePortal.Domain;

/// <summary>
/// How a time is shown to people: stored in UTC, shown in Beijing time (UTC+8, no daylight saving) as
/// YYYY-MM-DD HH:MM, whatever the server's time zone. Fields meant for programs keep ISO 8601 with their offset.
/// </summary>
public static class BeijingTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>「2025-03-31 14:05」.</summary>
    public static string Format(DateTimeOffset t) =>
        t.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>「2025-03-31 14:05」, or nothing when there is no time.</summary>
    public static string Format(DateTimeOffset? t) => t is { } v ? Format(v) : "";

    /// <summary>「2025-03-31T14:05:00+08:00」: for programs, the same clock as <see cref="Format(DateTimeOffset)"/> with its offset.</summary>
    public static string Iso8601(DateTimeOffset t) =>
        t.ToOffset(Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>「2025-03-31 14:05（北京时间）」, where a reader may be anywhere (the public pages).</summary>
    public static string Labelled(DateTimeOffset t) => Format(t) + "（北京时间）";

    /// <summary>The calendar day in Beijing: 「2025-03-31」.</summary>
    public static string Date(DateTimeOffset t) =>
        t.ToOffset(Offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The calendar day in Beijing.</summary>
    public static DateOnly Day(DateTimeOffset t) => DateOnly.FromDateTime(t.ToOffset(Offset).DateTime);
}
