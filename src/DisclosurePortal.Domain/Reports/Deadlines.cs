using DisclosurePortal.Domain.Regions;

namespace DisclosurePortal.Domain.Reports;

/// <summary>When a body's report on a year is due (条例 art. 49).</summary>
public static class Deadlines
{
    /// <summary>
    /// Departments of governments at county level and above publish by 1月31日; governments by 3月31日.
    /// The 条例 sets no date for townships and sub-districts: counties do, so until a region sets one the
    /// governments' 3月31日 applies to them too.
    /// </summary>
    public static DateOnly Default(BodyKind kind, int reportYear) => kind.IsDepartment()
        ? new DateOnly(reportYear + 1, 1, 31)
        : new DateOnly(reportYear + 1, 3, 31);

    /// <summary>The report year clerks are working on at a given date: last year's, until the next one starts.</summary>
    public static int CurrentReportYear(DateTimeOffset now) => Today(now).Year - 1;

    /// <summary>Deadlines are calendar days in China (UTC+8), whatever the server's time zone.</summary>
    public static DateOnly Today(DateTimeOffset now) => BeijingTime.Day(now);

    /// <summary>
    /// The deadline of a body's report: the setting of the nearest region (the body's own, then up the tree) that
    /// sets one for the body's group and year, else <see cref="Default"/>. A county's setting thus fixes the
    /// date of its townships, which the 条例 leaves to it.
    /// </summary>
    /// <param name="regionChain">The body's region first, then its parent, up to the root.</param>
    public static DateOnly For(BodyKind kind, int reportYear, IReadOnlyList<int> regionChain,
        IEnumerable<RegionDeadline> settings)
    {
        var group = kind.DeadlineGroup();
        var relevant = settings.Where(s => s.Year == reportYear && s.Group == group)
            .ToDictionary(s => s.RegionId, s => s.Due);
        foreach (var regionId in regionChain)
            if (relevant.TryGetValue(regionId, out var due)) return due;
        return Default(kind, reportYear);
    }

    public static DeadlineGroup DeadlineGroup(this BodyKind kind) => kind switch
    {
        _ when kind.IsDepartment() => Reports.DeadlineGroup.Departments,
        BodyKind.TownshipGovernment or BodyKind.SubDistrictOffice => Reports.DeadlineGroup.Townships,
        _ => Reports.DeadlineGroup.Governments,
    };

    public static string Label(this DeadlineGroup group) => group switch
    {
        Reports.DeadlineGroup.Departments => "政府部门",
        Reports.DeadlineGroup.Townships => "乡镇（街道）",
        _ => "人民政府及其他单位",
    };
}

/// <summary>The groups of bodies a region sets a deadline for (条例 art. 49 distinguishes the first two).</summary>
public enum DeadlineGroup
{
    Departments,    // 政府部门：默认 1月31日
    Governments,    // 人民政府（及其他单位）：默认 3月31日
    Townships,      // 乡镇人民政府、街道办事处：由县级设定，未设定时 3月31日
}

/// <summary>A region's deadline for one group of its bodies (and its sub-regions' bodies) on one report year.</summary>
public sealed class RegionDeadline
{
    private RegionDeadline() { UpdatedBy = ""; }

    public RegionDeadline(int regionId, int year, DeadlineGroup group, DateOnly due, Actor actor, DateTimeOffset now)
    {
        RegionId = regionId;
        Year = year;
        Group = group;
        UpdatedBy = actor.Name;
        Change(due, actor, now);
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public int Year { get; private set; }
    public DeadlineGroup Group { get; private set; }
    public DateOnly Due { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; }

    public void Change(DateOnly due, Actor actor, DateTimeOffset now)
    {
        // A deadline before the year has ended, or years after it, is a typing error, not a policy.
        if (due.Year <= Year || due.Year > Year + 1)
            throw new DomainException($"{Year} 年度报告的发布期限须在 {Year + 1} 年内（填写的是 {due:yyyy-MM-dd}）");
        Due = due;
        UpdatedAt = now.ToUniversalTime();
        UpdatedBy = actor.Name;
    }
}

/// <summary>What a new draft takes over from last year's published report.</summary>
public static class Carryover
{
    /// <summary>
    /// 二、上年结转 = last year's 四、结转下年度继续办理, column by column; 现行有效件数 of 规章 and 行政规范性文件 start
    /// from last year's. The clerk may change them; X-CARRY-OVER / X-IN-FORCE then ask for an explanation.
    /// 表三 has the same codes in both formats, so a 2021 draft takes over a 2020 report's 结转下年度; the 2019 format
    /// has no 现行有效件数, so nothing is taken for it.
    /// </summary>
    public static Dictionary<Format.CellRef, decimal> FromPreviousYear(ReportData previous)
    {
        var result = new Dictionary<Format.CellRef, decimal>();
        foreach (var col in Format.Format2021.Table3.AllColumns)
            if (previous.Get(Format.Format2021.T3, Format.Format2021.Table3.CarriedForward, col) is { } v)
                result[new(Format.Format2021.T3, Format.Format2021.Table3.CarriedOver, col)] = v;
        foreach (var row in new[] { Format.Format2021.Table2.Rules, Format.Format2021.Table2.NormativeDocs })
            if (previous.Get(Format.Format2021.T2, row, Format.Format2021.Table2.InForce) is { } v)
                result[new(Format.Format2021.T2, row, Format.Format2021.Table2.InForce)] = v;
        return result;
    }
}
