using System.Globalization;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.Web.Forms;
using DisclosurePortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Clerk;

/// <summary>
/// The entry form of one report, generated from the format definition. Save keeps a draft in any state;
/// Submit only when no blocking rule fails and every warning is explained. A failed save keeps every entry on
/// screen; a save based on a stale page is refused with who changed what (PostgreSQL xmin).
/// </summary>
[Authorize(Policy = ClerkAccess.Policy)]
public sealed class EditModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public const int MaxProseLength = ProseValues.MaxLength;

    public AnnualReport Report { get; private set; } = null!;
    public ReportRevision Revision { get; private set; } = null!;
    public ReportFormat Format { get; private set; } = null!;
    /// <summary>What the form shows: the stored value, or what the clerk typed when a save failed.</summary>
    public Dictionary<string, string> Entries { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> ProseEntries { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> ExplanationEntries { get; } = new(StringComparer.Ordinal);
    /// <summary>Input shape errors by cell key or prose code.</summary>
    public Dictionary<string, string> InputErrors { get; } = new(StringComparer.Ordinal);
    public IReadOnlyList<Violation> Violations
    {
        get => _violations;
        private set => (_violations, _byLocation) = (value, null);
    }
    private IReadOnlyList<Violation> _violations = [];
    public uint Version { get; private set; }
    public string? Conflict { get; private set; }
    public IReadOnlyList<string> ConflictDifferences { get; private set; } = [];
    public string? SubmitError { get; private set; }
    [TempData] public string? Notice { get; set; }
    /// <summary>The notice of a save answered in place (not carried by TempData: no page follows it).</summary>
    public string? SavedNotice { get; private set; }

    /// <summary>
    /// Saved by entry.js without leaving the page: the answer is only the status block (<c>_EntryStatus</c>) with
    /// the messages for the cells, not the whole form, whose entries are still on the clerk's screen. Without the
    /// script, or for a submission, the form posts as usual and the answer is a redirect or the whole page.
    /// </summary>
    public bool Inline { get; private set; }
    public const string InlineHeader = "X-Entry-Save";
    public const string InlineValue = "inline";

    public bool Editable => Revision.Status.IsEditable();

    /// <summary>Who saved last and when, in Beijing time as the history shows it (issue 3 item 5).</summary>
    public string LastSaved => $"{Revision.UpdatedBy} {HistoryModel.Beijing(Revision.UpdatedAt)}（北京时间）";

    /// <summary>
    /// The reviewer's comment anchored at a cell, prose part or rule code, shown at that place while the revision is
    /// returned (issue 5 item 2).
    /// </summary>
    public string? ReviewComment(CommentAnchor anchor) =>
        Revision.Status == RevisionStatus.Returned ? Revision.ReviewComments.GetValueOrDefault(anchor.ToString()) : null;

    // The handlers take no parameters: the id is the route's ({id:int}) and the token the request's. A bound parameter,
    // even [FromRoute] or a CancellationToken, makes MVC build its form value providers over the 180 posted fields
    // on every save (a copy of the form as a dictionary and a sorted prefix index; bench/clerk, perf).
    // NumberStyles.Integer, as the int route constraint parses it ("-1" reaches the page and is not found).
    private int Id => int.Parse((string)RouteData.Values["id"]!, NumberStyles.Integer, CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        // Showing the form changes nothing: no change tracking (and no snapshot of the content) needed.
        if (await LoadAsync(Id, ct, tracked: false) is { } denied) return denied;
        FillFromRevision();
        await EvaluateAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync() => await SaveAsync(Id, submit: false, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostSubmitAsync() => await SaveAsync(Id, submit: true, HttpContext.RequestAborted);

    private async Task<IActionResult> SaveAsync(int id, bool submit, CancellationToken ct)
    {
        // A draft save writes its two rows in one statement (DraftSave) and needs no change tracking; a submission
        // changes the workflow's columns too and goes through SaveChanges.
        if (await LoadAsync(id, ct, tracked: submit) is { } denied) return denied;
        Inline = !submit && Request.Headers[InlineHeader] == InlineValue;
        var postedVersion = uint.TryParse(Request.Form["version"], CultureInfo.InvariantCulture, out var v) ? v : 0u;
        var (figures, prose, explanations) = ReadForm();

        if (!Editable)
        {
            SubmitError = $"报告当前状态为「{Revision.Status.Label()}」，不能修改。";
            Version = Revision.Version;
            await EvaluateAsync(ct);
            return Answer();
        }
        if (InputErrors.Count > 0)
        {
            Version = postedVersion;
            await EvaluateAsync(ct);
            return Answer();
        }

        var actor = ClerkAccess.ActorOf(HttpContext);
        var now = clock.GetUtcNow();
        // The page's version is the concurrency token: a save based on a stale page must fail, not overwrite.
        if (submit) db.Entry(Revision).Property(r => r.Version).OriginalValue = postedVersion;
        try
        {
            Revision.Save(figures, prose, FigureEntry.DeriveTotals, actor, now, explanations);
        }
        catch (DomainException ex)
        {
            SubmitError = ex.Message;
            Version = postedVersion;
            await EvaluateAsync(ct);
            return Answer();
        }

        if (!submit)
        {
            if (await DraftSave.WriteAsync(db, Revision, postedVersion, ct) is not { } saved) return await ConflictAsync(id, ct);
            if (!Inline)
            {
                Notice = "已保存草稿。";
                return RedirectToPage(new { id });
            }
            SavedNotice = "已保存草稿。";
            Version = saved;
            await EvaluateAsync(ct);
            return Answer();
        }

        string? submitRefusal = null;
        try
        {
            var (previous, others) = await RuleContextAsync(ct);
            // Submit checks every rule before it changes anything, so a refusal leaves the saved draft as is.
            Revision.Submit(Report.Body.Kind, previous, others, actor, clock.GetUtcNow());
        }
        catch (DomainException ex)
        {
            submitRefusal = ex.Message;
        }
        // The save and the submission are written in one statement: with two, another clerk's save could land
        // between them and the submission failed on a stale version with a 500 (found by the attack tests).
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(id, ct);
        }
        if (submitRefusal is not null)
        {
            SubmitError = submitRefusal;
            Notice = "已保存草稿，但尚未提交。";
            FillFromRevision();
            await EvaluateAsync(ct);
            return Answer();
        }

        Notice = "报告已提交，等待审核。";
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ConflictAsync(int id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var typed = new Dictionary<string, string>(Entries, StringComparer.Ordinal);
        var typedProse = new Dictionary<string, string>(ProseEntries, StringComparer.Ordinal);
        await LoadAsync(id, ct);
        var stored = Revision.ToData();
        var differences = new List<string>();
        foreach (var cell in Format.Cells.Where(c => !c.IsDerived))
        {
            var theirs = stored[cell.Ref] is { } s ? FigureValues.Display(cell.Kind, s) : "";
            var mine = typed.GetValueOrDefault(cell.Key, "");
            var mineParsed = FigureInput.Parse(mine, cell.Kind).Value;
            if (mineParsed != stored[cell.Ref]) differences.Add($"{cell.DisplayName}：对方保存的是「{theirs}」，您填写的是「{mine}」");
        }
        foreach (var part in Format.ProseParts)
            if ((typedProse.GetValueOrDefault(part.Code) ?? "").Trim() != stored.ProseOf(part.Code))
                differences.Add($"{SectionName(part)}：文字不同");
        Conflict = $"您打开页面后，「{Revision.UpdatedBy}」于 {HistoryModel.Beijing(Revision.UpdatedAt)}" +
                   "（北京时间）保存了这份报告，您的修改尚未保存。下面保留了您填写的内容；请核对差异后再次保存（将以您的内容为准）。";
        ConflictDifferences = differences;
        // Keep the clerk's entries on screen; the new version lets a deliberate second save win.
        foreach (var (k, val) in typed) Entries[k] = val;
        foreach (var (k, val) in typedProse) ProseEntries[k] = val;
        Version = Revision.Version;
        await EvaluateAsync(ct);
        return Answer();
    }

    private IActionResult Answer()
    {
        if (!Inline) return Page();
        Response.Headers[InlineHeader] = InlineValue;
        return Partial("_EntryStatus", this);
    }

    private Dictionary<string, List<Violation>>? _byLocation;

    /// <summary>The rule results by the key of the cell or prose part they are about.</summary>
    public IReadOnlyDictionary<string, List<Violation>> ViolationsByLocation =>
        _byLocation ??= Violations.GroupBy(v => v.Location.Key).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

    /// <summary>What is shown at a cell or prose part: its input error, then each rule's message with its code.</summary>
    public string? MessageAt(string key)
    {
        var hasError = InputErrors.TryGetValue(key, out var inputError);
        var hasRules = ViolationsByLocation.TryGetValue(key, out var violations);
        if (!hasError && !hasRules) return null;
        var messages = new List<string>();
        if (inputError is not null) messages.Add(inputError);
        if (violations is not null) messages.AddRange(violations.Select(v => $"[{v.Code}] {v.Message}"));
        return string.Join("；", messages);
    }

    /// <summary>Every cell's and prose part's message by the HTML id of its field, for a save answered in place.</summary>
    public Dictionary<string, string> MessagesById()
    {
        // Only the places something is said about, as the whole page shows them: a cell or a prose part.
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in InputErrors.Keys.Concat(ViolationsByLocation.Keys).Distinct(StringComparer.Ordinal))
        {
            if (Format.TryGetCell(key, out _)) byId[CellId(key)] = MessageAt(key)!;
            else if (Format.HasProsePart(key)) byId[ProseId(key)] = MessageAt(key)!;
        }
        return byId;
    }

    public string SectionName(ProsePartDef part)
    {
        var section = Format.Sections.First(s => s.Code == part.SectionCode);
        return part.SubHead is null ? section.Heading : $"{section.Heading} {part.SubHead}";
    }

    private (Dictionary<CellRef, decimal?>, Dictionary<string, string?>, Dictionary<string, string?>) ReadForm()
    {
        var figures = new Dictionary<CellRef, decimal?>();
        var form = Request.Form;
        foreach (var cell in Format.Cells.Where(c => !c.IsDerived))
        {
            var key = cell.Key;
            var raw = form[FieldName(cell.Ref)].ToString();
            Entries[key] = raw;
            var parsed = FigureInput.Parse(raw, cell.Kind);
            if (parsed.Error is not null) InputErrors[key] = $"{cell.DisplayName}：{parsed.Error}";
            else figures[cell.Ref] = parsed.Value;
        }
        var prose = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var part in Format.ProseParts)
        {
            var text = Request.Form[ProseField(part.Code)].ToString();
            ProseEntries[part.Code] = text;
            if (ProseValues.Problem(text) is { } problem) InputErrors[part.Code] = $"{SectionName(part)}：{problem}";
            prose[part.Code] = text;
        }
        var explanations = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in Request.Form.Keys.Where(k => k.StartsWith(ExplanationPrefix, StringComparison.Ordinal)))
        {
            var violationKey = key[ExplanationPrefix.Length..];
            // The form has explanation fields only for the warnings it shows: any other key is a forged or mangled
            // post, and is dropped rather than refused, so the clerk's real entries are still saved.
            if (!Violation.IsExplainableKey(Format, violationKey)) continue;
            var text = Request.Form[key].ToString();
            ExplanationEntries[violationKey] = text;
            if (ProseValues.Problem(text, ProseValues.MaxExplanationLength) is { } problem) InputErrors[key] = "说明" + problem;
            explanations[violationKey] = text;
        }
        return (figures, prose, explanations);
    }

    private void FillFromRevision()
    {
        var data = Revision.ToData();
        foreach (var cell in Format.Cells)
            Entries[cell.Key] = data[cell.Ref] is { } v ? FigureValues.Display(cell.Kind, v) : "";
        foreach (var part in Format.ProseParts) ProseEntries[part.Code] = data.ProseOf(part.Code);
        foreach (var (k, text) in Revision.Explanations) ExplanationEntries[k] = text;
        Version = Revision.Version;
    }

    private async Task EvaluateAsync(CancellationToken ct)
    {
        var (previous, others) = await RuleContextAsync(ct);
        Violations = ReportRules.Evaluate(new RuleInput(Revision.ToData(), Report.Body.Kind, previous, others, Report.Body.Name));
    }

    /// <summary>Last year's published report (cross-year rules) and published prose to compare with (TEXT-COPIED).</summary>
    private async Task<(ReportData?, IReadOnlyList<ComparableProse>)> RuleContextAsync(CancellationToken ct) =>
        _ruleContext ??= await LoadRuleContextAsync(ct);

    // Submit and the page that shows its outcome read the same context: load it once per request.
    private (ReportData?, IReadOnlyList<ComparableProse>)? _ruleContext;

    private async Task<(ReportData?, IReadOnlyList<ComparableProse>)> LoadRuleContextAsync(CancellationToken ct) =>
        await RuleContexts.LoadAsync(db, Report, ct);

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct, bool tracked = true)
    {
        // Only the current revision: the form never looks at earlier ones, and a report with corrections would
        // otherwise load (and snapshot for change tracking) every revision's content on each save.
        var revision = await (tracked ? CurrentRevision(db, id, ct) : CurrentRevisionUntracked(db, id, ct));
        // A clerk sees only their own body's reports: another body's report is answered as if it did not exist.
        if (revision is null || !ClerkAccess.IsClerkOf(User, revision.Report.BodyId)) return NotFound();
        Report = revision.Report;
        Revision = revision;
        Format = Revision.Format;
        return null;
    }

    private static readonly Func<PortalDbContext, int, CancellationToken, Task<ReportRevision?>> CurrentRevision =
        EF.CompileAsyncQuery((PortalDbContext db, int id, CancellationToken ct) =>
            db.Revisions.Include(v => v.Report).ThenInclude(r => r.Body)
                .Where(v => v.ReportId == id).OrderByDescending(v => v.Number).FirstOrDefault());

    private static readonly Func<PortalDbContext, int, CancellationToken, Task<ReportRevision?>> CurrentRevisionUntracked =
        EF.CompileAsyncQuery((PortalDbContext db, int id, CancellationToken ct) =>
            db.Revisions.AsNoTracking().Include(v => v.Report).ThenInclude(r => r.Body)
                .Where(v => v.ReportId == id).OrderByDescending(v => v.Number).FirstOrDefault());

    public const string ExplanationPrefix = "e:";
    public static string FieldName(CellRef cell) => $"f:{cell}";
    public static string ProseField(string code) => $"p:{code}";
    /// <summary>An HTML id for a cell, used by the summary's links and the error's aria-describedby.</summary>
    public static string CellId(string key) => "c-" + key.Replace('/', '-').Replace('.', '_');
    public static string ProseId(string code) => "p-" + code.Replace('.', '_');
}
