using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Web.Accounts;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace DisclosurePortal.Web.Pages.Account;

/// <summary>
/// Sign-in with user name and password. Every failure — wrong password, unknown name, locked or disabled account —
/// gets the one message (OWASP Authentication Cheat Sheet: do not reveal which part was wrong or whether the
/// account exists, not even by a lockout notice); posts are rate-limited per IP.
/// </summary>
[EnableRateLimiting(AccountsSetup.SignInRateLimit)]
public sealed class LoginModel(SignInManager<PortalUser> signIn) : PageModel
{
    /// <summary>Names the lockout without saying whether it happened, so a locked owner knows to wait.</summary>
    public const string WrongCredentials = "用户名或密码错误。连续输错 5 次后需等待 15 分钟才能再次登录";

    [BindProperty] public LoginInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public sealed class LoginInput
    {
        public string UserName { get; set; } = "";
        public string Password { get; set; } = "";
    }

    public sealed class LoginValidator : AbstractValidator<LoginInput>
    {
        public LoginValidator()
        {
            RuleFor(x => x.UserName).NotEmpty().WithMessage("请输入用户名").MaximumLength(256).WithMessage("用户名过长");
            RuleFor(x => x.Password).NotEmpty().WithMessage("请输入密码")
                .MaximumLength(PortalPasswordValidator.MaxLength * 2).WithMessage("密码过长");
        }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.AddErrors(await new LoginValidator().ValidateAsync(Input), nameof(Input))) return Page();

        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false,
            lockoutOnFailure: true);
        if (result.Succeeded)
        {
            if (Url.IsLocalUrl(ReturnUrl)) return LocalRedirect(ReturnUrl);
            // A clerk comes to enter their body's report: straight to it, not to the public home page.
            var user = await signIn.UserManager.FindByNameAsync(Input.UserName.Trim());
            return LocalRedirect(user is not null && await signIn.UserManager.IsInRoleAsync(user, PortalAuth.Clerk) ? "/clerk" : "/");
        }
        ModelState.AddModelError("", WrongCredentials);
        Input.Password = "";
        return Page();
    }
}
