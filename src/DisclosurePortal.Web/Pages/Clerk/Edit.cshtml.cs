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
    /// <summary>What the other save stored (before) against what this clerk typed (after).</summary>
    public RevisionDiff? ConflictDiff { get; private set; }
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

    /// <summary>
    /// A new draft is all blanks: until the clerk saves a figure or tries to submit, CELL-REQUIRED is one calm
    /// count, not a red message at every cell. The rule still blocks submission.
    /// </summary>
    public bool ShowBlanks => HttpMethods.IsPost(Request.Method) || Revision.Figures.Count > 0;

    /// <summary>The rule results the form shows: the blanks only once <see cref="ShowBlanks"/>.</summary>
    public IEnumerable<Violation> Shown => ShowBlanks ? Violations : Violations.Where(v => v.Code != RuleCodes.CellRequired);

    public int BlankCount => Violations.Count(v => v.Code == RuleCodes.CellRequired);

    /// <summary>The form field by which the clerk accepts the computed totals in place of disagreeing stored ones.</summary>
    public const string AcceptTotalsField = "acceptTotals";

    private IReadOnlyDictionary<string, decimal?>? _keptTotals;

    /// <summary>
    /// Stored totals that are not the sum of their parts (an imported report's own arithmetic), by cell key, with the
    /// computed sum: the form shows both, and a save keeps the stored one until the clerk accepts the computed one.
    /// </summary>
    public IReadOnlyDictionary<string, decimal?> KeptTotals => _keptTotals ??= KeptTotalsOf(Revision.ToData());

    private static Dictionary<string, decimal?> KeptTotalsOf(ReportData stored)
    {
        var computed = TotalDeriver.Derive(stored.Format, stored.Figures);
        return stored.DisagreeingTotals().ToDictionary(c => c.ToString(), c => computed.TryGetValue(c, out var v) ? v : (decimal?)null,
            StringComparer.Ordinal);
    }

    /// <summary>Who saved last and when, in Beijing time as the history shows it.</summary>
    public string LastSaved => $"{Revision.UpdatedBy} {BeijingTime.Format(Revision.UpdatedAt)}（北京时间）";

    /// <summary>The reviewer's comment anchored at a cell, prose part or rule code, shown there while the revision is returned.</summary>
    public string? ReviewComment(CommentAnchor anchor) =>
        Revision.Status == RevisionStatus.Returned ? Revision.ReviewComments.GetValueOrDefault(anchor.ToString()) : null;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        FillFromRevision();
        await EvaluateAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(int id, uint version, CancellationToken ct) => SaveAsync(id, version, submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(int id, uint version, CancellationToken ct) => SaveAsync(id, version, submit: true, ct);

    /// <param name="version">The revision's version when the page was loaded: a save based on a stale page must fail, not overwrite.</param>
    private async Task<IActionResult> SaveAsync(int id, uint version, bool submit, CancellationToken ct)
    {
        if (!Request.HasFormContentType) return BadRequest("请求中没有表单内容：请在填报页面上保存或提交。");
        if (await LoadAsync(id, ct) is { } denied) return denied;
        Inline = !submit && Request.Headers[InlineHeader] == InlineValue;
        var (figures, prose, explanations) = ReadForm();
        Version = version;
        var entry = Request.Form[AcceptTotalsField] == "true" ? FigureEntry.DeriveTotals : FigureEntry.DeriveAgreeingTotals;

        if (!Editable)
        {
            SubmitError = $"报告当前状态为「{Revision.Status.Label()}」，不能修改。";
            Version = Revision.Version;
            return await AnswerAsync(ct);
        }
        if (InputErrors.Count > 0)
        {
            // Nothing is saved, and the rules judge what is on screen: the stored report with every entry that parsed.
            var stored = Revision.ToData();
            var typedProse = stored.Prose.ToDictionary(StringComparer.Ordinal);
            foreach (var (code, text) in prose) typedProse[code] = text ?? "";
            return await AnswerAsync(ct, new ReportData(Format, stored.With(figures, entry).Figures, typedProse));
        }

        var actor = ClerkAccess.ActorOf(HttpContext);
        db.Entry(Revision).Property(r => r.Version).OriginalValue = version;
        string? submitRefusal = null;
        try
        {
            Revision.Save(figures, prose, entry, actor, clock.GetUtcNow(), explanations);
            if (submit)
            {
                var (previous, others) = await RuleContextAsync(Revision.ToData(), ct);
                // Submit checks every rule before it changes anything, so a refusal leaves the saved draft as is.
                try { Revision.Submit(Report.Body.Kind, previous, others, actor, clock.GetUtcNow()); }
                catch (DomainException ex) { submitRefusal = ex.Message; }
            }
        }
        catch (DomainException ex)
        {
            SubmitError = ex.Message;
            return await AnswerAsync(ct);
        }
        // The save (and the submission) in one SaveChanges: another clerk's save cannot land between them.
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
            return await AnswerAsync(ct);
        }
        if (Inline)
        {
            SavedNotice = "已保存草稿。";
            Version = Revision.Version;
            return await AnswerAsync(ct);
        }
        Notice = submit ? "报告已提交，等待审核。" : "已保存草稿。";
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ConflictAsync(int id, CancellationToken ct)
    {
        var mine = Revision.ToData();
        db.ChangeTracker.Clear();
        await LoadAsync(id, ct);
        Conflict = $"您打开页面后，「{Revision.UpdatedBy}」于 {BeijingTime.Format(Revision.UpdatedAt)}" +
                   "（北京时间）保存了这份报告，您的修改尚未保存。下面保留了您填写的内容；请核对差异后再次保存（将以您的内容为准）。";
        ConflictDiff = RevisionDiff.Between(Revision.ToData(), mine);
        // The clerk's entries stay on screen (Entries, ProseEntries); the new version lets a deliberate second save win.
        Version = Revision.Version;
        return await AnswerAsync(ct);
    }

    private async Task<IActionResult> AnswerAsync(CancellationToken ct, ReportData? onScreen = null)
    {
        await EvaluateAsync(ct, onScreen);
        if (!Inline) return Page();
        Response.Headers[InlineHeader] = InlineValue;
        return Partial("_EntryStatus", this);
    }

    private Dictionary<string, List<Violation>>? _byLocation;

    /// <summary>The rule results by the key of the cell or prose part they are about.</summary>
    public IReadOnlyDictionary<string, List<Violation>> ViolationsByLocation =>
        _byLocation ??= Shown.GroupBy(v => v.Location.Key).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

    /// <summary>
    /// What is shown at a cell or prose part: its input error alone (the rules judged what is stored there, not what
    /// the clerk typed), or else each rule's message with its code.
    /// </summary>
    public string? MessageAt(string key) =>
        InputErrors.TryGetValue(key, out var inputError) ? inputError
        : ViolationsByLocation.TryGetValue(key, out var violations) ? string.Join("；", violations.Select(v => $"[{v.Code}] {v.Message}"))
        : null;

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
            if (ProseValues.Problem(text) is { } problem) InputErrors[part.Code] = $"{Format.NameOf(part)}：{problem}";
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

    private async Task EvaluateAsync(CancellationToken ct, ReportData? onScreen = null)
    {
        var data = onScreen ?? Revision.ToData();
        var (previous, others) = await RuleContextAsync(data, ct);
        Violations = ReportRules.Evaluate(new RuleInput(data, Report.Body.Kind, previous, others, Report.Body.Name));
    }

    /// <summary>Last year's published report (cross-year rules) and published prose like this one's (TEXT-COPIED).</summary>
    private async Task<(ReportData?, IReadOnlyList<ComparableProse>)> RuleContextAsync(ReportData data, CancellationToken ct) =>
        _ruleContext ??= await RuleContexts.LoadAsync(db, Report, data, ct);

    // Submit and the page that shows its outcome judge the same content: load its context once per request.
    private (ReportData?, IReadOnlyList<ComparableProse>)? _ruleContext;

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        // Only the current revision: the form never looks at earlier ones.
        var revision = await db.Revisions.Include(v => v.Report).ThenInclude(r => r.Body)
            .Where(v => v.ReportId == id).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        // A clerk sees only their own body's reports: another body's report is answered as if it did not exist.
        if (revision is null || !ClerkAccess.IsClerkOf(User, revision.Report.BodyId)) return NotFound();
        Report = revision.Report;
        Revision = revision;
        Format = Revision.Format;
        return null;
    }

    public const string ExplanationPrefix = "e:";
    public static string FieldName(CellRef cell) => $"f:{cell}";
    public static string ProseField(string code) => $"p:{code}";
    /// <summary>An HTML id for a cell, used by the summary's links and the error's aria-describedby.</summary>
    public static string CellId(string key) => "c-" + key.Replace('/', '-').Replace('.', '_');
    public static string ProseId(string code) => "p-" + code.Replace('.', '_');
}
