using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.DemoData;

/// <summary>
/// Loads the demo data into an empty database: a small region tree (a city, two counties, their townships
/// and sub-districts, a few county departments), the real seed report of 钱店镇 for 2024 imported from its
/// text, and generated reports for the other bodies for 2021–2024 that are consistent across years
/// (this year's 上年结转 equals last year's 结转下年度). 2021–2023 are published; 2024 is a mix of
/// published, submitted, returned and draft reports, so every screen has something to show.
/// The region and body names are invented for the demo (演示市), except 钱店镇, whose report is real.
/// </summary>
public static class DemoSeeder
{
    public const int FirstYear = 2021;
    public const int LastYear = 2024;
    public const string SeedResource = "DisclosurePortal.Data.DemoData.qiandian-2024.txt";

    public static readonly Actor DemoClerk = new("demo-clerk", "演示填报员");
    public static readonly Actor DemoReviewer = new("demo-reviewer", "演示审核员");

    public static async Task<bool> SeedIfEmptyAsync(PortalDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        if (await db.Regions.AnyAsync(ct)) return false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var tree = BuildTree();
        db.AddRange(tree.Regions);
        db.AddRange(tree.Bodies);
        await db.SaveChangesAsync(ct);

        var seed = TextReportImporter.Import(ReadSeed());
        if (!seed.Succeeded) throw new InvalidOperationException($"the seed report does not import: {seed.Refusal}");
        var seedBody = tree.Bodies.Single(b => b.Code == DemoReports.SeedBodyCode);
        var seedReport = DemoReports.Enter(seedBody, seed.Year!.Value, seed.Data!, null, RevisionStatus.Published);
        foreach (var report in DemoReports.Build(tree.Bodies, seedReport))
            db.Reports.Add(report);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public static string ReadSeed()
    {
        using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream(SeedResource)
            ?? throw new InvalidOperationException($"missing embedded resource {SeedResource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public sealed record Tree(IReadOnlyList<Region> Regions, IReadOnlyList<Body> Bodies);

    public static Tree BuildTree()
    {
        var regions = new List<Region>();
        var bodies = new List<Body>();
        Region R(string code, string name, RegionLevel level, Region? parent)
        {
            var r = new Region(code, name, level, parent);
            regions.Add(r);
            return r;
        }
        void B(string code, string name, BodyKind kind, Region region) => bodies.Add(new Body(code, name, kind, region));

        var city = R("990100", "演示市", RegionLevel.City, null);
        B("yanshi-shi", "演示市人民政府", BodyKind.CityGovernment, city);

        var donghu = R("990101", "东湖县", RegionLevel.County, city);
        B("donghu-xian", "东湖县人民政府", BodyKind.CountyGovernment, donghu);
        B("donghu-jyj", "东湖县教育局", BodyKind.CountyDepartment, donghu);
        B("donghu-zrzyj", "东湖县自然资源和规划局", BodyKind.CountyDepartment, donghu);
        B("donghu-scjgj", "东湖县市场监督管理局", BodyKind.CountyDepartment, donghu);
        B("qiandian", "钱店镇", BodyKind.TownshipGovernment, R("990101101", "钱店镇", RegionLevel.Township, donghu));
        B("chengguan", "城关街道办事处", BodyKind.SubDistrictOffice, R("990101001", "城关街道", RegionLevel.Township, donghu));
        B("qingshi", "青石镇", BodyKind.TownshipGovernment, R("990101102", "青石镇", RegionLevel.Township, donghu));

        var xiling = R("990102", "西岭县", RegionLevel.County, city);
        B("xiling-xian", "西岭县人民政府", BodyKind.CountyGovernment, xiling);
        B("xiling-gaj", "西岭县公安局", BodyKind.CountyDepartment, xiling);
        B("xiling-zjj", "西岭县住房和城乡建设局", BodyKind.CountyDepartment, xiling);
        B("baisha", "白沙镇", BodyKind.TownshipGovernment, R("990102101", "白沙镇", RegionLevel.Township, xiling));
        B("xikou", "溪口乡", BodyKind.TownshipGovernment, R("990102201", "溪口乡", RegionLevel.Township, xiling));
        B("xincheng", "新城街道办事处", BodyKind.SubDistrictOffice, R("990102001", "新城街道", RegionLevel.Township, xiling));

        return new Tree(regions, bodies);
    }
}
