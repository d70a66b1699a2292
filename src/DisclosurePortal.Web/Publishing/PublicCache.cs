using Microsoft.AspNetCore.OutputCaching;

namespace DisclosurePortal.Web.Publishing;

/// <summary>
/// Output-cache tags of the public side. A published page is cached under its report's tag and the tag of
/// every public listing; publishing a revision evicts both, so a correction
/// is public at once on this instance and within <see cref="Lifetime"/> on the others — at once on all of them when
/// they share the cache in Redis (Operations/SharedRedis.cs).
/// </summary>
public static class PublicCache
{
    /// <summary>Cache policy name for public pages that show published reports.</summary>
    public const string Policy = "public";

    /// <summary>
    /// The report page's policy: the public one, but a query string does not make a new entry. The page reads no
    /// query parameter, so <c>?x=1</c>, <c>?x=2</c> … are the same page: varying by them would let anyone fill the
    /// cache with copies of it and make every request miss.
    /// </summary>
    public const string ReportPolicy = "public-report";

    /// <summary>Tag on every public page (home, region lists, aggregates, open data).</summary>
    public const string AllPublic = "public";

    /// <summary>
    /// How long another instance may serve a page cached before a publication there: the default of the setting
    /// <c>PublicCache:Lifetime</c> (docs/operations.md, scaling out).
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>Tag on the pages and downloads of one body's report for one year.</summary>
    public static string ReportTag(string bodyCode, int year) => $"report:{bodyCode}:{year}";

    /// <summary>
    /// The two public policies (Program.cs): lifetime from configuration and the public tag. A lifetime of zero
    /// turns the output cache off for public pages (each request is rendered), which the store itself would refuse.
    /// </summary>
    public static OutputCacheOptions AddPublicPolicies(this OutputCacheOptions options, IConfiguration configuration)
    {
        var lifetime = configuration.GetValue("PublicCache:Lifetime", Lifetime);
        options.AddPolicy(Policy, p => Public(p, lifetime));
        options.AddPolicy(ReportPolicy, p => Public(p, lifetime).SetVaryByQuery([]));
        return options;
    }

    private static OutputCachePolicyBuilder Public(OutputCachePolicyBuilder p, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero) return p.NoCache();
        // The response is stored compressed (PublicSite/PublicCompression): one entry per encoding chosen.
        return p.Expire(lifetime).Tag(AllPublic)
            .VaryByValue(http => new KeyValuePair<string, string>("encoding", PublicSite.PublicCompression.EncodingOf(http)));
    }
}
