using System.Globalization;
using System.Security.Claims;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DisclosurePortal.Web.Accounts;

/// <summary>
/// Sign-in, sign-out and the change of one's own password, each written to the audit log. A disabled account
/// cannot sign in, whatever its password. An unknown name, a locked or a disabled account costs one password
/// check like a wrong password, so neither the answer nor its time tells which accounts exist (OWASP
/// Authentication Cheat Sheet, "Authentication and Error Messages").
/// </summary>
public sealed class PortalSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    PortalSessions sessions,
    AccountSettings settings,
    PortalDbContext db)
    : SignInManager<PortalUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>The hash an unknown name's password is checked against; made once, with the configured iterations.</summary>
    private static string? _unknownUserHash;

    public override async Task<bool> CanSignInAsync(PortalUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent,
        bool lockoutOnFailure)
    {
        // No account has a control character in its name, and PostgreSQL refuses a NUL in a query.
        var user = VisibleText.HasControl(userName) ? null : await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            var hasher = UserManager.PasswordHasher;
            _unknownUserHash ??= hasher.HashPassword(new PortalUser(), GeneratedPassword.New());
            hasher.VerifyHashedPassword(new PortalUser(), _unknownUserHash, password);
            await AuditAsync(AccountAudit.SignInFailed, null, userName, "用户名不存在");
            return SignInResult.Failed;
        }
        var wasLockedOut = await UserManager.IsLockedOutAsync(user);
        // The failure count or lockout (or the session and the reset count) and the audit line: one transaction.
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        if (result.Succeeded) await AuditAsync(AccountAudit.SignInSucceeded, user.Id, userName, null);
        else if (result.IsNotAllowed) await AuditAsync(AccountAudit.SignInFailed, user.Id, userName, "账户已停用");
        else if (wasLockedOut) await AuditAsync(AccountAudit.SignInFailed, user.Id, userName, "账户已锁定");
        else
        {
            db.AuditLog.Add(AccountAudit.Entry(Context, AccountAudit.SignInFailed, user.Id, userName, "密码错误"));
            if (result.IsLockedOut)
                db.AuditLog.Add(AccountAudit.Entry(Context, AccountAudit.LockedOut, user.Id, userName,
                    $"连续 {Options.Lockout.MaxFailedAccessAttempts} 次密码错误，锁定至 {BeijingTime.Format(user.LockoutEnd)}"));
            await db.SaveChangesAsync();
        }
        await tx.CommitAsync();
        return result;
    }

    /// <summary>A locked or disabled account is refused only after the password check any other attempt costs.</summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(PortalUser user, string password, bool lockoutOnFailure)
    {
        if (await PreSignInCheck(user) is { } refused)
        {
            await UserManager.CheckPasswordAsync(user, password);
            return refused;
        }
        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }

    /// <summary>
    /// Changes the signed-in user's own password: the new stamp ends every other session of the account, and this
    /// browser gets a new session, so whoever else knew the old password (an administrator, a thief) is out.
    /// </summary>
    public async Task<IdentityResult> ChangePasswordAsync(PortalUser user, string currentPassword, string newPassword)
    {
        if (!await UserManager.CheckPasswordAsync(user, currentPassword))
        {
            await AuditAsync(AccountAudit.PasswordChangeFailed, user.Id, user.UserName ?? "", "当前密码不正确");
            return IdentityResult.Failed(UserManager.ErrorDescriber.PasswordMismatch());
        }
        if (PortalPasswordValidator.Normalize(currentPassword) == PortalPasswordValidator.Normalize(newPassword))
            return IdentityResult.Failed(new IdentityError { Code = "PasswordUnchanged", Description = "新密码不能与当前密码相同" });
        // The new password, the ended sessions, this browser's new one and the audit line stand or fall together.
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await UserManager.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded) return result;
        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            result = await UserManager.UpdateAsync(user);
            if (!result.Succeeded) return result;
        }
        await db.Sessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync();
        await SignInAsync(user, isPersistent: false);
        await AuditAsync(AccountAudit.PasswordChanged, user.Id, user.UserName ?? "", null);
        await tx.CommitAsync();
        return IdentityResult.Success;
    }

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
        // Only a signed-in user's own sign-out is an event; the stamp check also signs out a refused cookie.
        if (PortalSessions.IdOf(Context.User) is { } id)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await sessions.EndAsync(id);
            await AuditAsync(AccountAudit.SignOut, Context.User.FindFirstValue(ClaimTypes.NameIdentifier),
                Context.User.Identity?.Name ?? "", null);
            await tx.CommitAsync();
        }
        await base.SignOutAsync();
    }

    private async Task AuditAsync(string action, string? userId, string typedName, string? detail)
    {
        db.AuditLog.Add(AccountAudit.Entry(Context, action, userId, typedName, detail));
        await db.SaveChangesAsync();
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
        if (user.MustChangePassword) identity.AddClaim(new Claim(PortalAuth.MustChangePasswordClaim, "true"));
        identity.AddClaim(new Claim(PortalAuth.SignedInAtClaim,
            time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return identity;
    }
}
