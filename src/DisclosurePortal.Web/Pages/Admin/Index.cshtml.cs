using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DisclosurePortal.Web.Pages.Admin;

/// <summary>The administrator's start page. The whole /Admin folder requires the Administrator role (Program.cs).</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
