using System.Globalization;

namespace DisclosurePortal.Domain.Reports;

public enum TimelinessKind
{
    OnTime,
    Late,
    /// <summary>Not published, and the deadline has not passed yet.</summary>
    NotYetDue,
    /// <summary>Not published, and the deadline has passed.</summary>
    Missing,
    /// <summary>Published, imported from elsewhere without its original date: neither on time nor late is known.</summary>
    DateUnknown,
}

/// <summary>Whether a body's report on a year came by its deadline (条例 art. 49), and by how many days it missed it.</summary>
public sealed record Timeliness(TimelinessKind Kind, int DaysLate)
{
    /// <summary>
    /// The day a report was first made public, in Beijing time: for history imported from elsewhere the date the body
    /// published it (null when unknown), for a report published here its first publication.
    /// </summary>
    /// <param name="origin">The origin of the report's first published revision.</param>
    public static DateOnly? FirstPublishedOn(RevisionOrigin origin, DateOnly? originallyPublishedOn, DateTimeOffset? publishedAt) =>
        origin == RevisionOrigin.Imported ? originallyPublishedOn
        : publishedAt is { } at ? BeijingTime.Day(at) : null;

    public static Timeliness Of(DateOnly deadline, bool published, DateOnly? publishedOn, DateOnly today)
    {
        if (!published)
            return today > deadline ? new(TimelinessKind.Missing, today.DayNumber - deadline.DayNumber) : new(TimelinessKind.NotYetDue, 0);
        if (publishedOn is not { } day) return new(TimelinessKind.DateUnknown, 0);
        return day > deadline ? new(TimelinessKind.Late, day.DayNumber - deadline.DayNumber) : new(TimelinessKind.OnTime, 0);
    }

    public bool IsPublished => Kind is TimelinessKind.OnTime or TimelinessKind.Late or TimelinessKind.DateUnknown;
    /// <summary>Past the deadline: published late, or still missing.</summary>
    public bool IsLate => Kind is TimelinessKind.Late or TimelinessKind.Missing;

    /// <summary>「按时」「逾期 3 天」「未发布（已逾期 12 天）」「未发布（未到期限）」「原发布日期不详」.</summary>
    public string Label => Kind switch
    {
        TimelinessKind.OnTime => "按时",
        TimelinessKind.Late => $"逾期 {DaysLate.ToString(CultureInfo.InvariantCulture)} 天",
        TimelinessKind.Missing => $"未发布（已逾期 {DaysLate.ToString(CultureInfo.InvariantCulture)} 天）",
        TimelinessKind.NotYetDue => "未发布（未到期限）",
        _ => "原发布日期不详",
    };

    /// <summary>Sorts on time first, then late by days, unknown, not yet due, missing by days.</summary>
    public int Rank => Kind switch
    {
        TimelinessKind.OnTime => 0,
        TimelinessKind.Late => 1 + DaysLate,
        TimelinessKind.DateUnknown => 100_000,
        TimelinessKind.NotYetDue => 100_001,
        _ => 100_002 + DaysLate,
    };
}
