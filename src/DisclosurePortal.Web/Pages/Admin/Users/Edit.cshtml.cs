using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Web.Accounts;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Admin.Users;

/// <summary>One account: assign its body or region, disable or enable it, reset its password.</summary>
public sealed class EditModel(PortalDbContext db, UserManager<PortalUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public PortalUser Account { get; private set; } = null!;
    public string Role { get; private set; } = "";
    public bool IsLockedOut { get; private set; }
    public IReadOnlyList<UsersModel.Choice> Bodies { get; private set; } = [];
    public IReadOnlyList<UsersModel.Choice> Regions { get; private set; } = [];
    [BindProperty] public AssignInput Assign { get; set; } = new();
    [BindProperty] public ResetInput Reset { get; set; } = new();
    [TempData] public string? Notice { get; set; }
    [TempData] public string? OneTimePassword { get; set; }

    public sealed class AssignInput
    {
        public int? BodyId { get; set; }
        public int? RegionId { get; set; }
    }

    public sealed class AssignValidator : AbstractValidator<AssignInput>
    {
        public AssignValidator(string role)
        {
            RuleFor(x => x.BodyId).NotNull().When(_ => role == PortalAuth.Clerk).WithMessage("填报员必须指定所属单位");
            RuleFor(x => x.RegionId).NotNull().When(_ => role == PortalAuth.Reviewer).WithMessage("审核员必须指定所属区划");
        }
    }

    public sealed class ResetInput
    {
        /// <summary>Empty: a one-time password is generated and shown once. Typed spaces are kept, so a blank password
        /// is refused at the field rather than silently replaced.</summary>
        [DisplayFormat(ConvertEmptyStringToNull = false)] public string? NewPassword { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (ModelState.AddErrors(await new AssignValidator(Role).ValidateAsync(Assign, ct), nameof(Assign)))
        {
            int? bodyId = Role == PortalAuth.Clerk ? Assign.BodyId : null;
            int? regionId = Role == PortalAuth.Reviewer ? Assign.RegionId : null;
            if (bodyId is not null && !await db.Bodies.AnyAsync(b => b.Id == bodyId, ct))
                ModelState.AddModelError("Assign.BodyId", "所属单位不存在");
            else if (regionId is not null && !await db.Regions.AnyAsync(r => r.Id == regionId, ct))
                ModelState.AddModelError("Assign.RegionId", "所属区划不存在");
            else
            {
                var detail = $"单位 {Show(Account.BodyId)} → {Show(bodyId)}，区划 {Show(Account.RegionId)} → {Show(regionId)}";
                Account.BodyId = bodyId;
                Account.RegionId = regionId;
                // The body and region are claims in the cookie: a new stamp makes open sessions pick them up.
                return await SaveAsync(() => users.UpdateSecurityStampAsync(Account), "user.assign", detail, "已更新所属单位/区划", ct);
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Account.Id == User.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            ModelState.AddModelError("", "不能停用自己的账户");
            return Page();
        }
        Account.IsDisabled = true;
        // A disabled account's sessions end at once: a new stamp outdates their rows (PortalSessions).
        return await SaveAsync(() => users.UpdateSecurityStampAsync(Account), "user.disable", null, "账户已停用", ct);
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Account.IsDisabled = false;
        return await SaveAsync(() => users.UpdateAsync(Account), "user.enable", null, "账户已启用", ct);
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var generated = string.IsNullOrEmpty(Reset.NewPassword);
        var password = generated ? GeneratedPassword.New() : Reset.NewPassword!;
        var token = await users.GeneratePasswordResetTokenAsync(Account);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The administrator knows the new password: the owner must replace it at the next sign-in.
        Account.MustChangePassword = true;
        // ResetPasswordAsync runs the password policy and renews the security stamp, ending open sessions.
        if (!ModelState.AddErrors(await users.ResetPasswordAsync(Account, token, password), "Reset.NewPassword"))
        {
            Reset.NewPassword = null;
            return Page();
        }
        await users.SetLockoutEndDateAsync(Account, null);
        await users.ResetAccessFailedCountAsync(Account);
        db.AuditLog.Add(HttpContext.Audit("user.reset-password", "user", Account.Id, generated ? "生成一次性密码" : "管理员设定密码"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Notice = "密码已重置，该账户已登录的会话随之失效";
        if (generated) OneTimePassword = password;
        return RedirectToPage(new { id = Account.Id });
    }

    private async Task<IActionResult> SaveAsync(Func<Task<IdentityResult>> change, string action, string? detail,
        string notice, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!ModelState.AddErrors(await change(), "")) return Page();
        db.AuditLog.Add(HttpContext.Audit(action, "user", Account.Id, detail));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Notice = notice;
        return RedirectToPage(new { id = Account.Id });
    }

    private static string Show(int? id) => id?.ToString(CultureInfo.InvariantCulture) ?? "—";

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        // An id with a NUL or a line break names no account (and PostgreSQL refuses NUL in text).
        if (Domain.VisibleText.HasControl(Id)) return false;
        var account = await db.Users.Include(u => u.Body).Include(u => u.Region).FirstOrDefaultAsync(u => u.Id == Id, ct);
        if (account is null) return false;
        Account = account;
        Role = (await users.GetRolesAsync(account)).FirstOrDefault() ?? "";
        IsLockedOut = await users.IsLockedOutAsync(account);
        (Bodies, Regions) = await UsersModel.LoadOptionsAsync(db, ct);
        if (!HttpMethods.IsPost(Request.Method)) Assign = new AssignInput { BodyId = account.BodyId, RegionId = account.RegionId };
        return true;
    }
}
