namespace DisclosurePortal.Data.Accounts;

/// <summary>The role names and claim types of the portal, in one place.</summary>
public static class PortalAuth
{
    /// <summary>填报员: fills in and submits the reports of one body.</summary>
    public const string Clerk = "Clerk";
    /// <summary>审核员: reviews and publishes the reports of one region and its sub-regions.</summary>
    public const string Reviewer = "Reviewer";
    /// <summary>管理员: keeps regions, bodies and accounts.</summary>
    public const string Administrator = "Administrator";

    public static readonly IReadOnlyList<string> Roles = [Clerk, Reviewer, Administrator];

    public static string RoleLabel(string role) => role switch
    {
        Clerk => "填报员",
        Reviewer => "审核员",
        Administrator => "管理员",
        _ => role,
    };

    public const string DisplayNameClaim = "dp:display_name";
    public const string BodyIdClaim = "dp:body_id";
    public const string RegionIdClaim = "dp:region_id";
    /// <summary>When the password was checked (Unix seconds); the absolute session lifetime counts from it.</summary>
    public const string SignedInAtClaim = "dp:signed_in_at";

    /// <summary>Present while the account must change the password an administrator set (PortalUser.MustChangePassword).</summary>
    public const string MustChangePasswordClaim = "dp:must_change_password";

    /// <summary>The authorization policy of the admin pages.</summary>
    public const string AdministratorPolicy = "Administrator";
}
