using DisclosurePortal.Data;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Web.Accounts;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Admin;

/// <summary>The region tree (行政区划): list, create under a parent, rename.</summary>
public sealed class RegionsModel(PortalDbContext db) : PageModel
{
    public IReadOnlyList<(Region Region, int Depth)> Tree { get; private set; } = [];
    [BindProperty] public CreateInput Create { get; set; } = new();
    [BindProperty] public RenameInput Rename { get; set; } = new();
    [TempData] public string? Notice { get; set; }

    public sealed class CreateInput
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public RegionLevel? Level { get; set; }
        public int? ParentId { get; set; }
    }

    public sealed class CreateValidator : AbstractValidator<CreateInput>
    {
        public CreateValidator()
        {
            RuleFor(x => x.Code).NotEmpty().WithMessage("请输入区划代码").VisibleName("区划代码").MaximumLength(40).WithMessage("区划代码不能超过 40 个字符")
                .Matches("^[0-9A-Za-z-]*$").WithMessage("区划代码只能包含数字、字母和连字符");
            RuleFor(x => x.Name).NotEmpty().WithMessage("请输入区划名称").VisibleName("区划名称").MaximumLength(100).WithMessage("区划名称不能超过 100 个字符");
            RuleFor(x => x.Level).NotNull().WithMessage("请选择层级").IsInEnum().WithMessage("请选择层级");
        }
    }

    public sealed class RenameInput
    {
        public int RegionId { get; set; }
        public string Name { get; set; } = "";
    }

    public sealed class RenameValidator : AbstractValidator<RenameInput>
    {
        public RenameValidator() =>
            RuleFor(x => x.Name).NotEmpty().WithMessage("请输入新名称").VisibleName("区划名称").MaximumLength(100).WithMessage("区划名称不能超过 100 个字符");
    }

    public static string LevelLabel(RegionLevel level) => level switch
    {
        RegionLevel.Province => "省",
        RegionLevel.City => "市",
        RegionLevel.County => "县（区）",
        _ => "乡镇/街道",
    };

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (ModelState.AddErrors(await new CreateValidator().ValidateAsync(Create, ct), nameof(Create)))
        {
            var code = Create.Code.Trim();
            Region? parent = null;
            if (Create.ParentId is { } parentId && (parent = await db.Regions.FindAsync([parentId], ct)) is null)
                ModelState.AddModelError("Create.ParentId", "上级区划不存在");
            else
            {
                try
                {
                    var region = new Region(code, Create.Name, Create.Level!.Value, parent);
                    await db.AddAuditedAsync(region, r => HttpContext.Audit("region.create", "region", r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        $"{r.Code} {r.Name}（{LevelLabel(r.Level)}），上级：{parent?.Name ?? "无"}"), ct);
                    Notice = $"已新增区划「{region.Name}」";
                    return RedirectToPage();
                }
                catch (DomainException ex)
                {
                    ModelState.AddModelError("Create.Level", ex.Message);
                }
                // The unique index decides, so a double-submitted form cannot end in an error page either.
                catch (DbUpdateException ex) when (ex.IsUniqueViolation())
                {
                    ModelState.AddModelError("Create.Code", "该区划代码已存在");
                }
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(CancellationToken ct)
    {
        var region = await db.Regions.FindAsync([Rename.RegionId], ct);
        if (region is null) return NotFound();
        if (ModelState.AddErrors(await new RenameValidator().ValidateAsync(Rename, ct), nameof(Rename)))
        {
            var old = region.Name;
            region.Rename(Rename.Name);
            db.AuditLog.Add(HttpContext.Audit("region.rename", "region", region.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{old} → {region.Name}"));
            await db.SaveChangesAsync(ct);
            Notice = $"已将「{old}」改名为「{region.Name}」";
            return RedirectToPage();
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var all = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
        var children = all.ToLookup(r => r.ParentId);
        var tree = new List<(Region, int)>();
        void Walk(int? parentId, int depth)
        {
            foreach (var r in children[parentId])
            {
                tree.Add((r, depth));
                Walk(r.Id, depth + 1);
            }
        }
        Walk(null, 0);
        Tree = tree;
    }
}
