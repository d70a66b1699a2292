using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Rules;

namespace DisclosurePortal.Domain.Reports;

/// <summary>
/// One revision of an annual report: its figures, prose, status and audit trail. It guards its own workflow:
/// Draft → Submitted → Returned → (edit) → Submitted → Published. A published revision never changes; a
/// correction is a new revision (see <see cref="AnnualReport.StartCorrection"/>).
/// </summary>
public sealed class ReportRevision
{
    // Content is kept by cell key ("t3/1/natural") and prose code: stored as jsonb on the revision row, so one
    // revision loads and saves as one row and a new format needs no schema change (docs/adr/0001).
    // Counts and amounts are kept apart so the database can check each kind (whole counts, negative only in a
    // signed 本年增/减 column; 万元 to 6 decimals).
    private Dictionary<string, decimal> _counts = new(StringComparer.Ordinal);
    private Dictionary<string, decimal> _amounts = new(StringComparer.Ordinal);
    private Dictionary<string, string> _prose = new(StringComparer.Ordinal);
    private Dictionary<string, string> _explanations = new(StringComparer.Ordinal);
    // The reviewer's comments of the latest return, by anchor ("cell:t3/1/natural"); the general one is ReturnReason.
    private Dictionary<string, string> _reviewComments = new(StringComparer.Ordinal);
    private readonly List<RevisionEvent> _events = [];

    private ReportRevision() { FormatVersion = CreatedBy = UpdatedBy = ""; }

    internal ReportRevision(AnnualReport report, int number, ReportFormat format, Actor actor, DateTimeOffset now,
        string? correctionNote)
    {
        Report = report;
        Number = number;
        FormatVersion = format.Version;
        Status = RevisionStatus.Draft;
        CorrectionNote = correctionNote;
        CreatedAt = UpdatedAt = now.ToUniversalTime();
        CreatedBy = UpdatedBy = actor.Name;
        _events.Add(new RevisionEvent(correctionNote is null ? RevisionAction.Created : RevisionAction.CorrectionStarted,
            actor, now, correctionNote));
    }

