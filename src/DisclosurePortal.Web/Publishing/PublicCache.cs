namespace DisclosurePortal.Web.Publishing;

/// <summary>
/// Output-cache tags of the public side. A published page is cached under its report's tag and the tag of
/// every public listing; publishing a revision evicts both (issue 5 item 3, issue 6 item 6), so a correction
/// is public at once on this instance and within <see cref="Lifetime"/> on the others.
/// </summary>
public static class PublicCache
{
    /// <summary>Cache policy name for public pages that show published reports.</summary>
    public const string Policy = "public";

    /// <summary>Tag on every public page (home, region lists, aggregates, open data).</summary>
    public const string AllPublic = "public";

    /// <summary>
    /// How long another instance may serve a page cached before a publication there: the default of the setting
    /// <c>PublicCache:Lifetime</c> (docs/operations.md, scaling out).
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>Tag on the pages and downloads of one body's report for one year.</summary>
    public static string ReportTag(string bodyCode, int year) => $"report:{bodyCode}:{year}";
}
