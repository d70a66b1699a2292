using DisclosurePortal.Data;
using DisclosurePortal.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Accounts;

/// <summary>
/// The server side of a session: the cookie carries only a session id, and a session is live while its row is
/// there and the account's security stamp is the one it was opened with. Every instance reads the same table, so
/// sign-out, disabling, a password reset or a role change end the session everywhere at the next request.
/// </summary>
public sealed class PortalSessions(PortalDbContext db, TimeProvider time)
{
    public const string SessionIdClaim = "dp:session_id";

    /// <summary>Opens a session for the account as it is now; the account's outlived sessions are dropped.</summary>
    public async Task<Guid> StartAsync(PortalUser user, TimeSpan absoluteLifetime)
    {
        var now = time.GetUtcNow();
        var outlived = now - absoluteLifetime;
        await db.Sessions.Where(s => s.UserId == user.Id && s.CreatedAt < outlived).ExecuteDeleteAsync();
        var session = new PortalSession(Guid.NewGuid(), user.Id, user.SecurityStamp ?? "", now);
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        db.Entry(session).State = EntityState.Detached;
        return session.Id;
    }

    /// <summary>One indexed read per authenticated request.</summary>
    public Task<bool> IsLiveAsync(Guid sessionId, string userId, CancellationToken ct) =>
        db.Sessions.AsNoTracking().AnyAsync(s => s.Id == sessionId && s.UserId == userId
            && db.Users.Any(u => u.Id == s.UserId && u.SecurityStamp == s.SecurityStamp && !u.IsDisabled), ct);

    public Task EndAsync(Guid sessionId) => db.Sessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync();

    public static Guid? IdOf(System.Security.Claims.ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirst(SessionIdClaim)?.Value, out var id) ? id : null;
}
