using System.Globalization;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.Web.Publishing;
using DisclosurePortal.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Review;

/// <summary>
/// The review view of one report: the figures in the official layout beside last year's,
/// every rule warning with the clerk's explanation, a correction's diff against the published revision, every
/// revision and the audit trail; and the decisions: return with a general comment and comments anchored to cells,
/// prose parts or rule codes; approve and publish now; approve and publish at a chosen time.
/// Every decision carries the page's version (xmin): a decision on a page that has gone stale changes nothing.
/// </summary>
public sealed class ReportModel(PortalDbContext db, ReportPublisher publisher, TimeProvider clock)
    : PageModel
{
    /// <summary>Blank anchored-comment rows offered without JavaScript; the script adds more on demand.</summary>
    public const int CommentRows = 3;

    public AnnualReport Report { get; private set; } = null!;
    /// <summary>The revision shown: the current one, or an earlier one asked for with ?revision=N.</summary>
    public ReportRevision Revision { get; private set; } = null!;
    public ReportData Data { get; private set; } = null!;
    public ReportData? LastYear { get; private set; }
    public IReadOnlyList<Violation> Violations { get; private set; } = [];
    /// <summary>For a correction: what it changes against the revision before it.</summary>
    public RevisionDiff? Diff { get; private set; }
    public ReportRevision? DiffBase { get; private set; }
    public IReadOnlyList<(ReportRevision Revision, RevisionEvent Event)> Events { get; private set; } = [];
    public bool IsCurrent => Revision.Id == Report.Current.Id;
    public bool CanDecide => IsCurrent && Revision.Status is RevisionStatus.Submitted or RevisionStatus.Scheduled;
    /// <summary>Two-person rule: the account that submitted may not decide (checked again by the domain).</summary>
    public bool IsSubmitter => Revision.SubmittedById == User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
    public string? Error { get; private set; }
    /// <summary>The confirmation step of 「批准并立即发布」 is shown instead of the decisions.</summary>
    public bool ConfirmingPublish { get; private set; }
    public string ConfirmQuestion =>
        $"确认发布 {Report.Body.Name} {Report.Year} 年度报告（第 {Revision.Number} 版）？发布后不可撤回，只能以更正版替换。";
    [TempData] public string? Notice { get; set; }

    [BindProperty] public uint Version { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public List<CommentInput> Comments { get; set; } = [];
    /// <summary>Set by the confirmation step: a publish post without it is refused.</summary>
    [BindProperty] public bool Confirm { get; set; }
    /// <summary>The chosen publication time, as typed in a datetime-local field: Beijing time.</summary>
    [BindProperty] public string? PublishAt { get; set; }

    public sealed class CommentInput
    {
        public string? Anchor { get; set; }
        public string? Text { get; set; }
    }

    /// <summary>
    /// The review page; with ?confirm=publish, the confirmation step of publishing now, carrying the version of the
    /// page the reviewer decided on (?version=), so a report changed meanwhile is refused at confirmation.
    /// </summary>
    public async Task<IActionResult> OnGetAsync(int id, int? revision, string? confirm, uint? version, CancellationToken ct)
    {
        if (!await LoadAsync(id, revision, ct)) return NotFound();
        ConfirmingPublish = confirm == "publish" && CanDecide && Revision.Status == RevisionStatus.Submitted;
        Version = ConfirmingPublish && version is { } decidedOn ? decidedOn : Revision.Version;
        return Page();
    }

    public Task<IActionResult> OnPostReturnAsync(int id, CancellationToken ct) => DecideAsync(id, "退回", (actor, now) =>
    {
        var comments = new Dictionary<CommentAnchor, string>();
        foreach (var c in Comments.Where(c => !string.IsNullOrWhiteSpace(c.Text)))
        {
            if (!CommentAnchor.TryParse(c.Anchor, out var anchor))
                throw new DomainException($"批注「{Shorten(c.Text!)}」没有选择位置（单元格、正文部分或规则）");
            comments[anchor] = comments.TryGetValue(anchor, out var earlier) ? $"{earlier}\n{c.Text!.Trim()}" : c.Text!.Trim();
        }
        Revision.Return(Reason ?? "", actor, now, comments);
        return Task.FromResult("已退回，填报员将在填报页面的对应位置看到您的意见。");
    }, ct);

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct) => DecideAsync(id, "发布", async (actor, now) =>
    {
        // Publication cannot be undone: only a post from the confirmation step publishes.
        if (!Confirm && Revision.Status == RevisionStatus.Submitted)
        {
            ConfirmingPublish = true;
            throw new DomainException("发布前须确认：请核对下方的单位、年度和版本，再点击「确认发布」。报告尚未发布。");
        }
        await publisher.PublishAsync(Report, Revision, actor, now, ct);
        return "已发布，公众现在可以查阅该报告。";
    }, ct);

    public Task<IActionResult> OnPostScheduleAsync(int id, CancellationToken ct) => DecideAsync(id, "定时发布", (actor, now) =>
    {
        if (!DateTime.TryParse(PublishAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            throw new DomainException("请填写定时发布的日期和时间（北京时间）");
        // Beijing time at the very ends of the calendar has no UTC instant (0001-01-01 00:00 is before year 1 in UTC).
        if (local < DateTime.MinValue.AddDays(1) || local > DateTime.MaxValue.AddDays(-1))
            throw new DomainException("定时发布的日期超出有效范围，请重新填写");
        var at = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), BeijingTime.Offset);
        Revision.Schedule(at, actor, now);
        // Refused now, not when it falls due with nobody watching; nothing is saved when this throws.
        publisher.EnsurePdfCanBeMade(Report, Revision);
        return Task.FromResult($"已批准，将于 {BeijingTime.Format(at)}（北京时间）自动发布。");
    }, ct);

    public Task<IActionResult> OnPostCancelScheduleAsync(int id, CancellationToken ct) => DecideAsync(id, "取消定时发布", (actor, now) =>
    {
        Revision.CancelSchedule(actor, now);
        return Task.FromResult("已取消定时发布，报告回到「已提交」状态。");
    }, ct);

    /// <summary>
    /// Runs a decision on the current revision: refused with a message, and nothing changed, when the page is stale,
    /// the report is no longer awaiting a decision, or the domain refuses it.
    /// </summary>
    private async Task<IActionResult> DecideAsync(int id, string what, Func<Actor, DateTimeOffset, Task<string>> decide,
        CancellationToken ct)
    {
        if (!await LoadAsync(id, null, ct)) return NotFound();
        var actor = ReviewerAccess.ActorOf(HttpContext);
        if (Revision.Status == RevisionStatus.Published && what == "发布")
            return Refuse($"该报告已于 {BeijingTime.Format(Revision.PublishedAt)} 发布，无需重复发布。");
        if (Version != Revision.Version)
            return Refuse(StaleMessage(what));
        // The page's version is the concurrency token: a decision on a stale page must fail, not apply.
        db.Entry(Revision).Property(r => r.Version).OriginalValue = Version;
        try
        {
            var message = await decide(actor, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            Notice = message;
            return RedirectToPage(new { id });
        }
        catch (DomainException ex)
        {
            return await ReloadAndRefuseAsync(id, ex.Message, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ReloadAndRefuseAsync(id, StaleMessage(what), ct);
        }
    }

    private string StaleMessage(string what)
    {
        var last = Revision.History.MaxBy(e => e.Id);
        var by = last is null ? "" : $"「{last.ActorName}」于 {BeijingTime.Format(last.At)} 进行了「{last.Action.Label()}」，";
        return $"您打开页面后这份报告已有变化：{by}当前状态为「{Revision.Status.Label()}」。未执行「{what}」，请查看最新内容后再决定。";
    }

    private async Task<IActionResult> ReloadAndRefuseAsync(int id, string message, CancellationToken ct)
    {
        // Whatever the decision did in memory is dropped: the page shows the stored state, with the typed comments.
        db.ChangeTracker.Clear();
        await LoadAsync(id, null, ct);
        return Refuse(message);
    }

    private PageResult Refuse(string message)
    {
        Error = message;
        Version = Revision.Version;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, int? number, CancellationToken ct)
    {
        var report = await db.Reports.Include(r => r.Body).ThenInclude(b => b.Region)
            .Include(r => r.Revisions).ThenInclude(v => v.History)
            .AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, ct);
        // Outside the reviewer's region a report is answered as if it did not exist.
        if (report is null || !await ReviewerAccess.IsReviewerOfAsync(db, User, report.Body.RegionId, ct)) return false;
        Report = report;
        Revision = number is { } n ? report.Revisions.FirstOrDefault(v => v.Number == n) ?? report.Current : report.Current;
        Data = Revision.ToData();
        var (lastYear, others) = await RuleContexts.LoadAsync(db, report, Data, ct);
        LastYear = lastYear;
        Violations = ReportRules.Evaluate(new RuleInput(Data, report.Body.Kind, lastYear, others, report.Body.Name));
        DiffBase = report.Revisions.Where(v => v.Number < Revision.Number && v.Status == RevisionStatus.Published)
            .MaxBy(v => v.Number);
        Diff = DiffBase is null ? null : RevisionDiff.Between(DiffBase.ToData(), Data);
        Events = report.AuditTrail();
        return true;
    }

    /// <summary>Every place a comment can be anchored, for the comment rows' choice list.</summary>
    public IEnumerable<(string Group, string Value, string Label)> AnchorChoices()
    {
        var format = Revision.Format;
        foreach (var v in Violations.Select(v => v.Code).Distinct())
            yield return ("规则提示", CommentAnchor.OfRule(v).ToString(), $"规则 {v}");
        foreach (var part in format.ProseParts)
            yield return ("正文", CommentAnchor.OfProse(part.Code).ToString(), CommentAnchor.OfProse(part.Code).Describe(format));
        foreach (var cell in format.Cells)
            yield return (format.Sections.First(s => s.Table?.Code == cell.Ref.Table).Heading,
                CommentAnchor.OfCell(cell.Ref).ToString(), cell.DisplayName);
    }

    private static string Shorten(string s) => VisibleText.Shorten(s, 21);
}
