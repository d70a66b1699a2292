using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using static DisclosurePortal.Domain.Tests.Rules.RuleTestKit;

namespace DisclosurePortal.Domain.Tests.Reports;

/// <summary>The reviewer's decisions on a revision: return with comments, publish, schedule, corrections.</summary>
public class ReviewDecisionTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 20, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Actor Clerk = new("clerk-1", "张三");
    private static readonly Actor Reviewer = new("reviewer-1", "李四");
    private static readonly Region County = new("330122", "临川县", RegionLevel.County, null);
    private static readonly Body Government = new("linchuan", CountyName, BodyKind.CountyGovernment, County);
    private static readonly CellRef Received = new(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Natural);

    private static AnnualReport Submitted()
    {
        var report = AnnualReport.Start(Government, 2024, Clerk, Now);
        var data = County2024;
        report.Current.Save(data.Figures.ToDictionary(kv => kv.Key, kv => (decimal?)kv.Value),
            data.Prose.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), FigureEntry.AsGiven, Clerk, Now);
        report.Current.Submit(BodyKind.CountyGovernment, County2023, null, Clerk, Now);
        return report;
    }

    [Fact]
    public void Return_keeps_comments_anchored_to_a_cell_a_prose_part_and_a_rule()
    {
        var revision = Submitted().Current;
        revision.Return("请核对表三", Reviewer, Now, new Dictionary<CommentAnchor, string>
        {
            [CommentAnchor.OfCell(Received)] = "自然人申请数与登记簿不符",
            [CommentAnchor.OfProse(Format2021.ProseActive)] = "请补充主动公开情况",
            [CommentAnchor.OfRule("X-CARRY-OVER")] = "说明不充分",
        });

        Assert.Equal(RevisionStatus.Returned, revision.Status);
        Assert.Equal("自然人申请数与登记簿不符", revision.ReviewComments[$"cell:{Received}"]);
        Assert.Equal("请补充主动公开情况", revision.ReviewComments[$"prose:{Format2021.ProseActive}"]);
        Assert.Equal("说明不充分", revision.ReviewComments["rule:X-CARRY-OVER"]);
        var returned = revision.History.Last();
        Assert.Equal(RevisionAction.Returned, returned.Action);
        Assert.Contains(returned.ChangeLines, l => l.EndsWith("自然人申请数与登记簿不符", StringComparison.Ordinal));
    }

    [Fact]
    public void Return_without_a_reason_changes_nothing()
    {
        var revision = Submitted().Current;
        var refused = Assert.Throws<DomainException>(() => revision.Return("  ", Reviewer, Now,
            new Dictionary<CommentAnchor, string> { [CommentAnchor.OfCell(Received)] = "x" }));
        Assert.Contains("退回理由", refused.Message, StringComparison.Ordinal);
        Assert.Equal(RevisionStatus.Submitted, revision.Status);
        Assert.Empty(revision.ReviewComments);
    }

    [Fact]
    public void Return_refuses_a_comment_anchored_outside_the_format()
    {
        var revision = Submitted().Current;
        Assert.Throws<DomainException>(() => revision.Return("请核对", Reviewer, Now,
            new Dictionary<CommentAnchor, string> { [new CommentAnchor(CommentTarget.Cell, "t9/1/x")] = "x" }));
        Assert.Equal(RevisionStatus.Submitted, revision.Status);
    }

    [Fact]
    public void A_draft_cannot_be_published_returned_or_scheduled()
    {
        var draft = AnnualReport.Start(Government, 2024, Clerk, Now).Current;
        Assert.Throws<DomainException>(() => draft.Publish(Reviewer, Now));
        Assert.Throws<DomainException>(() => draft.Return("x", Reviewer, Now));
        Assert.Throws<DomainException>(() => draft.Schedule(Now.AddDays(1), Reviewer, Now));
        Assert.Equal(RevisionStatus.Draft, draft.Status);
    }

    [Fact]
    public void The_submitter_can_neither_publish_nor_schedule_their_own_submission()
    {
        var revision = Submitted().Current;
        Assert.Throws<DomainException>(() => revision.Publish(Clerk, Now));
        Assert.Throws<DomainException>(() => revision.Schedule(Now.AddDays(1), Clerk, Now));
        Assert.Equal(RevisionStatus.Submitted, revision.Status);
    }

    [Fact]
    public void Publishing_twice_is_refused_and_the_first_publication_stands()
    {
        var revision = Submitted().Current;
        revision.Publish(Reviewer, Now);
        var refused = Assert.Throws<DomainException>(() => revision.Publish(new Actor("reviewer-2", "王五"), Now.AddMinutes(1)));
        Assert.Contains("已发布", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Reviewer.Id, revision.PublishedById);
        Assert.Equal(Now.ToUniversalTime(), revision.PublishedAt);
    }

    [Fact]
    public void A_published_revision_cannot_be_edited()
    {
        var revision = Submitted().Current;
        revision.Publish(Reviewer, Now);
        var refused = Assert.Throws<DomainException>(() => revision.Save(new Dictionary<CellRef, decimal?> { [Received] = 1 },
            new Dictionary<string, string?>(), FigureEntry.DeriveTotals, Clerk, Now));
        Assert.Contains("更正", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scheduled_publication_in_the_past_is_refused()
    {
        var revision = Submitted().Current;
        var refused = Assert.Throws<DomainException>(() => revision.Schedule(Now.AddMinutes(-1), Reviewer, Now));
        Assert.Contains("晚于当前时间", refused.Message, StringComparison.Ordinal);
        Assert.Equal(RevisionStatus.Submitted, revision.Status);
        Assert.Null(revision.ScheduledFor);
    }

    [Fact]
    public void A_scheduled_revision_is_published_when_due_with_the_approver_as_publisher()
    {
        var revision = Submitted().Current;
        var at = Now.AddDays(2);
        revision.Schedule(at, Reviewer, Now);
        Assert.Equal(RevisionStatus.Scheduled, revision.Status);
        Assert.False(revision.IsDue(at.AddSeconds(-1)));
        Assert.Throws<DomainException>(() => revision.PublishDue(at.AddSeconds(-1)));

        revision.PublishDue(at);

        Assert.Equal(RevisionStatus.Published, revision.Status);
        Assert.Equal(Reviewer.Id, revision.PublishedById);
        Assert.Equal(at.ToUniversalTime(), revision.PublishedAt);
        Assert.Null(revision.ScheduledFor);
    }

    [Fact]
    public void A_cancelled_schedule_goes_back_to_submitted_and_is_never_published()
    {
        var revision = Submitted().Current;
        revision.Schedule(Now.AddDays(1), Reviewer, Now);
        revision.CancelSchedule(Reviewer, Now.AddHours(1));
        Assert.Equal(RevisionStatus.Submitted, revision.Status);
        Assert.False(revision.IsDue(Now.AddDays(3)));
        Assert.Throws<DomainException>(() => revision.PublishDue(Now.AddDays(3)));
    }

    [Fact]
    public void A_correction_needs_a_note_and_its_diff_lists_the_changed_figures_and_prose()
    {
        var report = Submitted();
        report.Current.Publish(Reviewer, Now);
        Assert.Throws<DomainException>(() => report.StartCorrection(" ", Clerk, Now));
        Assert.Single(report.Revisions);

        var correction = report.StartCorrection("表三自然人申请数录入有误", Clerk, Now.AddDays(1));
        var before = report.Published!.ToData();
        var old = before[Received]!.Value;
        correction.Save(new Dictionary<CellRef, decimal?> { [Received] = old + 1 },
            new Dictionary<string, string?> { [Format2021.ProseActive] = "更正后的主动公开情况。" }, FigureEntry.DeriveTotals, Clerk, Now.AddDays(1));

        var diff = RevisionDiff.Between(before, correction.ToData());

        Assert.Contains(diff.Figures, f => f.Cell.Ref == Received && f.Before == old && f.After == old + 1);
        Assert.Contains(diff.Prose, p => p.Part.Code == Format2021.ProseActive && p.After == "更正后的主动公开情况。");
        Assert.Equal(1, report.Published!.Number);
    }

    [Fact]
    public void A_region_setting_overrides_the_statutory_deadline_and_the_nearest_region_wins()
    {
        var settings = new[]
        {
            new RegionDeadline(1, 2024, DeadlineGroup.Townships, new DateOnly(2025, 2, 28), Reviewer, Now),
            new RegionDeadline(2, 2024, DeadlineGroup.Townships, new DateOnly(2025, 2, 15), Reviewer, Now),
        };
        Assert.Equal(new DateOnly(2025, 2, 15), Deadlines.For(BodyKind.TownshipGovernment, 2024, [2, 1], settings));
        Assert.Equal(new DateOnly(2025, 2, 28), Deadlines.For(BodyKind.TownshipGovernment, 2024, [3, 1], settings));
        Assert.Equal(new DateOnly(2025, 1, 31), Deadlines.For(BodyKind.CountyDepartment, 2024, [2, 1], settings));
        Assert.Equal(new DateOnly(2025, 3, 31), Deadlines.For(BodyKind.CountyGovernment, 2024, [2, 1], settings));
        Assert.Throws<DomainException>(() => new RegionDeadline(1, 2024, DeadlineGroup.Townships, new DateOnly(2024, 12, 1), Reviewer, Now));
    }
}
