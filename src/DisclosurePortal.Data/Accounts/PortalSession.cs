namespace DisclosurePortal.Data.Accounts;

/// <summary>
/// One signed-in session, named by the session id in the cookie. The row is what makes a session live: sign-out
/// deletes it, and a changed security stamp (disabled account, password reset, new role or body) outdates it,
/// on every instance at once. A copied cookie without its row is refused.
/// </summary>
public sealed class PortalSession
{
    private PortalSession() { UserId = SecurityStamp = ""; }

    public PortalSession(Guid id, string userId, string securityStamp, DateTimeOffset createdAt)
    {
        Id = id;
        UserId = userId;
        SecurityStamp = securityStamp;
        CreatedAt = createdAt.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; }
    /// <summary>The account's security stamp at sign-in; the session ends when the account's stamp changes.</summary>
    public string SecurityStamp { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
