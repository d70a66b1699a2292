using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Queries;

/// <summary>
/// Deadlines of many bodies at once: the region tree and the year's settings are read once, then each body's
/// deadline is resolved in memory (<see cref="Deadlines.For"/>), so a county with 2,000 bodies costs two queries.
/// </summary>
public sealed class DeadlineResolver
{
    private readonly Dictionary<int, int?> _parents;
    private readonly List<RegionDeadline> _settings;
    private readonly int _year;

    private DeadlineResolver(Dictionary<int, int?> parents, List<RegionDeadline> settings, int year)
    {
        _parents = parents;
        _settings = settings;
        _year = year;
    }

    public static async Task<DeadlineResolver> LoadAsync(PortalDbContext db, int year, CancellationToken ct)
    {
        var parents = await db.Regions.AsNoTracking().Select(r => new { r.Id, r.ParentId }).ToDictionaryAsync(r => r.Id, r => r.ParentId, ct);
        var settings = await db.RegionDeadlines.AsNoTracking().Where(d => d.Year == year).ToListAsync(ct);
        return new DeadlineResolver(parents, settings, year);
    }

    /// <summary>The region and its ancestors, nearest first.</summary>
    public IReadOnlyList<int> Chain(int regionId)
    {
        var chain = new List<int>();
        for (int? id = regionId; id is { } r && chain.Count < 16; id = _parents.GetValueOrDefault(r)) chain.Add(r);
        return chain;
    }

    public DateOnly For(BodyKind kind, int regionId) => Deadlines.For(kind, _year, Chain(regionId), _settings);

    /// <summary>The setting a region makes itself for a group, if any.</summary>
    public RegionDeadline? OwnSetting(int regionId, DeadlineGroup group) =>
        _settings.FirstOrDefault(s => s.RegionId == regionId && s.Group == group);

    public static async Task<DateOnly> ForBodyAsync(PortalDbContext db, Body body, int year, CancellationToken ct) =>
        (await LoadAsync(db, year, ct)).For(body.Kind, body.RegionId);
}
