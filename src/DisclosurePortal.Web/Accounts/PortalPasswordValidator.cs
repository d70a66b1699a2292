using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Domain;
using Microsoft.AspNetCore.Identity;

namespace DisclosurePortal.Web.Accounts;

/// <summary>
/// The password policy of NIST SP 800-63B §5.1.1.2: length is what counts — at least 8 characters,
/// long passphrases allowed — with no composition rules, and a password is refused when it is commonly used
/// or equal to the user name. Identity's own composition validator is removed (see AccountsSetup).
/// The checks, the stored hash and every sign-in see the password as <see cref="Normalize"/> makes it.
/// </summary>
public sealed partial class PortalPasswordValidator : IPasswordValidator<PortalUser>
{
    public const int MinLength = 8;
    /// <summary>NIST asks for at least 64; 128 leaves room for passphrases while bounding the PBKDF2 input.</summary>
    public const int MaxLength = 128;

    public const string BlankCode = "PasswordBlank";
    public const string TooShortCode = "PasswordTooShort";
    public const string TooLongCode = "PasswordTooLong";
    public const string CommonCode = "PasswordCommon";
    public const string SameAsUserNameCode = "PasswordSameAsUserName";

    public const string ResourceName = "DisclosurePortal.Web.Accounts.common-passwords.txt";

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommon);

    /// <summary>
    /// NIST SP 800-63B §5.1.1.2: NFKC, so a full-width or composed form types the same on another keyboard; no
    /// invisible characters (VisibleText), which no one can be told to type; spaces trimmed and runs of them made one.
    /// </summary>
    public static string Normalize(string password)
    {
        // A lone surrogate is no character: it becomes U+FFFD, as in any UTF-8 form post, so NFKC cannot throw.
        var wellFormed = string.Concat(password.EnumerateRunes().Select(r => r.ToString()));
        var visible = VisibleText.StripInvisible(wellFormed.Normalize(NormalizationForm.FormKC));
        return SpaceRun().Replace(visible, " ").Trim();
    }

    /// <summary>Spaces do not make a common password less common: 「Password 1」 is 「password1」.</summary>
    public static bool IsCommon(string password)
    {
        var lower = Normalize(password).ToLowerInvariant();
        return Common.Value.Contains(lower) || Common.Value.Contains(lower.Replace(" ", "", StringComparison.Ordinal));
    }

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password) =>
        Task.FromResult(Check(password ?? "", user.UserName));

    public static IdentityResult Check(string password, string? userName)
    {
        if (password.Length > 0 && VisibleText.IsBlank(password))
            return Fail(BlankCode, "密码不能只由空格或看不见的字符组成");
        password = Normalize(password);
        // NIST counts Unicode code points, so a passphrase in Chinese characters counts each character once.
        var length = password.EnumerateRunes().Count();
        if (length < MinLength)
            return Fail(TooShortCode, $"密码至少需要 {MinLength} 个字符（目前 {length} 个）；可以使用一句容易记住的话");
        if (length > MaxLength) return Fail(TooLongCode, $"密码不能超过 {MaxLength} 个字符");
        if (userName is not null && string.Equals(password, userName.Trim(), StringComparison.OrdinalIgnoreCase))
            return Fail(SameAsUserNameCode, "密码不能与用户名相同");
        if (IsCommon(password)) return Fail(CommonCode, "这个密码太常见，很容易被猜中，请换一个");
        return IdentityResult.Success;
    }

    private static IdentityResult Fail(string code, string description) =>
        IdentityResult.Failed(new IdentityError { Code = code, Description = description });

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpaceRun();

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = typeof(PortalPasswordValidator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"missing embedded resource {ResourceName}");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } p) set.Add(p.ToLowerInvariant());
        return set.ToFrozenSet(StringComparer.Ordinal);
    }
}

/// <summary>Identity's own messages in Chinese, for the cases the portal's pages can meet.</summary>
public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"用户名「{userName}」已被使用" };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = "用户名只能包含英文字母、数字和 - . _ @ +" };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = "操作已过期，请重试" };

    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = "该账户刚被其他人修改，请刷新后重试" };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = "操作失败，请重试" };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "当前密码不正确" };

    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = PortalPasswordValidator.TooShortCode, Description = $"密码至少需要 {length} 个字符" };
}
