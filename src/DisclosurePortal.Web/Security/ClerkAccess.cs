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

    public static Actor ActorOf(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("no user id"),
        user.FindFirstValue(NameClaim) ?? user.Identity?.Name ?? "未知用户");
}
