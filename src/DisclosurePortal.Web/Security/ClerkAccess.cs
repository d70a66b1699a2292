using System.Globalization;
using System.Security.Claims;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Web.Security;

/// <summary>
/// Who a signed-in clerk is and which body they act for. A clerk sees only their own body's unpublished
/// reports; the body comes from the account, never from the request.
/// </summary>
public static class ClerkAccess
{
    public const string Policy = "Clerk";
    public const string Role = PortalAuth.Clerk;
    public const string BodyClaim = PortalAuth.BodyIdClaim;
    public const string NameClaim = PortalAuth.DisplayNameClaim;

    public static int? BodyIdOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(BodyClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static bool IsClerkOf(ClaimsPrincipal user, int bodyId) => user.IsInRole(Role) && BodyIdOf(user) == bodyId;

    /// <summary>The signed-in user as the audit trail records them: id, display name and IP address.</summary>
    public static Actor ActorOf(HttpContext http) => new(
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("no user id"),
        http.User.FindFirstValue(NameClaim) ?? http.User.Identity?.Name ?? "未知用户",
        http.Connection.RemoteIpAddress?.ToString());
}
