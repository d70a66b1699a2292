using System.Text;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Domain;

namespace DisclosurePortal.Web.Accounts;

/// <summary>
/// The account events of the audit log (audit_log), kept with the administrative changes for at least six months
/// (Cybersecurity Law art. 21 (3), docs/operations.md), and the Chinese name of every action the log holds.
/// </summary>
public static class AccountAudit
{
    public const string SignInSucceeded = "sign-in.succeeded";
    public const string SignInFailed = "sign-in.failed";
    public const string LockedOut = "account.locked-out";
    public const string SignOut = "sign-out";
    public const string PasswordChanged = "password.change";
    public const string PasswordChangeFailed = "password.change-failed";
    public const string Unlocked = "user.unlock";

    /// <summary>What the administrator reads in the audit page's 操作 column.</summary>
    public static string Label(string action) => action switch
    {
        SignInSucceeded => "登录成功",
        SignInFailed => "登录失败",
        LockedOut => "账户锁定",
        SignOut => "退出登录",
        PasswordChanged => "修改密码",
        PasswordChangeFailed => "修改密码失败",
        Unlocked => "解除锁定",
        "user.create" => "新建账户",
        "user.assign" => "更改所属单位/区划",
        "user.disable" => "停用账户",
        "user.enable" => "启用账户",
        "user.reset-password" => "重置密码",
        "region.create" => "新建区划",
        "region.rename" => "区划更名",
        "body.create" => "新建单位",
        "body.update" => "修改单位",
        "deadline.set" => "设定截止日期",
        "pdfs.download" => "下载 PDF 合集",
        "pdfs.render" => "生成缺少的 PDF",
        "import.upload" => "上传历史报告",
        "import.fix" => "修正导入文件",
        "import.drop" => "舍弃导入文件",
        "import.accept" => "导入历史报告",
        _ => action,
    };

    /// <summary>
    /// An account event: <paramref name="typedName"/> is the user name as typed, kept even when no account has it,
    /// so that guessing at names shows in the log.
    /// </summary>
    public static AuditEntry Entry(HttpContext http, string action, string? userId, string typedName, string? detail) =>
        new(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), userId, AsTyped(typedName),
            action, "user", userId, detail, AccountsSetup.ClientIp(http));

    /// <summary>A typed name as it can be stored and shown: control characters made visible, cut to the column's 256.</summary>
    public static string AsTyped(string typedName)
    {
        var text = new StringBuilder(Math.Min(typedName.Length, 256));
        foreach (var rune in typedName.EnumerateRunes())
        {
            if (text.Length + rune.Utf16SequenceLength > 256) break;
            text.Append(Rune.IsControl(rune) || VisibleText.IsInvisible(rune) ? "\uFFFD" : rune.ToString());
        }
        return text.ToString();
    }
}
