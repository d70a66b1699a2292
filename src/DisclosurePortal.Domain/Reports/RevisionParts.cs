namespace DisclosurePortal.Domain.Reports;

/// <summary>Who acted: the account id and the name shown in the audit trail.</summary>
public sealed record Actor(string Id, string Name)
{
    public static readonly Actor System = new("system", "系统");
}

public enum RevisionStatus
{
    Draft,      // 草稿
    Submitted,  // 已提交
    Returned,   // 已退回
    Published,  // 已发布
}

public static class RevisionStatuses
{
    public static string Label(this RevisionStatus s) => s switch
    {
        RevisionStatus.Draft => "草稿",
        RevisionStatus.Submitted => "已提交",
        RevisionStatus.Returned => "已退回",
        RevisionStatus.Published => "已发布",
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
}

/// <summary>One line of a revision's audit trail. Times are UTC.</summary>
public sealed class RevisionEvent
{
    private RevisionEvent() { ActorId = ActorName = ""; }

    internal RevisionEvent(RevisionAction action, Actor actor, DateTimeOffset at, string? note)
    {
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
}
