using DisclosurePortal.Data;
using DisclosurePortal.Web.OpenData;
using DisclosurePortal.Web.PublicSite;
using DisclosurePortal.Web.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace DisclosurePortal.Web.Pages.Regions;

/// <summary>A region's public quality scorecard of one report year (<see cref="PublicSite.Scorecard"/>), sortable without script.</summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public sealed class ScorecardModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public Scorecard Card { get; private set; } = null!;
    public IReadOnlyList<ScorecardRow> Rows { get; private set; } = [];
    public string Sort { get; private set; } = "body";
    public bool Descending { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, int year, string? sort, string? desc, CancellationToken ct)
    {
        if (!OpenDataResults.IsReportYear(year)) return NotFound();
        var card = await Scorecard.LoadAsync(db, code, year, clock.GetUtcNow(), ct);
        if (card is null) return NotFound();
        Card = card;
        Sort = sort is not null && Scorecard.SortKeys.ContainsKey(sort) ? sort : "body";
        Descending = desc == "1";
        Rows = card.Sorted(Sort, Descending);
        return Page();
    }

    /// <summary>The link of a column heading: sorts by it, or reverses the order when it is the column sorted by.</summary>
    public string SortLink(string column) =>
        $"?sort={column}{(column == Sort && !Descending ? "&desc=1" : "")}#bodies";

    public string? AriaSort(string column) => column == Sort ? Descending ? "descending" : "ascending" : null;
}
