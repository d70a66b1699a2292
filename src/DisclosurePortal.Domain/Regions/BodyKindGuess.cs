namespace DisclosurePortal.Domain.Regions;

/// <summary>
/// The kind of a body told from its name alone, for a report read outside the portal where no body record says it
/// (the rules need it: BODY-NO-RULES, FEE-MAGNITUDE). A guess, and said to be one wherever it is shown: a
/// 县级市 reads as a city, and a name that says neither government nor department gives <see cref="BodyKind.OtherPublicBody"/>.
/// </summary>
public static class BodyKindGuess
{
    private enum Level { None, Township, County, City, Province }

    // Departments' names end in these (…局, …委, …办, …厅, …委员会, …办公室, …署).
    private static readonly string[] DepartmentEndings = ["委员会", "办公室", "局", "委", "办", "厅", "署"];

    // Administrative committees of development zones act as the zone's government.
    private static readonly string[] CommitteeEndings = ["管理委员会", "管委会"];

    // Words in which 市/区/县/乡/镇 name no place: 市场监督管理局 is no city, 城乡建设局 no township.
    private static readonly string[] NotPlaces =
    [
        "市场", "市政", "市容", "市民", "城市", "都市", "城乡", "乡村", "乡镇", "社区", "区域", "县域", "市域", "园区", "景区",
        "辖区", "街区", "校区", "小区", "矿区", "林区", "牧区", "山区", "镇区",
    ];

    // Municipalities directly under the central government are at the level of a province.
    private static readonly string[] Municipalities = ["北京市", "上海市", "天津市", "重庆市"];

    public static BodyKind FromName(string name)
    {
        var n = new string(name.Where(ch => !char.IsWhiteSpace(ch) && ch is not ('（' or '）' or '(' or ')')).ToArray());
        if (n.EndsWith("街道办事处", StringComparison.Ordinal) || n.EndsWith("街道", StringComparison.Ordinal)
            || n.EndsWith("街道办", StringComparison.Ordinal))
            return BodyKind.SubDistrictOffice;

        var government = n.LastIndexOf("人民政府", StringComparison.Ordinal);
        if (government >= 0 && n.EndsWith("人民政府", StringComparison.Ordinal))
            return GovernmentAt(LevelOf(n[..government]));
        // 「…人民政府办公厅」: the department of that government.
        if (government >= 0) return DepartmentAt(LevelOf(n[..government]));
        if (CommitteeEndings.FirstOrDefault(e => n.EndsWith(e, StringComparison.Ordinal)) is { } committee)
            return GovernmentAt(LevelOf(n[..^committee.Length]));
        if (DepartmentEndings.FirstOrDefault(e => n.EndsWith(e, StringComparison.Ordinal)) is { } ending)
            return DepartmentAt(LevelOf(n[..^ending.Length]));
        // A body named by its place alone (「钱店镇」「平潭综合实验区」) is that place's government.
        return NamesOnlyAPlace(n) ? GovernmentAt(LevelOf(n)) : BodyKind.OtherPublicBody;
    }

    private static bool NamesOnlyAPlace(string name) =>
        name.Length > 1 && "省市区县旗州盟镇乡".Contains(name[^1], StringComparison.Ordinal)
        && !NotPlaces.Any(word => name.EndsWith(word, StringComparison.Ordinal));

    private static BodyKind GovernmentAt(Level level) => level switch
    {
        Level.Township => BodyKind.TownshipGovernment,
        Level.County => BodyKind.CountyGovernment,
        Level.City => BodyKind.CityGovernment,
        Level.Province => BodyKind.ProvincialGovernment,
        _ => BodyKind.OtherPublicBody,
    };

    // Offices of a township government have no kind of their own; they report as the township.
    private static BodyKind DepartmentAt(Level level) => level switch
    {
        Level.Township => BodyKind.TownshipGovernment,
        Level.County => BodyKind.CountyDepartment,
        Level.City => BodyKind.CityDepartment,
        Level.Province => BodyKind.ProvincialDepartment,
        _ => BodyKind.OtherPublicBody,
    };

    /// <summary>The level of the last place the text names: 「淮安市洪泽区」 is a county (区) within a city.</summary>
    private static Level LevelOf(string place)
    {
        var text = place;
        foreach (var word in NotPlaces) text = text.Replace(word, new string('·', word.Length), StringComparison.Ordinal);
        var level = Level.None;
        for (var i = 0; i < text.Length; i++)
        {
            var found = text[i] switch
            {
                '省' => Level.Province,
                '市' when Municipalities.Any(m => EndsAt(text, i, m)) => Level.Province,
                '市' or '州' or '盟' => Level.City,
                '区' when EndsAt(text, i, "自治区") => Level.Province,
                '区' when EndsAt(text, i, "地区") => Level.City,
                '县' or '区' or '旗' => Level.County,
                '镇' or '乡' => Level.Township,
                '道' when EndsAt(text, i, "街道") => Level.Township,
                _ => Level.None,
            };
            if (found != Level.None) level = found;
        }
        return level;
    }

    private static bool EndsAt(string text, int index, string word) =>
        index + 1 >= word.Length && string.CompareOrdinal(text, index + 1 - word.Length, word, 0, word.Length) == 0;
}
