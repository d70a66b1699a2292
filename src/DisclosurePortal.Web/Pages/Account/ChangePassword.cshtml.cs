using System.ComponentModel.DataAnnotations;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Web.Accounts;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace DisclosurePortal.Web.Pages.Account;

/// <summary>
/// 修改密码 for every signed-in user: the current password, the new one twice. Ends the account's other sessions
/// (PortalSignInManager.ChangePasswordAsync). Rate-limited like sign-in, since it checks a password too.
/// </summary>
[EnableRateLimiting(AccountsSetup.SignInRateLimit)]
public sealed class ChangePasswordModel(PortalSignInManager signIn) : PageModel
{
    [BindProperty] public ChangeInput Input { get; set; } = new();
    /// <summary>An administrator set the password: the page says why the user is here.</summary>
    public bool IsRequired => User.HasClaim(c => c.Type == PortalAuth.MustChangePasswordClaim);
    [TempData] public string? Notice { get; set; }

    /// <summary>Typed spaces are kept (not bound as null), so a blank new password gets the policy's message.</summary>
    public sealed class ChangeInput
    {
        [DisplayFormat(ConvertEmptyStringToNull = false)] public string CurrentPassword { get; set; } = "";
        [DisplayFormat(ConvertEmptyStringToNull = false)] public string NewPassword { get; set; } = "";
        [DisplayFormat(ConvertEmptyStringToNull = false)] public string ConfirmPassword { get; set; } = "";
    }

    public sealed class ChangeValidator : AbstractValidator<ChangeInput>
    {
        public ChangeValidator()
        {
            RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("请输入当前密码")
                .MaximumLength(PortalPasswordValidator.MaxLength * 2).WithMessage("密码过长");
            RuleFor(x => x.NewPassword).NotEmpty().WithMessage("请输入新密码");
            RuleFor(x => x.ConfirmPassword).NotEmpty().WithMessage("请再次输入新密码")
                .Equal(x => x.NewPassword).When(x => !string.IsNullOrEmpty(x.NewPassword)).WithMessage("两次输入的新密码不一致");
        }
    }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.UserManager.GetUserAsync(User) is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        // The /Account folder is open to anonymous visitors (Program.cs); this page is not.
        if (await signIn.UserManager.GetUserAsync(User) is not { } user) return Challenge();
        if (ModelState.AddErrors(await new ChangeValidator().ValidateAsync(Input), nameof(Input)))
        {
            var result = await signIn.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
            var field = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? "Input.CurrentPassword" : "Input.NewPassword";
            if (ModelState.AddErrors(result, field))
            {
                Notice = "密码已修改，该账户在其他地方的登录已全部退出";
                return RedirectToPage();
            }
        }
        Input = new ChangeInput();
        return Page();
    }
}
