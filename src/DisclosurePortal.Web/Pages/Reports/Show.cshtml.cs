using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Web.PublicSite;
using DisclosurePortal.Web.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace DisclosurePortal.Web.Pages.Reports;

/// <summary>
/// A published report at its stable address, /reports/{body}/{year}; an earlier published revision at
/// /reports/{body}/{year}/revisions/{number} (a correction supersedes a revision, it never erases it).
/// Unpublished revisions do not exist for the public: they are never shown, linked or counted (404).
/// </summary>
[OutputCache(PolicyName = PublicCache.ReportPolicy)]
public sealed class ShowModel(PortalDbContext db, PublishedContent contents, RegionPaths regionPaths) : PageModel
{
    /// <summary>The second route of this page (Program.cs): one earlier published revision.</summary>
    public const string RevisionRoute = "/reports/{body}/{year:int}/revisions/{number:int}";

    public string Title { get; private set; } = "";
    public string BodyCode { get; private set; } = "";
    public string BodyName { get; private set; } = "";
    public int Year { get; private set; }
    /// <summary>The revision shown: the public one, or the earlier one asked for.</summary>
    public PublishedRevisionInfo Revision { get; private set; } = null!;
    /// <summary>The public revision: the latest published one.</summary>
    public PublishedRevisionInfo Latest { get; private set; } = null!;
    public bool IsLatest => Revision == Latest;
    public ReportData Data { get; private set; } = null!;
    /// <summary>Published revisions, first to last: the public revision history.</summary>
    public IReadOnlyList<PublishedRevisionInfo> History { get; private set; } = [];
    /// <summary>What the shown correction changed against the published revision before it (更正内容).</summary>
    public IReadOnlyList<string> Corrections { get; private set; } = [];
    public PublishedRevisionInfo? Corrected { get; private set; }
    /// <summary>The paragraphs a correction removed and added, per prose part, so a reader sees the words themselves.</summary>
    public IReadOnlyList<ProseChange> ProseChanges { get; private set; } = [];

    public sealed record ProseChange(string Name, IReadOnlyList<string> Removed, IReadOnlyList<string> Added);
    /// <summary>This report against the body's published report of the year before, cell by cell.</summary>
    public ComparisonView? PreviousYearComparison { get; private set; }
    /// <summary>The revision of the year before that <see cref="PreviousYearComparison"/> shows.</summary>
    public PublishedRevisionInfo? PreviousYear { get; private set; }
    public IReadOnlyList<RegionName> RegionPath { get; private set; } = [];
    /// <summary>The code printed on the last page of this revision's PDF (VerificationCode).</summary>
    public string VerificationCode { get; private set; } = "";

    public string BasePath => $"/reports/{Uri.EscapeDataString(BodyCode)}/{Year}";
    public string PdfUrl => IsLatest ? $"{BasePath}/pdf" : $"{BasePath}/revisions/{Revision.Number}/pdf";

    public async Task<IActionResult> OnGetAsync(string body, int year, int? number, CancellationToken ct)
    {
        // Publishing a revision evicts this tag (PublicCache), so a correction shows at once.
        HttpContext.Features.Get<IOutputCacheFeature>()?.Context.Tags.Add(PublicCache.ReportTag(body, year));

        // Only published revisions are public; a draft or a submitted revision is as if it did not exist.
        var head = await ReportPageQuery.LoadAsync(db, body, year, ct);
        if (head is null || head.Published.Count == 0) return NotFound();
        var published = head.Published;
        var shown = number is { } n ? published.FirstOrDefault(v => v.Number == n) : published[^1];
        if (shown is null) return NotFound();

        BodyCode = head.BodyCode;
        BodyName = head.BodyName;
        Year = year;
        Revision = shown;
        Latest = published[^1];
        History = published;
        Title = Pdf.ReportTitle.For(head.BodyName, year);
        // The content of a published revision never changes: read and derived once per revision (PublishedContent).
        var content = await contents.GetAsync(db, head.ReportId, shown, head.BodyName, head.BodyKind, ct);
        Data = content.Data;
        VerificationCode = content.VerificationCode;
        Corrected = published.LastOrDefault(v => v.Number < shown.Number);
        if (shown.IsCorrection && Corrected is not null)
        {
            var before = (await contents.GetAsync(db, head.ReportId, Corrected, head.BodyName, head.BodyKind, ct)).Data;
            Corrections = ReportRevision.Differences(before, Data);
            ProseChanges = ProseChangesOf(before, Data);
        }

        if (head is { PreviousYear: { } previous, PreviousYearReportId: { } previousReportId })
        {
            PreviousYear = previous;
            var before = (await contents.GetAsync(db, previousReportId, previous, head.BodyName, head.BodyKind, ct)).Data;
            PreviousYearComparison = new ComparisonView($"{head.BodyName}：{year - 1} 年与 {year} 年",
                [$"{year - 1} 年", $"{year} 年"], [before, Data], "prev-year");
        }
        RegionPath = await regionPaths.GetAsync(db, head.RegionId, ct);
        return Page();
    }

    private static List<ProseChange> ProseChangesOf(ReportData before, ReportData after)
    {
        static string[] Paragraphs(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var changes = new List<ProseChange>();
        foreach (var part in after.Format.ProseParts)
        {
            var (a, b) = (Paragraphs(before.ProseOf(part.Code)), Paragraphs(after.ProseOf(part.Code)));
            var removed = a.Except(b, StringComparer.Ordinal).ToList();
            var added = b.Except(a, StringComparer.Ordinal).ToList();
            if (removed.Count == 0 && added.Count == 0) continue;
            changes.Add(new ProseChange(after.Format.NameOf(part), removed, added));
        }
        return changes;
    }
}
