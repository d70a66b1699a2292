namespace DisclosurePortal.Domain.Regions;

/// <summary>What kind of 机关/单位 a body is; the rules and the deadlines depend on it.</summary>
public enum BodyKind
{
    TownshipGovernment,     // 乡镇人民政府
    SubDistrictOffice,      // 街道办事处
    CountyGovernment,       // 县（区）人民政府
    CountyDepartment,       // 县级政府部门
    CityGovernment,         // 设区的市人民政府
    CityDepartment,         // 市级政府部门
    ProvincialGovernment,   // 省人民政府
    ProvincialDepartment,   // 省级政府部门
    OtherPublicBody,        // 其他（公共企事业单位等）
}

public static class BodyKinds
{
    public static string Label(this BodyKind kind) => kind switch
    {
        BodyKind.TownshipGovernment => "乡镇人民政府",
        BodyKind.SubDistrictOffice => "街道办事处",
        BodyKind.CountyGovernment => "县（区）人民政府",
        BodyKind.CountyDepartment => "县级政府部门",
        BodyKind.CityGovernment => "市人民政府",
        BodyKind.CityDepartment => "市级政府部门",
        BodyKind.ProvincialGovernment => "省人民政府",
        BodyKind.ProvincialDepartment => "省级政府部门",
        _ => "其他单位",
    };

    /// <summary>The label of a kind as stored by name (a published revision keeps its kind so); an unknown name as is.</summary>
    public static string LabelOf(string storedName) =>
        // By exact name only: Enum.TryParse would also read "3" as a kind.
        Enum.IsDefined(typeof(BodyKind), storedName) ? Enum.Parse<BodyKind>(storedName).Label() : storedName;

    /// <summary>
    /// Only the State Council's departments, provincial governments and governments of cities with districts
    /// may make 规章 (《立法法》 arts. 91, 93); townships and county departments never can (BODY-NO-RULES).
    /// </summary>
    public static bool MayMakeRules(this BodyKind kind) =>
        kind is BodyKind.CityGovernment or BodyKind.ProvincialGovernment;

    /// <summary>Departments publish by 1月31日, governments by 3月31日 (条例 art. 49).</summary>
    public static bool IsDepartment(this BodyKind kind) =>
        kind is BodyKind.CountyDepartment or BodyKind.CityDepartment or BodyKind.ProvincialDepartment;

    /// <summary>Rough level used to judge whether a fee is plausible (FEE-MAGNITUDE).</summary>
    public static int Tier(this BodyKind kind) => kind switch
    {
        BodyKind.TownshipGovernment or BodyKind.SubDistrictOffice or BodyKind.OtherPublicBody => 0,
        BodyKind.CountyGovernment or BodyKind.CountyDepartment => 1,
        BodyKind.CityGovernment or BodyKind.CityDepartment => 2,
        _ => 3,
    };
}

/// <summary>A 机关/单位 that must publish an annual report. It belongs to one region.</summary>
public sealed class Body
{
    /// <summary>The longest name kept (bodies.name); longer "names" read from a file are misread titles.</summary>
    public const int MaxNameLength = 200;

    private Body() { Code = Name = ""; Region = null!; }

    public Body(string code, string name, BodyKind kind, Region region)
    {
        Code = VisibleText.Name(code, "单位代码");
        Name = VisibleText.Name(name, "单位名称");
        Kind = kind;
        Region = region;
        RegionId = region.Id;
    }

    public int Id { get; private set; }
    /// <summary>Stable code used in public URLs: /reports/{code}/{year}.</summary>
    public string Code { get; private set; }
    public string Name { get; private set; }
    public BodyKind Kind { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; }

    /// <summary>
    /// A new name, kind or region after an 机构改革. The code stays: it is in the public URLs of the reports
    /// already published, whose text keeps the name they were published under.
    /// </summary>
    public void Change(string name, BodyKind kind, Region region)
    {
        Name = VisibleText.Name(name, "单位名称");
        Kind = kind;
        Region = region;
        RegionId = region.Id;
    }
}
