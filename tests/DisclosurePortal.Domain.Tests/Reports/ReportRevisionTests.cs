using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using static DisclosurePortal.Domain.Format.Format2021;
using static DisclosurePortal.Domain.Tests.Rules.RuleTestKit;

namespace DisclosurePortal.Domain.Tests.Reports;

public class ReportRevisionTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 20, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Actor Clerk = new("clerk-1", "张三");
    private static readonly Actor Reviewer = new("reviewer-1", "李四");
    private static readonly Region City = new("3301", "江州市", RegionLevel.City, null);
    private static readonly Region County = new("330122", "临川县", RegionLevel.County, City);
    private static readonly Body CountyGovernment = new("linchuan", CountyName, BodyKind.CountyGovernment, County);

    private static AnnualReport Start() => AnnualReport.Start(CountyGovernment, 2024, Clerk, Now);

    private static Dictionary<CellRef, decimal?> FiguresOf(ReportData data, bool withTotals = true) =>
        data.Format.Cells.Where(c => withTotals || !c.IsDerived).ToDictionary(c => c.Ref, c => data[c.Ref]);

    private static Dictionary<string, string?> ProseOf(ReportData data) =>
        data.Format.ProseParts.ToDictionary(p => p.Code, p => (string?)data.ProseOf(p.Code), StringComparer.Ordinal);

    /// <summary>A draft holding the generated, consistent county report.</summary>
    private static (AnnualReport Report, ReportRevision Revision) Filled(ReportData? data = null)
    {
        var report = Start();
        var revision = report.Current;
        data ??= County2024;
        revision.Save(FiguresOf(data, withTotals: false), ProseOf(data), FigureEntry.DeriveTotals, Clerk, Now);
        return (report, revision);
    }

    private static IReadOnlyList<Violation> Submit(ReportRevision revision, ReportData? previous = null) =>
        revision.Submit(BodyKind.CountyGovernment, previous, null, Clerk, Now);

    [Fact]
    public void A_snapshot_of_the_content_keeps_what_it_showed_and_a_save_gives_a_new_one_with_totals_derived()
    {
        var (_, revision) = Filled();
        var cell = new CellRef(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Natural);
        var total = new CellRef(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Total);
        var before = revision.ToData();

        revision.Save(new Dictionary<CellRef, decimal?> { [cell] = before[cell] + 10 },
            new Dictionary<string, string?> { [ProseActive] = "新的一段" }, FigureEntry.DeriveTotals, Clerk, Now);
        var after = revision.ToData();

        Assert.NotSame(before, after);
        Assert.Equal(before[cell] + 10, after[cell]);
        Assert.Equal(before[total] + 10, after[total]);
        Assert.Equal("新的一段", after.ProseOf(ProseActive));
        // The earlier snapshot still shows the content as it was: the save replaced, never edited, what it read.
        Assert.Equal(County2024[cell], before[cell]);
        Assert.Equal(County2024.ProseOf(ProseActive), before.ProseOf(ProseActive));
        Assert.Equal(after[total], TotalDeriver.Derive(after.Format, after.Figures)[total]);
    }

    [Fact]
    public void Submit_is_accepted_for_a_consistent_report()
    {
        var (_, revision) = Filled();
        Assert.Empty(Submit(revision, County2023));
        Assert.Equal(RevisionStatus.Submitted, revision.Status);
        Assert.Equal(Clerk.Id, revision.SubmittedById);
    }

    [Fact]
    public void Submit_is_refused_while_a_blocking_rule_fails()
    {
        var (_, revision) = Filled();
        revision.Save(new Dictionary<CellRef, decimal?> { [T3(Table3.Received, Table3.Natural)] = null },
            new Dictionary<string, string?>(), FigureEntry.DeriveTotals, Clerk, Now);

        var refused = Assert.Throws<DomainException>(() => Submit(revision));

        Assert.Contains("必须修正", refused.Message, StringComparison.Ordinal);
        Assert.Equal(RevisionStatus.Draft, revision.Status);
    }

    [Fact]
    public void Submit_is_refused_while_a_warning_is_unexplained_and_accepted_once_explained()
    {
        var (_, revision) = Filled();
        var lastYear = County2023.Plus(T3(Table3.CarriedForward, Table3.Natural), 1)
            .Plus(T3(Table3.CarriedForward, Table3.Total), 1);
        var warnings = ReportRules.Evaluate(new RuleInput(revision.ToData(), BodyKind.CountyGovernment, lastYear))
            .Of(RuleCodes.CarryOver);
        Assert.Equal(["t3/2/natural"], warnings.Keys()); // one discrepancy, one explanation

        var refused = Assert.Throws<DomainException>(() => Submit(revision, lastYear));
        Assert.Contains("尚未填写说明", refused.Message, StringComparison.Ordinal);
        Assert.Equal(RevisionStatus.Draft, revision.Status);

        revision.Save(new Dictionary<CellRef, decimal?>(), new Dictionary<string, string?>(), FigureEntry.DeriveTotals, Clerk, Now,
            warnings.ToDictionary(w => w.Key, _ => (string?)"上年度报告结转数有误，已按实际办理台账填报"));
        var violations = Submit(revision, lastYear);

        Assert.Equal(warnings.Select(w => w.Key), violations.Select(v => v.Key));
        Assert.Equal(RevisionStatus.Submitted, revision.Status);
    }

    [Fact]
    public void Return_requires_a_reason()
    {
        var (_, revision) = Filled();
        Submit(revision, County2023);

        Assert.Throws<DomainException>(() => revision.Return("  ", Reviewer, Now));
        Assert.Equal(RevisionStatus.Submitted, revision.Status);

        revision.Return("表二行政许可数与业务系统不符", Reviewer, Now);
        Assert.Equal(RevisionStatus.Returned, revision.Status);
        Assert.Equal("表二行政许可数与业务系统不符", revision.ReturnReason);
    }

    [Fact]
    public void Save_is_refused_when_a_derived_total_would_exceed_the_largest_count_and_nothing_changes()
    {
        var (_, revision) = Filled();
        var before = revision.ToData();
        var natural = new CellRef(Format2021.T3, Table3.Received, Table3.Natural);
        var commercial = new CellRef(Format2021.T3, Table3.Received, Table3.Commercial);

        // Each part is within range; their 总计 is not (found by the malformed-post test).
        var ex = Assert.Throws<InvalidFigureException>(() => revision.Save(
            new Dictionary<CellRef, decimal?> { [natural] = FigureValues.MaxCount, [commercial] = FigureValues.MaxCount },
            new Dictionary<string, string?>(), FigureEntry.DeriveTotals, Clerk, Now));

        Assert.Contains("超出允许范围", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before[natural], revision.ToData()[natural]);
    }

    [Theory]
    [InlineData("T3-BALANCE@t3/2/natural")]          // a blocking rule: it is fixed, never explained
    [InlineData("X-CARRY-OVER@t3/99/natural")]       // a row the format does not have
    [InlineData("NO-SUCH-RULE@t3/2/natural")]
    [InlineData("X-CARRY-OVER")]
    [InlineData("TEXT-COPIED@s9.9")]
    public void Save_refuses_an_explanation_of_no_warning_the_rules_can_raise_and_nothing_changes(string key)
    {
        var (_, revision) = Filled();
        var before = revision.ToData();
        var ex = Assert.Throws<DomainException>(() => revision.Save(new Dictionary<CellRef, decimal?>(),
            new Dictionary<string, string?> { [ProseActive] = "改过的文字" }, FigureEntry.DeriveTotals, Clerk, Now,
            new Dictionary<string, string?> { [key] = "说明" }));
        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.Empty(revision.Explanations);
        Assert.Equal(before.ProseOf(ProseActive), revision.ToData().ProseOf(ProseActive));
    }

    [Theory]
    [InlineData("X-CARRY-OVER@t3/2/natural")]
    [InlineData("TEXT-COPIED@s1.1")]
    public void Violation_keys_of_warnings_at_a_cell_or_prose_part_of_the_format_are_explainable(string key) =>
        Assert.True(Violation.IsExplainableKey(Format2021.Definition, key));

    [Theory]
    [InlineData("正文\u0000中间", "控制字符（U+0000）")]
    [InlineData("\u001B[31m红字", "控制字符（U+001B）")]
    public void Save_refuses_prose_with_control_characters_and_keeps_the_stored_text(string text, string message)
    {
        var (_, revision) = Filled();
        var before = revision.ToData().ProseOf(ProseActive);
        var ex = Assert.Throws<DomainException>(() => revision.Save(new Dictionary<CellRef, decimal?>(),
            new Dictionary<string, string?> { [ProseActive] = text }, FigureEntry.DeriveTotals, Clerk, Now));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, revision.ToData().ProseOf(ProseActive));
    }

    [Fact]
    public void Save_refuses_prose_over_the_length_limit_but_keeps_line_breaks_and_tabs()
    {
        var (_, revision) = Filled();
        Assert.Throws<DomainException>(() => revision.Save(new Dictionary<CellRef, decimal?>(),
            new Dictionary<string, string?> { [ProseActive] = new string('字', ProseValues.MaxLength + 1) }, FigureEntry.DeriveTotals, Clerk, Now));
        revision.Save(new Dictionary<CellRef, decimal?>(), new Dictionary<string, string?> { [ProseActive] = "第一段\n\t第二段" },
            FigureEntry.DeriveTotals, Clerk, Now);
        Assert.Equal("第一段\n\t第二段", revision.ToData().ProseOf(ProseActive));
    }

    [Fact]
    public void Publish_is_refused_for_a_draft()
    {
        var (_, revision) = Filled();
        Assert.Throws<DomainException>(() => revision.Publish(Reviewer, Now));
        Assert.Equal(RevisionStatus.Draft, revision.Status);
    }

    [Fact]
    public void The_publisher_must_differ_from_the_submitter()
    {
        var (_, revision) = Filled();
        Submit(revision, County2023);

        Assert.Throws<DomainException>(() => revision.Publish(Clerk, Now));
        revision.Publish(Reviewer, Now);

        Assert.Equal(RevisionStatus.Published, revision.Status);
        Assert.Equal(Reviewer.Id, revision.PublishedById);
    }

    [Fact]
    public void A_published_revision_refuses_save()
    {
        var (_, revision) = Filled();
        Submit(revision, County2023);
        revision.Publish(Reviewer, Now);

        Assert.Throws<DomainException>(() => revision.Save(
            new Dictionary<CellRef, decimal?> { [T2(Table2.Licensing, Table2.Decisions)] = 1m },
            new Dictionary<string, string?>(), FigureEntry.DeriveTotals, Clerk, Now));
        Assert.Equal(County2024[T2(Table2.Licensing, Table2.Decisions)], revision.ToData()[T2(Table2.Licensing, Table2.Decisions)]);
    }

    [Fact]
    public void Start_correction_requires_a_correction_note_and_copies_the_published_content()
    {
        var (report, revision) = Filled();
        Submit(revision, County2023);
        revision.Publish(Reviewer, Now);

        Assert.Throws<DomainException>(() => report.StartCorrection(" ", Clerk, Now));
        var correction = report.StartCorrection("表三自然人列予以公开数填报有误", Clerk, Now);

        Assert.Equal(2, correction.Number);
        Assert.Equal(RevisionStatus.Draft, correction.Status);
        Assert.Equal("表三自然人列予以公开数填报有误", correction.CorrectionNote);
        Assert.Same(revision, report.Published);
        Assert.Equal(revision.ToData().Figures.OrderBy(f => f.Key.ToString()), correction.ToData().Figures.OrderBy(f => f.Key.ToString()));
        Assert.Equal(revision.ToData().AllProse, correction.ToData().AllProse);
    }

    [Fact]
    public void Totals_are_derived_when_figures_are_typed_in_the_portal()
    {
        var revision = Start().Current;
        var totals = new CellRef[] { T3(Table3.Received, Table3.Total), T3(Table3.ResultsTotal, Table3.Natural) };
        revision.Save(new Dictionary<CellRef, decimal?>
        {
            [T3(Table3.Received, Table3.Natural)] = 7m,
            [T3(Table3.Received, Table3.Commercial)] = 2m,
            [T3(Table3.Disclosed, Table3.Natural)] = 4m,
            [T3(Table3.Partial, Table3.Natural)] = 1m,
            [totals[0]] = 100m,
        }, new Dictionary<string, string?>(), FigureEntry.DeriveTotals, Clerk, Now);

        var data = revision.ToData();
        Assert.Equal(9m, data[totals[0]]);
        Assert.Equal(5m, data[totals[1]]);
    }

    [Fact]
    public void Totals_are_kept_as_given_when_figures_come_from_outside()
    {
        var revision = Start().Current;
        var total = T3(Table3.Received, Table3.Total);
        revision.Save(new Dictionary<CellRef, decimal?>
        {
            [T3(Table3.Received, Table3.Natural)] = 7m,
            [total] = 100m,
        }, new Dictionary<string, string?>(), FigureEntry.AsGiven, Clerk, Now);

        Assert.Equal(100m, revision.ToData()[total]);
        Assert.Equal(["t3/1/total"], ReportRules.Evaluate(new RuleInput(revision.ToData(), BodyKind.CountyGovernment))
            .Of(RuleCodes.T3RowTotal).Keys());
    }

    public static TheoryData<string, decimal> InvalidFigures => new()
    {
        { "t3/1/natural", -1m },
        { "t3/1/natural", 2.5m },
        { "t2/admin_fees/fee_amount", 1.2345678m },
        { "t3/9/natural", 1m },
    };

    [Theory]
    [MemberData(nameof(InvalidFigures))]
    public void An_invalid_figure_throws_and_leaves_the_revision_unchanged(string cellKey, decimal value)
    {
        var (_, revision) = Filled();
        var before = revision.ToData();
        var history = revision.History.Count;
        Assert.True(CellRef.TryParse(cellKey, out var cell));

        var thrown = Assert.Throws<InvalidFigureException>(() => revision.Save(
            new Dictionary<CellRef, decimal?> { [T2(Table2.Penalty, Table2.Decisions)] = 1m, [cell] = value },
            new Dictionary<string, string?> { [ProseActive] = "改过的正文" }, FigureEntry.DeriveTotals, Clerk, Now));

        Assert.Equal(cellKey, thrown.CellKey);
        var after = revision.ToData();
        Assert.Equal(before.Figures.OrderBy(f => f.Key.ToString()), after.Figures.OrderBy(f => f.Key.ToString()));
        Assert.Equal(before.AllProse, after.AllProse);
        Assert.Equal(history, revision.History.Count);
    }
}
