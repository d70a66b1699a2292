using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Rules;

namespace DisclosurePortal.Domain.Reports;

/// <summary>What a reviewer's comment on a returned revision points at.</summary>
public enum CommentTarget
{
    Cell,   // one figure cell, e.g. 表三 一、本年新收政府信息公开申请数量 自然人
    Prose,  // one prose part, e.g. 一、总体情况 （一）主动公开
    Rule,   // one rule code, e.g. T3-BALANCE, wherever it fires
}

/// <summary>
/// Where a review comment is anchored, as a stable key ("cell:t3/1/natural", "prose:1.active", "rule:T3-BALANCE"),
/// so the clerk's form shows it at that very cell, section or rule message.
/// </summary>
public sealed record CommentAnchor(CommentTarget Target, string Key)
{
    public static CommentAnchor OfCell(CellRef cell) => new(CommentTarget.Cell, cell.ToString());
    public static CommentAnchor OfProse(string code) => new(CommentTarget.Prose, code);
    public static CommentAnchor OfRule(string code) => new(CommentTarget.Rule, code);

    public override string ToString() => $"{Prefix(Target)}:{Key}";

    public static bool TryParse(string? text, out CommentAnchor anchor)
    {
        anchor = null!;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0 || colon == text.Length - 1) return false;
        CommentTarget? target = text[..colon] switch
        {
            "cell" => CommentTarget.Cell,
            "prose" => CommentTarget.Prose,
            "rule" => CommentTarget.Rule,
            _ => null,
        };
        if (target is null) return false;
        anchor = new CommentAnchor(target.Value, text[(colon + 1)..]);
        return true;
    }

    /// <summary>Whether the anchor names a cell or prose part of the format, or a known rule code.</summary>
    public bool ExistsIn(ReportFormat format) => Target switch
    {
        CommentTarget.Cell => CellRef.TryParse(Key, out var c) && format.TryGetCell(c, out _),
        CommentTarget.Prose => format.HasProsePart(Key),
        CommentTarget.Rule => RuleCodes.All.Contains(Key, StringComparer.Ordinal),
        _ => false,
    };

    /// <summary>The anchor as a person reads it: 「表三 一 自然人」, 「一、总体情况 （一）主动公开」, 「规则 T3-BALANCE」.</summary>
    public string Describe(ReportFormat format)
    {
        switch (Target)
        {
            case CommentTarget.Cell when CellRef.TryParse(Key, out var c) && format.TryGetCell(c, out var def):
                return def.DisplayName;
            case CommentTarget.Prose when format.HasProsePart(Key):
                return format.NameOf(format.ProsePart(Key));
            case CommentTarget.Rule:
                return $"规则 {Key}";
            default:
                return Key;
        }
    }

    private static string Prefix(CommentTarget t) => t switch
    {
        CommentTarget.Cell => "cell",
        CommentTarget.Prose => "prose",
        _ => "rule",
    };
}
