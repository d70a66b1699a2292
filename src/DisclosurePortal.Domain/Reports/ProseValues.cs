namespace DisclosurePortal.Domain.Reports;

/// <summary>
/// The shape of a revision's text: its prose parts and the explanations of warnings. Shared by the domain, the
/// entry form and the importer, so that all refuse the same text with the same message.
/// </summary>
public static class ProseValues
{
    /// <summary>One prose part: far beyond any real annual report's section, small enough for one page load.</summary>
    public const int MaxLength = 20_000;
    /// <summary>One explanation of a warning.</summary>
    public const int MaxExplanationLength = 2_000;

    /// <summary>
    /// Why a text can never be stored, or null when it can. Control characters other than tab and line breaks
    /// are refused: PostgreSQL's jsonb cannot hold U+0000 at all (the save failed with a 500), and the others
    /// are invisible on screen and in the PDF, so the published text would differ from what the reader sees.
    /// </summary>
    public static string? Problem(string text, int maxLength = MaxLength)
    {
        if (text.Length > maxLength) return $"不能超过 {maxLength} 字（现有 {text.Length} 字），请精简后再保存";
        foreach (var c in text)
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
                return $"含有不可见的控制字符（U+{(int)c:X4}），请删除后再保存";
        return null;
    }
}