    public int Id { get; private set; }
    public int ReportId { get; private set; }
    public AnnualReport Report { get; private set; } = null!;
    /// <summary>1 for the first revision; each correction adds one.</summary>
    public int Number { get; private set; }
    public string FormatVersion { get; private set; }
    public RevisionStatus Status { get; private set; }
    /// <summary>更正说明: why this revision corrects the published one. Null on a first revision.</summary>
    public string? CorrectionNote { get; private set; }
    /// <summary>The reviewer's reason for the latest return (退回理由).</summary>
    public string? ReturnReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? SubmittedById { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? PublishedById { get; private set; }
    /// <summary>The prose's fingerprint (<see cref="ProseFingerprint"/>), made at publication: TEXT-COPIED finds this report by it.</summary>
    public long[] ProseBands { get; private set; } = [];
    /// <summary>
    /// The body's name and kind as published with this revision: what was published never changes, so a later
    /// rename or change of kind (机构改革) shows on later reports only. Null until published.
    /// </summary>
    public string? PublishedBodyName { get; private set; }
    /// <inheritdoc cref="PublishedBodyName"/>
    public BodyKind? PublishedBodyKind { get; private set; }
    /// <summary>
    /// The code printed on the last page of the official PDF (<see cref="Exchange.VerificationCode"/>), computed
    /// once at publication from the published JSON form and shown wherever the revision is read. Null until published.
    /// </summary>
    public string? VerificationCode { get; private set; }
    /// <summary>When an approved revision is to be published (定时发布); set while <see cref="RevisionStatus.Scheduled"/>.</summary>
    public DateTimeOffset? ScheduledFor { get; private set; }
    /// <summary>Entered in the portal, or taken in as history: then published as printed, findings and all.</summary>
    public RevisionOrigin Origin { get; private set; } = RevisionOrigin.Entered;
    /// <summary>The day an imported report was first published by its body, where known (the portal's own time is <see cref="PublishedAt"/>).</summary>
    public DateOnly? OriginallyPublishedOn { get; private set; }
    public bool IsImported => Origin == RevisionOrigin.Imported;
    /// <summary>The reviewer who approved the scheduled publication; recorded as its publisher.</summary>
    public string? ScheduledById { get; private set; }
    /// <summary>Optimistic concurrency token (PostgreSQL xmin): a stale save is refused, never applied.</summary>
    public uint Version { get; private set; }

    /// <summary>The filled cells. Blank cells are absent.</summary>
    public IReadOnlyCollection<Figure> Figures =>
    [
        .. _counts.Select(kv => new Figure(ParseKey(kv.Key),
            Format.TryGetCell(kv.Key, out var def) ? def.Kind : ValueKind.Count, kv.Value)),
        .. _amounts.Select(kv => new Figure(ParseKey(kv.Key), ValueKind.Money, kv.Value)),
    ];
    public IReadOnlyDictionary<string, string> Prose => _prose;
    /// <summary>Written explanations of warnings, by violation key (code@location).</summary>
    public IReadOnlyDictionary<string, string> Explanations => _explanations;
    /// <summary>The reviewer's anchored comments of the latest return, by <see cref="CommentAnchor"/> key.</summary>
    public IReadOnlyDictionary<string, string> ReviewComments => _reviewComments;
    /// <summary>The audit trail of this revision; loaded separately from the content.</summary>
    public IReadOnlyCollection<RevisionEvent> History => _events.AsReadOnly();

    public ReportFormat Format => ReportFormats.Get(FormatVersion);
    public bool IsCorrection => CorrectionNote is not null;

    /// <summary>The name this revision is shown under: as published, or the body's current name before that.</summary>
    public string BodyName => PublishedBodyName ?? Report.Body.Name;
    /// <summary>The kind this revision is shown under: as published, or the body's current kind before that.</summary>
    public BodyKind BodyKind => PublishedBodyKind ?? Report.Body.Kind;

    /// <summary>The content as an immutable snapshot.</summary>
    public ReportData ToData() => new(Format, CurrentFigures(), _prose);

    public string? ExplanationOf(string violationKey) => _explanations.GetValueOrDefault(violationKey);

    /// <summary>
    /// Saves figures and prose. A null figure blanks the cell; cells not mentioned keep their value.
    /// Entered through the portal, totals are derived; from an import or the API they are kept as given.
    /// Nothing is changed when any value is invalid.
    /// </summary>
    public void Save(IReadOnlyDictionary<CellRef, decimal?> figures, IReadOnlyDictionary<string, string?> prose,
        FigureEntry entry, Actor actor, DateTimeOffset now, IReadOnlyDictionary<string, string?>? explanations = null)
    {
        EnsureEditable();
        var format = Format;
        foreach (var (cell, value) in figures)
        {
            if (!format.TryGetCell(cell, out var def))
                throw new InvalidFigureException(cell.ToString(), $"格式 {format.Version} 中没有单元格 {cell}");
            if (value is { } v && FigureValues.Problem(def.Kind, v) is { } problem)
                throw new InvalidFigureException(cell.ToString(), $"{def.DisplayName}：{problem}（{v}）");
        }
        foreach (var (code, text) in prose)
        {
            if (!format.HasProsePart(code))
                throw new DomainException($"格式 {format.Version} 中没有正文部分 {code}");
            if (ProseValues.Problem(text ?? "") is { } problem)
            {
                throw new DomainException($"{format.NameOf(format.ProsePart(code))}：{problem}");
            }
        }
        foreach (var (key, text) in explanations ?? new Dictionary<string, string?>())
        {
            if (!Rules.Violation.IsExplainableKey(format, key))
                throw new DomainException($"说明所对应的提示不存在：{key}");
            if (ProseValues.Problem(text ?? "", ProseValues.MaxExplanationLength) is { } problem)
                throw new DomainException($"说明{problem}");
        }

        var before = ToData();
        var merged = before.With(figures, entry).Figures;
        if (entry != FigureEntry.AsGiven)
        {
            // A derived total is stored like any figure (CELL-RANGE): parts each within range can add up past it.
            foreach (var (cell, value) in merged)
                if (FigureValues.Problem(format.Cell(cell).Kind, value) is { } problem)
                    throw new InvalidFigureException(cell.ToString(), $"{format.Cell(cell).DisplayName}：合计{problem}（{value}）");
        }
        ApplyFigures(merged);

        SetProse(prose);
        if (explanations is not null) SetExplanations(explanations);

        Touch(actor, now);
        // Replacing totals that disagreed with their parts is the clerk's explicit choice: the audit line says so.
        var replaced = entry == FigureEntry.DeriveTotals ? before.DisagreeingTotals().Count : 0;
        var note = replaced > 0 ? $"采用自动计算的合计：{replaced} 个与分项之和不一致的合计数改为分项之和" : null;
        _events.Add(new RevisionEvent(RevisionAction.Saved, actor, now, note, RevisionDiff.Between(before, ToData()).Lines));
    }

    /// <summary>
    /// Submits the revision for review. Refused while a blocking rule fails or a warning has no written
    /// explanation (年度报告格式: 勾稽关系 must hold; reviewers must see why a warning is acceptable).
    /// </summary>
    public IReadOnlyList<Violation> Submit(BodyKind bodyKind, ReportData? previousYear,
        IReadOnlyList<ComparableProse>? otherProse, Actor actor, DateTimeOffset now)
    {
        EnsureEditable();
        var violations = ReportRules.Evaluate(new RuleInput(ToData(), bodyKind, previousYear, otherProse, Report?.Body?.Name));
        var blocking = violations.Where(v => v.Level == RuleLevel.Blocking).ToList();
        if (blocking.Count > 0)
            throw new DomainException($"有 {blocking.Count} 项必须修正的问题，不能提交：{blocking[0].Message}");
        var unexplained = violations
            .Where(v => v.Level == RuleLevel.Warning && string.IsNullOrWhiteSpace(ExplanationOf(v.Key))).ToList();
        if (unexplained.Count > 0)
            throw new DomainException($"有 {unexplained.Count} 项提示尚未填写说明，不能提交：{unexplained[0].Message}");

        Status = RevisionStatus.Submitted;
        SubmittedAt = now.ToUniversalTime();
        SubmittedById = actor.Id;
        Touch(actor, now);
        _events.Add(new RevisionEvent(RevisionAction.Submitted, actor, now, null));
        return violations;
    }

    public const int MaxReturnReasonLength = 4_000;
    /// <summary>The comments at one place, joined: the form takes up to 2,000 characters for each.</summary>
    public const int MaxCommentLength = 4_000;

    /// <summary>
    /// Sends a submitted (or approved, not yet published) revision back to the clerk. The general reason is
    /// required; comments anchored to a cell, a prose part or a rule code are shown to the clerk at that place.
    /// Nothing changes when any of it is refused.
    /// </summary>
    public void Return(string reason, Actor actor, DateTimeOffset now,
        IReadOnlyDictionary<CommentAnchor, string>? comments = null)
    {
        if (Status is not (RevisionStatus.Submitted or RevisionStatus.Scheduled))
            throw new DomainException($"只有已提交的报告可以退回（当前状态：{Status.Label()}）");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("退回时必须填写退回理由");
        if (ProseValues.Problem(reason, MaxReturnReasonLength) is { } problem) throw new DomainException($"退回意见{problem}");
        var anchored = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (anchor, text) in comments ?? new Dictionary<CommentAnchor, string>())
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (ProseValues.Problem(text, MaxCommentLength) is { } wrong) throw new DomainException($"批注{wrong}");
            if (!anchor.ExistsIn(Format)) throw new DomainException($"批注位置「{anchor}」不在本报告的格式中");
            anchored[anchor.ToString()] = text.Trim();
        }
        Status = RevisionStatus.Returned;
        ReturnReason = reason.Trim();
        _reviewComments = anchored;
        ScheduledFor = null;
        ScheduledById = null;
        Touch(actor, now);
        var lines = anchored.Select(kv => CommentAnchor.TryParse(kv.Key, out var a)
            ? $"{a.Describe(Format)}：{kv.Value}" : $"{kv.Key}：{kv.Value}").ToList();
        _events.Add(new RevisionEvent(RevisionAction.Returned, actor, now, ReturnReason, lines));
    }

    /// <summary>
    /// Publishes a submitted revision. The publisher must not be the account that submitted it (two-person rule).
    /// </summary>
    public void Publish(Actor actor, DateTimeOffset now)
    {
        if (Status != RevisionStatus.Submitted)
            throw new DomainException($"只有已提交的报告可以发布（当前状态：{Status.Label()}）");
        EnsureSecondPerson(actor);
        MarkPublished(actor.Id, now);
        Touch(actor, now);
        _events.Add(new RevisionEvent(RevisionAction.Published, actor, now, null));
    }

    /// <summary>
    /// Approves a submitted revision for publication at a later time (定时发布). The approval is the decision, so
    /// the two-person rule applies now; the time must lie in the future.
    /// </summary>
    public void Schedule(DateTimeOffset publishAt, Actor actor, DateTimeOffset now)
    {
        if (Status != RevisionStatus.Submitted)
            throw new DomainException($"只有已提交的报告可以批准定时发布（当前状态：{Status.Label()}）");
        EnsureSecondPerson(actor);
        if (publishAt <= now)
            throw new DomainException("定时发布的时间必须晚于当前时间；如需立即发布，请选择「批准并立即发布」");
        Status = RevisionStatus.Scheduled;
        ScheduledFor = publishAt.ToUniversalTime();
        ScheduledById = actor.Id;
        Touch(actor, now);
        _events.Add(new RevisionEvent(RevisionAction.Scheduled, actor, now,
            $"定于 {BeijingTime.Labelled(publishAt)}发布"));
    }

    /// <summary>Withdraws a scheduled publication; the revision is submitted again, awaiting a decision.</summary>
    public void CancelSchedule(Actor actor, DateTimeOffset now, string? reason = null)
    {
        if (Status != RevisionStatus.Scheduled)
            throw new DomainException($"该报告没有待执行的定时发布（当前状态：{Status.Label()}）");
        Status = RevisionStatus.Submitted;
        ScheduledFor = null;
        ScheduledById = null;
        Touch(actor, now);
        _events.Add(new RevisionEvent(RevisionAction.ScheduleCancelled, actor, now, reason));
    }

    /// <summary>Who carries out a scheduled publication, or gives it back to the reviewers when it cannot be done.</summary>
    public static readonly Actor Scheduler = new(Actor.System.Id, "系统（定时发布）");

    /// <summary>Whether a scheduled publication is due at <paramref name="now"/>.</summary>
    public bool IsDue(DateTimeOffset now) => Status == RevisionStatus.Scheduled && ScheduledFor <= now;

    /// <summary>
    /// Carries out a due scheduled publication. The reviewer who approved it is recorded as the publisher; the
    /// audit line says the system did it on their behalf.
    /// </summary>
    public void PublishDue(DateTimeOffset now)
    {
        if (Status != RevisionStatus.Scheduled)
            throw new DomainException($"该报告没有待执行的定时发布（当前状态：{Status.Label()}）");
        if (ScheduledFor > now) throw new DomainException("定时发布的时间尚未到");
        var approver = ScheduledById!;
        MarkPublished(approver, now);
        ScheduledFor = null;
        Touch(Scheduler, now);
        _events.Add(new RevisionEvent(RevisionAction.Published, Scheduler, now, "按审核员批准的定时发布执行"));
    }

    /// <summary>
    /// Publishes a report the body already published elsewhere, as it was printed: no review, since the portal only
    /// keeps what was already public. The history line names the source file.
    /// </summary>
    internal void PublishImported(DateOnly? originallyPublishedOn, string source, Actor actor, DateTimeOffset now)
    {
        if (Status != RevisionStatus.Draft || Number != 1)
            throw new DomainException("只有新导入的报告可以作为历史报告发布");
        Origin = RevisionOrigin.Imported;
        OriginallyPublishedOn = originallyPublishedOn;
        MarkPublished(actor.Id, now);
        Touch(actor, now);
        _events.Add(new RevisionEvent(RevisionAction.ImportedAsHistory, actor, now,
            $"来源文件：{source}；原发布日期：{(originallyPublishedOn is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "不详")}"));
    }

    private void EnsureSecondPerson(Actor actor)
    {
        if (actor.Id == SubmittedById)
            throw new DomainException("提交人不能批准或发布自己提交的报告，须由另一名审核员决定");
    }

    private void MarkPublished(string publisherId, DateTimeOffset now)
    {
        var body = Report?.Body ?? throw new InvalidOperationException("publishing needs the report and its body loaded");
        Status = RevisionStatus.Published;
        // The publication time is part of the hashed JSON form: it is kept exactly as PostgreSQL stores it
        // (whole microseconds), or the code computed now would differ from the one computed from the stored row.
        PublishedAt = StoredInstant(now);
        PublishedById = publisherId;
        PublishedBodyName = body.Name;
        PublishedBodyKind = body.Kind;
        VerificationCode = Exchange.VerificationCode.For(ReportDocument.From(Report, this));
        ProseBands = ProseFingerprint.Of(ToData(), body.Name);
    }

    /// <summary>Makes the fingerprint of a revision published before fingerprints were kept (the migration's back-fill).</summary>
    public void Fingerprint(string bodyName)
    {
        if (Status != RevisionStatus.Published) throw new InvalidOperationException("Only a published revision has a fingerprint.");
        ProseBands = ProseFingerprint.Of(ToData(), bodyName);
    }

    /// <summary>
    /// Records the code of a revision published before codes were stored, computed from its stored form; refused
    /// when it has one, since a published code never changes.
    /// </summary>
    public void RecordMissingVerificationCode()
    {
        if (Status != RevisionStatus.Published || VerificationCode is not null)
            throw new InvalidOperationException($"revision {Id} is not a published revision without a code");
        VerificationCode = Exchange.VerificationCode.For(ReportDocument.From(Report, this));
    }

    private static DateTimeOffset StoredInstant(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    internal void CopyContentFrom(ReportRevision other)
    {
        _counts = new Dictionary<string, decimal>(other._counts, StringComparer.Ordinal);
        _amounts = new Dictionary<string, decimal>(other._amounts, StringComparer.Ordinal);
        _prose = new Dictionary<string, string>(other._prose, StringComparer.Ordinal);
        _explanations = new Dictionary<string, string>(other._explanations, StringComparer.Ordinal);
    }

    /// <summary>Pre-fills a new draft (e.g. carried over from last year); no audit line of its own.</summary>
    internal void Prefill(IReadOnlyDictionary<CellRef, decimal> figures)
    {
        var format = Format;
        ApplyFigures(figures
            .Where(kv => format.TryGetCell(kv.Key, out var def) && FigureValues.Problem(def.Kind, kv.Value) is null)
            .ToDictionary());
    }

    private Dictionary<CellRef, decimal> CurrentFigures()
    {
        var format = Format;
        var all = new Dictionary<CellRef, decimal>(_counts.Count + _amounts.Count);
        foreach (var (k, v) in _counts) all[CellOf(format, k)] = v;
        foreach (var (k, v) in _amounts) all[CellOf(format, k)] = v;
        return all;
    }

    // New dictionaries on every change: EF Core's snapshot of the jsonb columns then sees exactly what changed.
    private void ApplyFigures(IReadOnlyDictionary<CellRef, decimal> target)
    {
        var format = Format;
        var counts = new Dictionary<string, decimal>(target.Count, StringComparer.Ordinal);
        var amounts = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (cell, value) in target)
        {
            var def = format.Cell(cell);
            if (def.Kind == ValueKind.Money) amounts[def.Key] = value;
            else counts[def.Key] = decimal.Truncate(value);
        }
        _counts = counts;
        _amounts = amounts;
    }

    private void SetProse(IReadOnlyDictionary<string, string?> texts)
    {
        if (texts.Count == 0) return;
        var prose = new Dictionary<string, string>(_prose, StringComparer.Ordinal);
        foreach (var (code, text) in texts)
        {
            var normalized = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            if (normalized.Length == 0) prose.Remove(code);
            else prose[code] = normalized;
        }
        _prose = prose;
    }

    private void SetExplanations(IReadOnlyDictionary<string, string?> texts)
    {
        if (texts.Count == 0) return;
        var explanations = new Dictionary<string, string>(_explanations, StringComparer.Ordinal);
        foreach (var (key, text) in texts)
        {
            var t = text?.Trim() ?? "";
            if (t.Length == 0) explanations.Remove(key);
            else explanations[key] = t;
        }
        _explanations = explanations;
    }

    // The format's own cells are found by key; a key it lacks (content stored under another format) is parsed.
    private static CellRef CellOf(ReportFormat format, string key) =>
        format.TryGetCell(key, out var def) ? def.Ref : ParseKey(key);

    private static CellRef ParseKey(string key) =>
        CellRef.TryParse(key, out var cell) ? cell : throw new InvalidOperationException($"bad cell key {key}");

    private void EnsureEditable()
    {
        if (Status == RevisionStatus.Published)
            throw new DomainException("已发布的报告不能修改；如需更正，请发起更正并填写更正说明");
        if (!Status.IsEditable())
            throw new DomainException($"报告当前状态为「{Status.Label()}」，不能修改或提交");
    }

    // Every change touches the revision row, so its xmin moves and a concurrent save of the figures is caught.
    private void Touch(Actor actor, DateTimeOffset now)
    {
        UpdatedAt = now.ToUniversalTime();
        UpdatedBy = actor.Name;
    }
}
