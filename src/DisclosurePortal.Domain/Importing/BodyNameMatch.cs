using System.Globalization;

namespace DisclosurePortal.Domain.Importing;

/// <summary>A body a read report may belong to: its id and name.</summary>
public sealed record BodyCandidate(int Id, string Name);

/// <summary>
/// Which body a report read from a file names: one, several (the reviewer chooses) or none; with the message the
/// import preview shows when it is not exactly one.
/// </summary>
public sealed record BodyNameMatch(IReadOnlyList<BodyCandidate> Bodies)
{
    public BodyCandidate? Body => Bodies.Count == 1 ? Bodies[0] : null;

    public string? Problem => Bodies.Count switch
    {
        0 => "未找到单位，请选择",
        1 => null,
        _ => $"与{Count(Bodies.Count)}个单位相符：{string.Join("、", Bodies.Select(b => b.Name))}，请选择",
    };

    private static string Count(int n) =>
        n == 2 ? "两" : " " + n.ToString(CultureInfo.InvariantCulture) + " ";
}

/// <summary>
/// Matches the body name a published report carries to one of a region's bodies: the exact name first, then a near
/// name, where one name is the other with a region in front (「洪泽区人民政府」 and 「淮安市洪泽区人民政府」) once
/// 「人民政府」 is dropped from both. Only a prefix may differ, so 「洪泽区」 never matches 「洪泽区教育局」.
/// </summary>
public static class BodyNameMatcher
{
    private const string Government = "人民政府";

    public static BodyNameMatch Match(string? readName, IEnumerable<BodyCandidate> bodies)
    {
        var candidates = bodies.ToList();
        var name = Normal(readName);
        if (name.Length == 0) return new BodyNameMatch([]);

        var exact = candidates.Where(b => Normal(b.Name) == name).ToList();
        if (exact.Count > 0) return new BodyNameMatch(exact);

        var core = Core(name);
        if (core.Length == 0) return new BodyNameMatch([]);
        var near = candidates.Where(b => Core(Normal(b.Name)) is { Length: > 0 } other &&
                (other.EndsWith(core, StringComparison.Ordinal) || core.EndsWith(other, StringComparison.Ordinal)))
            .ToList();
        return new BodyNameMatch(near);
    }

    /// <summary>The name without white space or invisible characters, with full-width brackets as half-width.</summary>
    private static string Normal(string? name) =>
        new string(VisibleText.StripInvisible(name ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray())
            .Replace('（', '(').Replace('）', ')');

    private static string Core(string name) =>
        name.EndsWith(Government, StringComparison.Ordinal) ? name[..^Government.Length] : name;
}
