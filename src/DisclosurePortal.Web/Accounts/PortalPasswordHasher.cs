using DisclosurePortal.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DisclosurePortal.Web.Accounts;

/// <summary>
/// Hashes and checks the password as the policy saw it (<see cref="PortalPasswordValidator.Normalize"/>), so what
/// was accepted at creation is what signs in: every path (sign-in, change, reset, --create-admin) goes through here.
/// </summary>
public sealed class PortalPasswordHasher(IOptions<PasswordHasherOptions>? options = null) : PasswordHasher<PortalUser>(options)
{
    public override string HashPassword(PortalUser user, string password) =>
        base.HashPassword(user, PortalPasswordValidator.Normalize(password));

    public override PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
    {
        var normalized = PortalPasswordValidator.Normalize(providedPassword);
        var result = base.VerifyHashedPassword(user, hashedPassword, normalized);
        if (result != PasswordVerificationResult.Failed || normalized == providedPassword) return result;
        // A hash stored before normalisation: the password as typed then still signs in, and is stored normalised.
        return base.VerifyHashedPassword(user, hashedPassword, providedPassword) == PasswordVerificationResult.Failed
            ? PasswordVerificationResult.Failed
            : PasswordVerificationResult.SuccessRehashNeeded;
    }
}
