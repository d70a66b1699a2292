using System.Globalization;
using DisclosurePortal.Data;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Web.Accounts;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Admin.Bodies;

/// <summary>One body: a new name, kind or region (机构改革). The code stays, as it is in public URLs.</summary>
public sealed class EditModel(PortalDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public Body Body { get; private set; } = null!;
    public IReadOnlyList<Region> Regions { get; private set; } = [];
    [BindProperty] public ChangeInput Change { get; set; } = new();
    [TempData] public string? Notice { get; set; }

    public sealed class ChangeInput
    {
        public string Name { get; set; } = "";
        public BodyKind? Kind { get; set; }
        public int? RegionId { get; set; }
    }

    public sealed class ChangeValidator : AbstractValidator<ChangeInput>
    {
        public ChangeValidator()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("请输入单位名称").VisibleName("单位名称").MaximumLength(Body.MaxNameLength).WithMessage($"单位名称不能超过 {Body.MaxNameLength} 个字符");
            RuleFor(x => x.Kind).NotNull().WithMessage("请选择单位类型").IsInEnum().WithMessage("请选择单位类型");
            RuleFor(x => x.RegionId).NotNull().WithMessage("请选择所属区划");
        }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Change = new ChangeInput { Name = Body.Name, Kind = Body.Kind, RegionId = Body.RegionId };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (ModelState.AddErrors(await new ChangeValidator().ValidateAsync(Change, ct), nameof(Change)))
        {
            var region = await db.Regions.FindAsync([Change.RegionId!.Value], ct);
            if (region is null) ModelState.AddModelError("Change.RegionId", "所属区划不存在");
            else
            {
                var before = $"{Body.Name}（{Body.Kind.Label()}），区划：{Body.Region.Name}";
                try
                {
                    Body.Change(Change.Name, Change.Kind!.Value, region);
                }
                catch (DomainException ex)
                {
                    ModelState.AddModelError("Change.Name", ex.Message);
                    return Page();
                }
                db.AuditLog.Add(HttpContext.Audit("body.update", "body", Body.Id.ToString(CultureInfo.InvariantCulture),
                    $"{Body.Code}：{before} → {Body.Name}（{Body.Kind.Label()}），区划：{region.Name}"));
                await db.SaveChangesAsync(ct);
                Notice = $"已保存单位「{Body.Name}」";
                return RedirectToPage("/Admin/Bodies");
            }
        }
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var body = await db.Bodies.Include(b => b.Region).FirstOrDefaultAsync(b => b.Id == Id, ct);
        if (body is null) return false;
        Body = body;
        Regions = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
        return true;
    }
}
