using DisclosurePortal.Data;
using DisclosurePortal.Domain;
using DisclosurePortal.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Admin;

/// <summary>
/// The audit log (audit_log), newest first: sign-ins, lockouts, password changes and the administrators' changes.
/// Filtered by a user name, it shows what that name did and what was done to that account.
/// </summary>
public sealed class AuditModel(PortalDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public int Matching { get; private set; }
    public int Pages => Math.Max(1, (Matching + PageSize - 1) / PageSize);
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public sealed record Row(string At, string Who, string Action, string? Account, string? Detail, string? Ip);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.AuditLog.AsNoTracking();
        var name = UserName?.Trim();
        if (VisibleText.HasControl(name) || name?.Length > 256)
        {
            ModelState.AddModelError("user", "用户名不能包含控制字符，且不超过 256 个字符");
            return;
        }
        if (!string.IsNullOrEmpty(name))
        {
            var upper = name.ToUpperInvariant();
            var account = db.Users.Where(u => u.NormalizedUserName == upper).Select(u => u.Id);
            // The name as typed at sign-in, in any case: an exact match, so LIKE's wildcards are escaped.
            var typed = name.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
                .Replace("_", @"\_", StringComparison.Ordinal);
            query = query.Where(a => EF.Functions.ILike(a.ActorName, typed, @"\") || (a.Entity == "user" && account.Contains(a.EntityId!)));
        }
        Matching = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var entries = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var accountIds = entries.Where(a => a.Entity == "user" && a.EntityId is not null).Select(a => a.EntityId!).Distinct().ToList();
        var names = await db.Users.Where(u => accountIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? "", ct);
        Rows = [.. entries.Select(a => new Row(BeijingTime.Format(a.At), a.ActorName, AccountAudit.Label(a.Action),
            a.Entity == "user" && a.EntityId is not null ? names.GetValueOrDefault(a.EntityId) : null, a.Detail, a.Ip))];
    }

    public string Link(int page) =>
        string.IsNullOrEmpty(UserName) ? $"/Admin/Audit?p={page}" : $"/Admin/Audit?user={Uri.EscapeDataString(UserName.Trim())}&p={page}";
}
