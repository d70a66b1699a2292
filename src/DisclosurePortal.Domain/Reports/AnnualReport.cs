using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;

namespace DisclosurePortal.Domain.Reports;

/// <summary>
/// The annual report of one body for one year (unique per body and year) with its revisions.
/// The latest published revision is the public one; a correction supersedes it without changing it.
/// </summary>
public sealed class AnnualReport
{
    private readonly List<ReportRevision> _revisions = [];

    private AnnualReport() { Body = null!; }

    private AnnualReport(Body body, int year)
    {
        Body = body;
        BodyId = body.Id;
        Year = year;
    }

    public int Id { get; private set; }
    public int BodyId { get; private set; }
    public Body Body { get; private set; }
    public int Year { get; private set; }
    public IReadOnlyCollection<ReportRevision> Revisions => _revisions.AsReadOnly();

    /// <summary>The revision being worked on or, when none is open, the latest one.</summary>
    public ReportRevision Current => _revisions.MaxBy(r => r.Number)
        ?? throw new InvalidOperationException("report without revisions");

    /// <summary>The public revision: the latest published one, or null before the first publication.</summary>
    public ReportRevision? Published =>
        _revisions.Where(r => r.Status == RevisionStatus.Published).MaxBy(r => r.Number);

    /// <summary>The audit trail: every save and transition of every revision, newest first (history loaded).</summary>
    public IReadOnlyList<(ReportRevision Revision, RevisionEvent Event)> AuditTrail() =>
        [.. _revisions.SelectMany(v => v.History.Select(e => (v, e))).OrderByDescending(x => x.e.Id)];

    /// <summary>
    /// Starts the report of <paramref name="body"/> for <paramref name="year"/> as a draft in the format of that
    /// year, optionally pre-filled (e.g. 上年结转 from last year's 结转下年度).
    /// </summary>
    public static AnnualReport Start(Body body, int year, Actor actor, DateTimeOffset now,
        IReadOnlyDictionary<CellRef, decimal>? prefill = null)
    {
        if (year > now.Year) throw new DomainException($"{year} 年尚未开始，不能创建该年度的报告");
        var format = ReportFormats.ForYear(year)
            ?? throw new DomainException($"{year} 年没有国家统一的年度报告格式，不能在本平台填报");
        var report = new AnnualReport(body, year);
        var revision = new ReportRevision(report, 1, format, actor, now, null);
        if (prefill is not null) revision.Prefill(prefill);
        report._revisions.Add(revision);
        return report;
    }

    /// <summary>
    /// Starts a correction of the published report: a new revision with the published content and a required
    /// 更正说明. The published revision stays as it is and public until the correction is published.
    /// </summary>
    public const int MaxCorrectionNoteLength = 4_000;

    public ReportRevision StartCorrection(string correctionNote, Actor actor, DateTimeOffset now)
    {
        var published = Published ?? throw new DomainException("报告尚未发布，不能发起更正；请直接修改草稿");
        if (Current.Status != RevisionStatus.Published)
            throw new DomainException($"已有一个未发布的修订（第 {Current.Number} 版，{Current.Status.Label()}），请先完成它");
        if (string.IsNullOrWhiteSpace(correctionNote)) throw new DomainException("发起更正必须填写更正说明");
        if (ProseValues.Problem(correctionNote, MaxCorrectionNoteLength) is { } problem) throw new DomainException($"更正说明{problem}");
        var revision = new ReportRevision(this, Current.Number + 1, ReportFormats.Get(published.FormatVersion), actor,
            now, correctionNote.Trim());
        revision.CopyContentFrom(published);
        _revisions.Add(revision);
        return revision;
    }

    /// <summary>
    /// Takes in a report that <paramref name="body"/> already published elsewhere (a web page, a PDF, a Word file) as
    /// its published report for <paramref name="year"/>: the figures and prose as printed, totals as given (the rules
    /// then show the report's own errors; nothing is corrected), in the format of that year.
    /// </summary>
    public static AnnualReport ImportPublished(Body body, int year, ReportData data, DateOnly? originallyPublishedOn,
        string source, Actor actor, DateTimeOffset now)
    {
        var format = ReportFormats.ForYear(year);
        if (format is null || format.Version != data.Format.Version)
            throw new DomainException($"{year} 年的报告应使用{format?.Name ?? "（无全国统一格式）"}，文件使用的是{data.Format.Name}");
        var report = Start(body, year, actor, now);
        report.Current.Save(data.Format.Cells.ToDictionary(c => c.Ref, c => data[c.Ref]),
            data.Format.ProseParts.ToDictionary(p => p.Code, p => (string?)data.ProseOf(p.Code)),
            FigureEntry.AsGiven, actor, now);
        report.Current.PublishImported(originallyPublishedOn, source, actor, now);
        return report;
    }
}
