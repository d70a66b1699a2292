using System.Globalization;
using System.Security.Claims;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Web.Security;

/// <summary>
/// Who a signed-in reviewer is and which regions they act for: their own region and every sub-region below it
/// (a reviewer cannot act outside their region). The region comes from the account, never from
/// the request; a report outside the subtree is answered as if it did not exist.
/// </summary>
public static class ReviewerAccess
{
    public const string Policy = "Reviewer";
    public const string Role = PortalAuth.Reviewer;
    public const string RegionClaim = PortalAuth.RegionIdClaim;

    public static int? RegionIdOf(ClaimsPrincipal user) =>
        user.IsInRole(Role) &&
        int.TryParse(user.FindFirstValue(RegionClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id : null;

    /// <summary>The reviewer's region and all regions below it (one recursive query).</summary>
    public static async Task<IReadOnlySet<int>> SubtreeAsync(PortalDbContext db, int regionId, CancellationToken ct) =>
        (await RegionTree.SubtreeAsync(db, regionId, ct)).ToHashSet();

    /// <summary>The regions of the signed-in reviewer, or an empty set for anyone else.</summary>
    public static async Task<IReadOnlySet<int>> RegionsOfAsync(PortalDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        RegionIdOf(user) is { } regionId ? await SubtreeAsync(db, regionId, ct) : new HashSet<int>();

    /// <summary>Whether the signed-in reviewer may act on the reports of a body of <paramref name="bodyRegionId"/>.</summary>
    public static async Task<bool> IsReviewerOfAsync(PortalDbContext db, ClaimsPrincipal user, int bodyRegionId,
        CancellationToken ct) =>
        (await RegionsOfAsync(db, user, ct)).Contains(bodyRegionId);

    /// <summary>The signed-in reviewer as the audit trail records them: id, display name and IP address.</summary>
    public static Actor ActorOf(HttpContext http) => ClerkAccess.ActorOf(http);
}
