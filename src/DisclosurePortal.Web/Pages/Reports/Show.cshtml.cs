using DisclosurePortal.Data;
using DisclosurePortal.Data.Queries;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.Web.PublicSite;
using DisclosurePortal.Web.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Pages.Reports;

/// <summary>
/// A published report at its stable address, /reports/{body}/{year}; an earlier published revision at
/// /reports/{body}/{year}/revisions/{number} (a correction supersedes a revision, it never erases it).
/// Unpublished revisions do not exist for the public: they are never shown, linked or counted (404).
/// </summary>
[OutputCache(PolicyName = PublicCache.ReportPolicy)]
public sealed class ShowModel(PortalDbContext db) : PageModel
{
    /// <summary>The second route of this page (Program.cs): one earlier published revision.</summary>
    public const string RevisionRoute = "/reports/{body}/{year:int}/revisions/{number:int}";

    public string Title { get; private set; } = "";
    public string BodyCode { get; private set; } = "";
    public string BodyName { get; private set; } = "";
    public int Year { get; private set; }
    /// <summary>The revision shown: the public one, or the earlier one asked for.</summary>
    public ReportRevision Revision { get; private set; } = null!;
    /// <summary>The public revision: the latest published one.</summary>
    public ReportRevision Latest { get; private set; } = null!;
    public bool IsLatest => Revision == Latest;
    public ReportData Data { get; private set; } = null!;
    /// <summary>Published revisions, first to last: the public revision history.</summary>
    public IReadOnlyList<ReportRevision> History { get; private set; } = [];
    /// <summary>What the shown correction changed against the published revision before it (更正内容).</summary>
    public RevisionDiff? Corrections { get; private set; }
    public ReportRevision? Corrected { get; private set; }
    /// <summary>This report against the body's published report of the year before, cell by cell.</summary>
    public ComparisonView? PreviousYearComparison { get; private set; }
    /// <summary>The revision of the year before that <see cref="PreviousYearComparison"/> shows.</summary>
    public ReportRevision? PreviousYear { get; private set; }
    public IReadOnlyList<RegionName> RegionPath { get; private set; } = [];
    /// <summary>The code printed on the last page of this revision's PDF (VerificationCode).</summary>
    public string VerificationCode { get; private set; } = "";

    /// <summary>The file an imported revision was read from (null for a report entered in the portal).</summary>
    public SourceFile? Source { get; private set; }
    /// <summary>What the rules find in an imported report as it was printed: shown, never corrected.</summary>
    public IReadOnlyList<Violation> Findings { get; private set; } = [];

    public sealed record SourceFile(string FileName, string ContentType, int Length, string Sha256);

    public string BasePath => $"/reports/{Uri.EscapeDataString(BodyCode)}/{Year}";
    public string SourceUrl => $"{BasePath}/revisions/{Revision.Number}/source";
    public string PdfUrl => IsLatest ? $"{BasePath}/pdf" : $"{BasePath}/revisions/{Revision.Number}/pdf";

    public async Task<IActionResult> OnGetAsync(string body, int year, int? number, CancellationToken ct)
    {
        // Publishing a revision evicts this tag (PublicCache), so a correction shows at once.
        HttpContext.Features.Get<IOutputCacheFeature>()?.Context.Tags.Add(PublicCache.ReportTag(body, year));

        // Only published revisions are public; a draft or a submitted revision is as if it did not exist.
        var report = await db.Reports.AsNoTracking().Include(r => r.Body)
            .Include(r => r.Revisions.Where(v => v.Status == RevisionStatus.Published).OrderBy(v => v.Number))
            .SingleOrDefaultAsync(r => r.Body.Code == body && r.Year == year, ct);
        if (report is null || report.Revisions.Count == 0) return NotFound();
        var published = report.Revisions.ToList();
        var shown = number is { } n ? published.FirstOrDefault(v => v.Number == n) : published[^1];
        if (shown is null) return NotFound();

        BodyCode = report.Body.Code;
        // Named as published: a later rename of the body shows on later reports only.
        BodyName = shown.BodyName;
        Year = year;
        Revision = shown;
        Latest = published[^1];
        History = published;
        Title = Pdf.ReportTitle.For(BodyName, year);
        Data = shown.ToData();
        VerificationCode = OfficialPdf.VerificationCodeOf(report, shown);
        Corrected = published.LastOrDefault(v => v.Number < shown.Number);
        if (shown.IsCorrection && Corrected is not null)
        {
            Corrections = RevisionDiff.Between(Corrected.ToData(), Data);
        }

        // year − 1 in C#: the route takes any int, and int.MinValue − 1 in SQL would be an error (a 500).
        var lastYear = unchecked(year - 1);
        PreviousYear = await db.CurrentPublishedRevisions().AsNoTracking()
            .SingleOrDefaultAsync(v => v.Report.BodyId == report.BodyId && v.Report.Year == lastYear, ct);
        if (PreviousYear is not null)
        {
            PreviousYearComparison = new ComparisonView($"{BodyName}：{year - 1} 年与 {year} 年",
                [$"{year - 1} 年", $"{year} 年"], [PreviousYear.ToData(), Data], "prev-year");
        }
        if (shown.IsImported)
        {
            Source = await db.ReportSources.Where(f => f.RevisionId == shown.Id)
                .Select(f => new SourceFile(f.FileName, f.ContentType, f.Length, f.Sha256)).SingleOrDefaultAsync(ct);
            Findings = ReportRules.Evaluate(new RuleInput(Data, shown.BodyKind, PreviousYear?.ToData(), null, BodyName));
        }
        RegionPath = await RegionTree.PathAsync(db, report.Body.RegionId, ct);
        return Page();
    }
}
