using System.ComponentModel.DataAnnotations;
using DisclosurePortal.Data;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Web.Accounts;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Admin;

/// <summary>The accounts: list, and create one with its role and, as the role needs, its body or region.</summary>
public sealed class UsersModel(PortalDbContext db, UserManager<PortalUser> users, TimeProvider time) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Choice> Bodies { get; private set; } = [];
    public IReadOnlyList<Choice> Regions { get; private set; } = [];
    [BindProperty] public CreateInput Create { get; set; } = new();
    [TempData] public string? Notice { get; set; }
    /// <summary>A generated password, shown once after the redirect (TempData is read once).</summary>
    [TempData] public string? OneTimePassword { get; set; }

    public sealed record Row(string Id, string UserName, string DisplayName, string Role, string? Body, string? Region,
        bool IsDisabled, bool IsLockedOut);

    public sealed record Choice(int Id, string Label);

    public sealed class CreateInput
    {
        public string UserName { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Role { get; set; } = "";
        public int? BodyId { get; set; }
        public int? RegionId { get; set; }
        /// <summary>Empty: a one-time password is generated and shown once. Typed spaces are kept, so a blank password
        /// is refused at the field rather than silently replaced.</summary>
        [DisplayFormat(ConvertEmptyStringToNull = false)] public string? Password { get; set; }
    }

    public sealed class CreateValidator : AbstractValidator<CreateInput>
    {
        public CreateValidator()
        {
            RuleFor(x => x.UserName).NotEmpty().WithMessage("请输入用户名").VisibleName("用户名").Length(3, 64).WithMessage("用户名需要 3 到 64 个字符")
                .Matches("^[A-Za-z0-9._@+-]*$").WithMessage("用户名只能包含英文字母、数字和 - . _ @ +");
            RuleFor(x => x.DisplayName).NotEmpty().WithMessage("请输入姓名").VisibleName("姓名").MaximumLength(100).WithMessage("姓名不能超过 100 个字符");
            RuleFor(x => x.Role).Must(r => PortalAuth.Roles.Contains(r)).WithMessage("请选择角色");
            // A clerk belongs to one body, a reviewer to one region.
            RuleFor(x => x.BodyId).NotNull().When(x => x.Role == PortalAuth.Clerk).WithMessage("填报员必须指定所属单位");
            RuleFor(x => x.RegionId).NotNull().When(x => x.Role == PortalAuth.Reviewer).WithMessage("审核员必须指定所属区划");
        }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.AddErrors(await new CreateValidator().ValidateAsync(Create, ct), nameof(Create))
            && await CheckAssignmentAsync(ct))
        {
            var user = new PortalUser
            {
                UserName = Create.UserName.Trim(),
                DisplayName = Domain.VisibleText.StripInvisible(Create.DisplayName).Trim(),
                BodyId = Create.Role == PortalAuth.Clerk ? Create.BodyId : null,
                RegionId = Create.Role == PortalAuth.Reviewer ? Create.RegionId : null,
                CreatedAt = time.GetUtcNow(),
                // The administrator knows this password: the owner must replace it at the first sign-in.
                MustChangePassword = true,
            };
            var generated = string.IsNullOrEmpty(Create.Password);
            var password = generated ? GeneratedPassword.New() : Create.Password!;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            IdentityResult created;
            try
            {
                created = await users.CreateAsync(user, password);
            }
            // Identity checks the name first; a double-submitted form passes that check twice and the index decides.
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                await tx.RollbackAsync(ct);
                created = IdentityResult.Failed(users.ErrorDescriber.DuplicateUserName(user.UserName));
            }
            if (created.Succeeded) created = await users.AddToRoleAsync(user, Create.Role);
            if (ModelState.AddErrors(created, created.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal))
                    ? "Create.Password" : "Create.UserName"))
            {
                db.AuditLog.Add(HttpContext.Audit("user.create", "user", user.Id,
                    $"{user.UserName}（{user.DisplayName}），角色：{PortalAuth.RoleLabel(Create.Role)}，单位 {user.BodyId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"}，区划 {user.RegionId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"}"));
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                Notice = $"已创建账户「{user.UserName}」";
                if (generated) OneTimePassword = password;
                return RedirectToPage("/Admin/Users/Edit", new { id = user.Id });
            }
        }
        Create.Password = null;
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> CheckAssignmentAsync(CancellationToken ct)
    {
        if (Create.Role == PortalAuth.Clerk && !await db.Bodies.AnyAsync(b => b.Id == Create.BodyId, ct))
            ModelState.AddModelError("Create.BodyId", "所属单位不存在");
        if (Create.Role == PortalAuth.Reviewer && !await db.Regions.AnyAsync(r => r.Id == Create.RegionId, ct))
            ModelState.AddModelError("Create.RegionId", "所属区划不存在");
        return ModelState.ErrorCount == 0;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToDictionaryAsync(x => x.UserId, x => x.Name ?? "", ct);
        var now = time.GetUtcNow();
        Rows = [.. (await db.Users.AsNoTracking().OrderBy(u => u.UserName)
                .Select(u => new { u.Id, u.UserName, u.DisplayName, Body = u.Body!.Name, Region = u.Region!.Name, u.IsDisabled, u.LockoutEnd })
                .ToListAsync(ct))
            .Select(u => new Row(u.Id, u.UserName ?? "", u.DisplayName, roles.GetValueOrDefault(u.Id, ""), u.Body, u.Region,
                u.IsDisabled, u.LockoutEnd > now))];
        (Bodies, Regions) = await LoadOptionsAsync(db, ct);
    }

    public static async Task<(IReadOnlyList<Choice> Bodies, IReadOnlyList<Choice> Regions)> LoadOptionsAsync(
        PortalDbContext db, CancellationToken ct)
    {
        var bodies = await db.Bodies.AsNoTracking().OrderBy(b => b.Region.Code).ThenBy(b => b.Code)
            .Select(b => new Choice(b.Id, b.Name + "（" + b.Code + "）")).ToListAsync(ct);
        var regions = await db.Regions.AsNoTracking().OrderBy(r => r.Code)
            .Select(r => new Choice(r.Id, r.Name + "（" + r.Code + "）")).ToListAsync(ct);
        return (bodies, regions);
    }
}
