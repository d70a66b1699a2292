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
    public static int CurrentReportYear(DateTimeOffset now) => now.ToOffset(ChinaTime).Year - 1;

    /// <summary>Deadlines are calendar days in China (UTC+8), whatever the server's time zone.</summary>
    public static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(ChinaTime).DateTime);
}

/// <summary>What a new draft takes over from last year's published report.</summary>
public static class Carryover
{
    /// <summary>
    /// 二、上年结转 = last year's 四、结转下年度继续办理, column by column; 现行有效件数 of 规章 and 行政规范性文件 start
    /// from last year's. The clerk may change them; X-CARRY-OVER / X-IN-FORCE then ask for an explanation.
    /// </summary>
    public static Dictionary<Format.CellRef, decimal> FromPreviousYear(ReportData previous)
    {
        var result = new Dictionary<Format.CellRef, decimal>();
        if (previous.Format.Version != Format.Format2021.Version) return result;
        foreach (var col in Format.Format2021.Table3.AllColumns)
            if (previous.Get(Format.Format2021.T3, Format.Format2021.Table3.CarriedForward, col) is { } v)
                result[new(Format.Format2021.T3, Format.Format2021.Table3.CarriedOver, col)] = v;
        foreach (var row in new[] { Format.Format2021.Table2.Rules, Format.Format2021.Table2.NormativeDocs })
            if (previous.Get(Format.Format2021.T2, row, Format.Format2021.Table2.InForce) is { } v)
                result[new(Format.Format2021.T2, row, Format.Format2021.Table2.InForce)] = v;
        return result;
    }
}
