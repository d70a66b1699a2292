namespace DisclosurePortal.Pdf;

/// <summary>
/// The report contains characters the embedded font cannot show. PDFsharp has no fallback and would print an
/// empty box or nothing, so a published disclosure could silently lose words; the renderer refuses instead.
/// </summary>
public sealed class MissingGlyphException : Exception
{
    public MissingGlyphException(IReadOnlyList<MissingGlyph> glyphs)
        : base(Describe(glyphs)) => Glyphs = glyphs;

    public MissingGlyphException() : this([]) { }

    public MissingGlyphException(string message) : base(message) => Glyphs = [];

    public MissingGlyphException(string message, Exception innerException) : base(message, innerException) => Glyphs = [];

    public IReadOnlyList<MissingGlyph> Glyphs { get; }

    private static string Describe(IReadOnlyList<MissingGlyph> glyphs) =>
        "字体缺少以下字符，无法生成PDF：" + string.Join("；", glyphs.Select(g => g.ToString()));
}

/// <summary>One character the font lacks, and where it occurs (「一、总体情况 （一）主动公开」, 「标题」 …).</summary>
public sealed record MissingGlyph(int CodePoint, string Location)
{
    public string Character => char.ConvertFromUtf32(CodePoint);

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"U+{CodePoint:X4}「{Character}」（{Location}）");
}
