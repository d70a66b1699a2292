using System.Globalization;
using DisclosurePortal.Data;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Web.Accounts;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Admin;

/// <summary>The bodies (机关/单位) that publish reports: list and create, each in one region.</summary>
public sealed class BodiesModel(PortalDbContext db) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Region> Regions { get; private set; } = [];
    [BindProperty] public CreateInput Create { get; set; } = new();
    [TempData] public string? Notice { get; set; }

    public sealed record Row(int Id, string Code, string Name, BodyKind Kind, string Region);

    public sealed class CreateInput
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public BodyKind? Kind { get; set; }
        public int? RegionId { get; set; }
    }

    public sealed class CreateValidator : AbstractValidator<CreateInput>
    {
        public CreateValidator()
        {
            RuleFor(x => x.Code).NotEmpty().WithMessage("请输入单位代码").VisibleName("单位代码").MaximumLength(60).WithMessage("单位代码不能超过 60 个字符")
                // The code appears in public URLs (/reports/{code}/{year}).
                .Matches("^[a-z0-9-]*$").WithMessage("单位代码只能包含小写字母、数字和连字符");
            RuleFor(x => x.Name).NotEmpty().WithMessage("请输入单位名称").VisibleName("单位名称").MaximumLength(Body.MaxNameLength).WithMessage($"单位名称不能超过 {Body.MaxNameLength} 个字符");
            RuleFor(x => x.Kind).NotNull().WithMessage("请选择单位类型").IsInEnum().WithMessage("请选择单位类型");
            RuleFor(x => x.RegionId).NotNull().WithMessage("请选择所属区划");
        }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.AddErrors(await new CreateValidator().ValidateAsync(Create, ct), nameof(Create)))
        {
            var code = Create.Code.Trim();
            var region = await db.Regions.FindAsync([Create.RegionId!.Value], ct);
            if (region is null) ModelState.AddModelError("Create.RegionId", "所属区划不存在");
            else
            {
                var body = new Body(code, Create.Name, Create.Kind!.Value, region);
                try
                {
                    await db.AddAuditedAsync(body, b => HttpContext.Audit("body.create", "body", b.Id.ToString(CultureInfo.InvariantCulture),
                        $"{b.Code} {b.Name}（{b.Kind.Label()}），区划：{region.Name}"), ct);
                    Notice = $"已新增单位「{body.Name}」";
                    return RedirectToPage();
                }
                // The unique index decides, so a double-submitted form cannot end in an error page either.
                catch (DbUpdateException ex) when (ex.IsUniqueViolation())
                {
                    ModelState.AddModelError("Create.Code", "该单位代码已存在");
                }
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rows = await db.Bodies.AsNoTracking().OrderBy(b => b.Region.Code).ThenBy(b => b.Code)
            .Select(b => new Row(b.Id, b.Code, b.Name, b.Kind, b.Region.Name)).ToListAsync(ct);
        Regions = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
    }
}
