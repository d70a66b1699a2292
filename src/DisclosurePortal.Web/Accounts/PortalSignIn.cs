using System.Globalization;
using System.Security.Claims;
using DisclosurePortal.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DisclosurePortal.Web.Accounts;

/// <summary>A disabled account cannot sign in, whatever its password.</summary>
public sealed class PortalSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    PortalSessions sessions,
    AccountSettings settings)
    : SignInManager<PortalUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(PortalUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    /// <summary>Every cookie issued names a session row (PortalSessions); without the row the cookie is refused.</summary>
    public override async Task SignInWithClaimsAsync(PortalUser user, AuthenticationProperties? authenticationProperties,
        IEnumerable<Claim> additionalClaims)
    {
        var id = await sessions.StartAsync(user, settings.AbsoluteLifetime);
        var claims = additionalClaims.Where(c => c.Type != PortalSessions.SessionIdClaim)
            .Append(new Claim(PortalSessions.SessionIdClaim, id.ToString()));
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>Deletes the session row first, so a copy of the cookie is dead on every instance.</summary>
    public override async Task SignOutAsync()
    {
        if (PortalSessions.IdOf(Context.User) is { } id) await sessions.EndAsync(id);
        await base.SignOutAsync();
    }
}

/// <summary>
/// Puts the display name, the clerk's body, the reviewer's region and the time of sign-in into the cookie.
/// The sign-in time is kept when the security-stamp check rebuilds the principal (see AccountsSetup), so the
/// absolute session lifetime counts from the password, not from the last refresh.
/// </summary>
public sealed class PortalClaimsFactory(
    UserManager<PortalUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    TimeProvider time)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalAuth.DisplayNameClaim, user.DisplayName));
        if (user.BodyId is { } body) identity.AddClaim(new Claim(PortalAuth.BodyIdClaim, body.ToString(CultureInfo.InvariantCulture)));
        if (user.RegionId is { } region) identity.AddClaim(new Claim(PortalAuth.RegionIdClaim, region.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(PortalAuth.SignedInAtClaim,
            time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return identity;
    }
}
