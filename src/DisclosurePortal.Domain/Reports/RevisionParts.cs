namespace DisclosurePortal.Domain.Reports;

/// <summary>Who acted: the account id, the name shown in the audit trail, and where from (IP address).</summary>
public sealed record Actor(string Id, string Name, string? Ip = null)
{
    public static readonly Actor System = new("system", "系统");
}

public enum RevisionStatus
{
    Draft,      // 草稿
    Submitted,  // 已提交
    Returned,   // 已退回
    Published,  // 已发布
    Scheduled,  // 已批准，定时发布
}

public static class RevisionStatuses
{
    public static string Label(this RevisionStatus s) => s switch
    {
        RevisionStatus.Draft => "草稿",
        RevisionStatus.Submitted => "已提交",
        RevisionStatus.Returned => "已退回",
        RevisionStatus.Published => "已发布",
        RevisionStatus.Scheduled => "待定时发布",
        _ => s.ToString(),
    };

    public static bool IsEditable(this RevisionStatus s) => s is RevisionStatus.Draft or RevisionStatus.Returned;
}

public enum RevisionAction
{
    Created,
    Saved,
    Submitted,
    Returned,
    Published,
    CorrectionStarted,
    Scheduled,
    ScheduleCancelled,
    ImportedAsHistory,
}

/// <summary>
/// Where a revision's content comes from: entered in the portal and published through review, or a report the body
/// had already published elsewhere, taken in as history (「历史报告（导入）」) exactly as it was printed.
/// </summary>
public enum RevisionOrigin
{
    Entered,
    Imported,
}

/// <summary>One line of a revision's audit trail. Times are UTC.</summary>
public sealed class RevisionEvent
{
    private RevisionEvent() { ActorId = ActorName = ""; }

    internal RevisionEvent(RevisionAction action, Actor actor, DateTimeOffset at, string? note,
        IReadOnlyList<string>? changes = null)
    {
        Ip = actor.Ip;
        Changes = changes is { Count: > 0 } ? string.Join('\n', changes) : null;
        Action = action;
        ActorId = actor.Id;
        ActorName = actor.Name;
        At = at.ToUniversalTime();
        Note = note;
    }

    public long Id { get; private set; }
    public RevisionAction Action { get; private set; }
    public string ActorId { get; private set; }
    public string ActorName { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? Note { get; private set; }
    /// <summary>The client's IP address, where the action came over the web.</summary>
    public string? Ip { get; private set; }
    /// <summary>What a save changed, one line per cell or section: 「表三 一 自然人：3 → 5」.</summary>
    public string? Changes { get; private set; }

    public IReadOnlyList<string> ChangeLines => Changes?.Split('\n') ?? [];
}

public static class RevisionActions
{
    public static string Label(this RevisionAction a) => a switch
    {
        RevisionAction.Created => "创建",
        RevisionAction.Saved => "保存",
        RevisionAction.Submitted => "提交审核",
        RevisionAction.Returned => "退回",
        RevisionAction.Published => "发布",
        RevisionAction.CorrectionStarted => "发起更正",
        RevisionAction.Scheduled => "批准并定时发布",
        RevisionAction.ScheduleCancelled => "取消定时发布",
        RevisionAction.ImportedAsHistory => "导入历史报告",
        _ => a.ToString(),
    };
}
