namespace DisclosurePortal.Domain.Regions;

/// <summary>Administrative level of a region (行政区划层级).</summary>
public enum RegionLevel
{
    Province,   // 省
    City,       // 市
    County,     // 县（区）
    Township,   // 乡镇 / 街道
}

/// <summary>A node of the region tree. Reviewers belong to a region and see its sub-regions.</summary>
public sealed class Region
{
    private Region() { Code = Name = ""; }

    public Region(string code, string name, RegionLevel level, Region? parent)
    {
        if (parent is not null && parent.Level >= level)
            throw new DomainException($"「{name}」的层级必须低于上级区划「{parent.Name}」");
        Code = VisibleText.Name(code, "区划代码");
        Name = VisibleText.Name(name, "区划名称");
        Level = level;
        Parent = parent;
        ParentId = parent?.Id;
    }

    public int Id { get; private set; }
    /// <summary>Stable code used in URLs and exports (e.g. the 行政区划代码).</summary>
    public string Code { get; private set; }
    public string Name { get; private set; }
    public RegionLevel Level { get; private set; }
    public int? ParentId { get; private set; }
    public Region? Parent { get; private set; }

    public void Rename(string name)
    {
        Name = VisibleText.Name(name, "区划名称");
    }
}
