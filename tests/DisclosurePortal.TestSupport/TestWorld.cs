using DisclosurePortal.Data;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Samples;

namespace DisclosurePortal.TestSupport;

/// <summary>A small region tree with bodies, saved in a test database.</summary>
public sealed class TestWorld
{
    public static readonly DateTimeOffset Now = new(2025, 1, 20, 2, 0, 0, TimeSpan.Zero);
    public static readonly Actor Clerk = new("clerk-1", "张填报");
    public static readonly Actor Reviewer = new("reviewer-1", "李审核");

    public required Region City { get; init; }
    public required Region County { get; init; }
    public required Region OtherCounty { get; init; }
    public required Region Township { get; init; }
    public required Body TownshipGov { get; init; }
    public required Body CountyDept { get; init; }
    public required Body OtherCountyDept { get; init; }

    public static TestWorld Create(PortalDbContext db)
    {
        var city = new Region("3311", "丽水市", RegionLevel.City, null);
        var county = new Region("331122", "缙云县", RegionLevel.County, city);
        var other = new Region("331123", "遂昌县", RegionLevel.County, city);
        var township = new Region("331122101", "钱店镇", RegionLevel.Township, county);
        var world = new TestWorld
        {
            City = city, County = county, OtherCounty = other, Township = township,
            TownshipGov = new Body("qiandian", "钱店镇人民政府", BodyKind.TownshipGovernment, township),
            CountyDept = new Body("jinyun-jyj", "缙云县教育局", BodyKind.CountyDepartment, county),
            OtherCountyDept = new Body("suichang-jyj", "遂昌县教育局", BodyKind.CountyDepartment, other),
        };
        db.AddRange(city, county, other, township, world.TownshipGov, world.CountyDept, world.OtherCountyDept);
        db.SaveChanges();
        return world;
    }

    /// <summary>Every cell of the 2021 format filled with a distinct small number; the fee with 4 decimals.</summary>
    public static Dictionary<CellRef, decimal?> DistinctFigures(int offset = 0)
    {
        var i = offset;
        return Format2021.Definition.Cells.ToDictionary(c => c.Ref,
            c => (decimal?)(c.Kind == ValueKind.Money ? 12.3456m + offset : ++i));
    }

    /// <summary>A consistent generated report taken through the real workflow up to <paramref name="status"/>.</summary>
    public static AnnualReport Report(Body body, int year, int seed, RevisionStatus status = RevisionStatus.Published,
        ReportData? previous = null)
    {
        var data = SampleReports.Generate(Format2021.Definition, body.Kind, year, body.Name, seed, previous);
        var report = AnnualReport.Start(body, year, Clerk, Now);
        report.Current.Save(data.Figures.ToDictionary(kv => kv.Key, kv => (decimal?)kv.Value),
            data.Prose.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), FigureEntry.AsGiven, Clerk, Now);
        if (status == RevisionStatus.Draft) return report;
        report.Current.Submit(body.Kind, previous, null, Clerk, Now.AddHours(1));
        if (status == RevisionStatus.Returned) report.Current.Return("请核对表三", Reviewer, Now.AddHours(2));
        if (status == RevisionStatus.Published) report.Current.Publish(Reviewer, Now.AddHours(2));
        return report;
    }

    public static Dictionary<string, string?> Prose(string tag) =>
        Format2021.Definition.ProseParts.ToDictionary(p => p.Code, p => (string?)$"{tag}：{p.SubHead ?? p.SectionCode}的内容。");
}
