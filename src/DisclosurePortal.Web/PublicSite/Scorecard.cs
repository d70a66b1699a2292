using System.Globalization;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.PublicSite;

/// <summary>One body's line of the scorecard: its report of the year as published, judged as evaluators judge it.</summary>
public sealed record ScorecardRow(
    string BodyCode, string BodyName, string RegionName, int RegionId, BodyKind Kind, DateOnly Deadline, Timeliness Timeliness,
    bool Imported, int Blocking, int Warnings, string? Copied, string? FormatName, bool FormatFollowed)
{
    public bool Published => Timeliness.IsPublished;
}

/// <summary>The shares of a region (its sub-regions included): of its bodies, how many published on time, late, not at all.</summary>
public sealed record ScorecardShare(string RegionCode, string RegionName, int Bodies, int OnTime, int Late, int DateUnknown,
    int NotPublished, int WithBlocking, int WithCopies)
{
    public static string Percent(int part, int whole) =>
        whole == 0 ? "—" : (100m * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}

/// <summary>One body's publication over the last years, for the by-year progress table.</summary>
public sealed record ScorecardYears(string BodyCode, string BodyName, string RegionName, IReadOnlyList<Timeliness> PerYear);

/// <summary>
/// The public quality scorecard of a region and year: per body whether the report came by the region's deadline,
/// the rules' blocking findings and warnings on the published report (雷同 named with the report it resembles), and
/// whether the year's format was used; the shares per region; and who has published in each of the last years.
/// The rules run on the stored published revision with the same context as the review page (RuleContexts).
/// </summary>
public sealed class Scorecard
{
    /// <summary>Years of the by-year table, ending with the scorecard's year.</summary>
    public const int YearsShown = 5;

    public required Region Region { get; init; }
    public required int Year { get; init; }
    public required IReadOnlyList<ScorecardRow> Rows { get; init; }
    /// <summary>The region itself first, then each of its direct sub-regions.</summary>
    public required IReadOnlyList<ScorecardShare> Shares { get; init; }
    public required IReadOnlyList<int> Years { get; init; }
    public required IReadOnlyList<ScorecardYears> ByYear { get; init; }

    public static async Task<Scorecard?> LoadAsync(PortalDbContext db, string regionCode, int year, DateTimeOffset now, CancellationToken ct)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == regionCode, ct);
        if (region is null) return null;
        var subtree = await ReviewerAccess.SubtreeAsync(db, region.Id, ct);

        // Every body of the region with its deadline and first publication; drafts and submissions are not shown.
        var list = await ReviewList.LoadAsync(db, subtree, year, now, ct);
        var judged = await JudgeAsync(db, subtree, year, ct);
        var rows = list.Select(r =>
        {
            var j = judged.GetValueOrDefault(r.BodyId);
            return new ScorecardRow(r.BodyCode, r.BodyName, r.RegionName, r.RegionId, r.Kind, r.Deadline, r.Timeliness,
                j?.Imported ?? false, j?.Blocking ?? 0, j?.Warnings ?? 0, j?.Copied, j?.Format.Name,
                j is null || j.Format == ReportFormats.ForYear(year));
        }).ToList();

        var regions = await db.Regions.AsNoTracking().Where(r => subtree.Contains(r.Id)).ToListAsync(ct);
        var shares = new List<ScorecardShare> { Share(region, rows) };
        foreach (var child in regions.Where(r => r.ParentId == region.Id).OrderBy(r => r.Code, StringComparer.Ordinal))
        {
            var below = Below(child.Id, regions);
            shares.Add(Share(child, rows.Where(r => below.Contains(r.RegionId)).ToList()));
        }

        var years = Enumerable.Range(year - YearsShown + 1, YearsShown).Where(y => ReportFormats.ForYear(y) is not null).ToList();
        var perYear = new List<IReadOnlyList<ReviewList.Row>>();
        foreach (var y in years) perYear.Add(y == year ? list : await ReviewList.LoadAsync(db, subtree, y, now, ct));
        var byYear = list.Select((r, i) => new ScorecardYears(r.BodyCode, r.BodyName, r.RegionName,
            [.. perYear.Select(rowsOfYear => rowsOfYear.Single(x => x.BodyId == r.BodyId).Timeliness)])).ToList();

        return new Scorecard { Region = region, Year = year, Rows = rows, Shares = shares, Years = years, ByYear = byYear };
    }

    private sealed record Judged(bool Imported, int Blocking, int Warnings, string? Copied, ReportFormat Format);

    /// <summary>The rules on each current published revision of the year, with last year's report and the 雷同 candidates.</summary>
    private static async Task<Dictionary<int, Judged>> JudgeAsync(PortalDbContext db, IReadOnlySet<int> subtree, int year, CancellationToken ct)
    {
        var revisions = await db.CurrentPublishedRevisions().AsNoTracking()
            .Include(v => v.Report).ThenInclude(r => r.Body)
            .Where(v => v.Report.Year == year && subtree.Contains(v.Report.Body.RegionId))
            .ToListAsync(ct);
        var imported = (await db.Revisions.AsNoTracking()
                .Where(v => v.Number == 1 && v.Origin == RevisionOrigin.Imported && v.Report.Year == year
                            && subtree.Contains(v.Report.Body.RegionId))
                .Select(v => v.ReportId).ToListAsync(ct)).ToHashSet();
        var judged = new Dictionary<int, Judged>();
        foreach (var revision in revisions)
        {
            var data = revision.ToData();
            var (lastYear, others) = await RuleContexts.LoadAsync(db, revision.Report, data, ct);
            var findings = ReportRules.Evaluate(new RuleInput(data, revision.BodyKind, lastYear, others, revision.BodyName));
            judged[revision.Report.BodyId] = new Judged(imported.Contains(revision.ReportId),
                findings.Count(f => f.Level == RuleLevel.Blocking), findings.Count(f => f.Level == RuleLevel.Warning),
                findings.FirstOrDefault(f => f.Code == RuleCodes.TextCopied)?.Message, revision.Format);
        }
        return judged;
    }

    private static HashSet<int> Below(int regionId, IReadOnlyList<Region> regions)
    {
        var ids = new HashSet<int> { regionId };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var r in regions)
                if (r.ParentId is { } p && ids.Contains(p) && ids.Add(r.Id)) grew = true;
        }
        return ids;
    }

    private static ScorecardShare Share(Region region, List<ScorecardRow> rows) => new(
        region.Code, region.Name, rows.Count,
        rows.Count(r => r.Timeliness.Kind == TimelinessKind.OnTime),
        rows.Count(r => r.Timeliness.Kind == TimelinessKind.Late),
        rows.Count(r => r.Timeliness.Kind == TimelinessKind.DateUnknown),
        rows.Count(r => !r.Published),
        rows.Count(r => r.Blocking > 0),
        rows.Count(r => r.Copied is not null));

    /// <summary>The columns a person can sort by, with the query-string names the page and the CSV share.</summary>
    public static readonly IReadOnlyDictionary<string, Func<ScorecardRow, IComparable>> SortKeys =
        new Dictionary<string, Func<ScorecardRow, IComparable>>(StringComparer.Ordinal)
        {
            ["body"] = r => r.RegionName + "\u0001" + r.BodyName,
            ["timeliness"] = r => r.Timeliness.Rank,
            ["blocking"] = r => r.Blocking,
            ["warnings"] = r => r.Warnings,
            ["copied"] = r => r.Copied is null ? 0 : 1,
            ["format"] = r => r.Published ? (r.FormatFollowed ? 0 : 1) : 2,
        };

    public IReadOnlyList<ScorecardRow> Sorted(string? sort, bool descending)
    {
        var key = sort is not null && SortKeys.TryGetValue(sort, out var k) ? k : SortKeys["body"];
        var ordered = descending ? Rows.OrderByDescending(key) : Rows.OrderBy(key);
        return [.. ordered.ThenBy(r => r.RegionName, StringComparer.Ordinal).ThenBy(r => r.BodyName, StringComparer.Ordinal)];
    }

    public static readonly string[] CsvHeader =
        ["区划", "单位", "单位类型", "发布期限", "是否按时", "逾期天数", "历史报告（导入）", "阻断性问题", "提示性问题", "雷同", "报告格式", "是否使用本年度格式"];

    /// <summary>The table as CSV (UTF-8 with BOM, Chinese headers), in the order asked.</summary>
    public string ToCsv(string? sort, bool descending)
    {
        var sb = new System.Text.StringBuilder("\uFEFF");
        sb.Append(CsvText.Line(CsvHeader));
        foreach (var r in Sorted(sort, descending))
            sb.Append(CsvText.Line([
                CsvText.Text(r.RegionName), CsvText.Text(r.BodyName), CsvText.Text(r.Kind.Label()),
                r.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CsvText.Text(r.Timeliness.Label),
                r.Timeliness.IsLate ? r.Timeliness.DaysLate.ToString(CultureInfo.InvariantCulture) : "",
                r.Imported ? "是" : "",
                r.Published ? r.Blocking.ToString(CultureInfo.InvariantCulture) : "", r.Published ? r.Warnings.ToString(CultureInfo.InvariantCulture) : "",
                CsvText.Text(r.Copied), CsvText.Text(r.FormatName), r.Published ? r.FormatFollowed ? "是" : "否" : "",
            ]));
        return sb.ToString();
    }
}
