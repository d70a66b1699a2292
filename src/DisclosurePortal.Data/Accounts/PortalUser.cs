using DisclosurePortal.Domain.Regions;
using Microsoft.AspNetCore.Identity;

namespace DisclosurePortal.Data.Accounts;

/// <summary>
/// A person who signs in: a clerk (填报员) of one body, a reviewer (审核员) of one region, or an administrator.
/// Lives in Data, not in the domain, because it is an ASP.NET Core Identity type.
/// </summary>
public class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>The body a clerk reports for; null for other roles.</summary>
    public int? BodyId { get; set; }
    public Body? Body { get; set; }
    /// <summary>The region a reviewer reviews, with its sub-regions; null for other roles.</summary>
    public int? RegionId { get; set; }
    public Region? Region { get; set; }
    /// <summary>A disabled account cannot sign in, and its sessions end at the next security-stamp check.</summary>
    public bool IsDisabled { get; set; }
    /// <summary>
    /// Set when an administrator chose or reset the password: someone else has known it, so the account may do
    /// nothing but change it (and sign out) until its owner does.
    /// </summary>
    public bool MustChangePassword { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
