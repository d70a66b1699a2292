namespace DisclosurePortal.Data.Accounts;

/// <summary>
/// One administrative change (a region, a body or an account): who, when (UTC), from where, and what.
/// Report saves and transitions have their own trail (revision_events).
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { ActorName = Action = Entity = ""; }

    public AuditEntry(DateTimeOffset at, string? actorId, string actorName, string action, string entity,
        string? entityId, string? detail, string? ip)
    {
        At = at.ToUniversalTime();
        ActorId = actorId;
        ActorName = actorName;
        Action = action;
        Entity = entity;
        EntityId = entityId;
        Detail = detail;
        Ip = ip;
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorId { get; private set; }
    public string ActorName { get; private set; }
    public string Action { get; private set; }
    public string Entity { get; private set; }
    public string? EntityId { get; private set; }
    public string? Detail { get; private set; }
    public string? Ip { get; private set; }
}
