using PdfSharp.Fonts;

namespace DisclosurePortal.Pdf.Fonts;

/// <summary>
/// Noto Serif SC Regular and Bold (docs/adr/0002-pdf-engine.md), loaded once per process. PDFsharp reads no
/// system fonts on Linux and accepts one global resolver, set before the first XFont; hence a process-wide
/// singleton rather than a per-renderer instance. PDFsharp gets a metrics-only view of each face
/// (<see cref="TrueTypeFile.MetricsOnlyProgram"/>); the outlines are embedded by FontProgramRewriter.
/// </summary>
internal sealed class ReportFonts : IFontResolver
{
    public const string Family = "Noto Serif SC";
    public const string RegularFile = "NotoSerifSC_400Regular.ttf";
    public const string BoldFile = "NotoSerifSC_700Bold.ttf";
    private const string RegularFace = "NotoSerifSC-Regular";
    private const string BoldFace = "NotoSerifSC-Bold";

    private static readonly Lock Gate = new();
    private static ReportFonts? _instance;

    private ReportFonts(string directory)
    {
        Directory = Path.GetFullPath(directory);
        var regular = Open(Path.Combine(Directory, RegularFile));
        var bold = Open(Path.Combine(Directory, BoldFile));
        Regular = new FontFace(RegularFace, regular);
        Bold = new FontFace(BoldFace, bold);
        RegularProgram = new EmbeddedFace(RegularFace, regular, regular.MetricsOnlyProgram());
        BoldProgram = new EmbeddedFace(BoldFace, bold, bold.MetricsOnlyProgram());
    }

    public string Directory { get; }
    public FontFace Regular { get; }
    public FontFace Bold { get; }
    public EmbeddedFace RegularProgram { get; }
    public EmbeddedFace BoldProgram { get; }

    public static ReportFonts Load(string directory)
    {
        lock (Gate)
        {
            if (_instance is not null)
            {
                if (!string.Equals(_instance.Directory, Path.GetFullPath(directory), StringComparison.Ordinal))
                    throw new InvalidOperationException(
                        $"PDF fonts were already loaded from {_instance.Directory}; PDFsharp allows one font resolver per process.");
                return _instance;
            }
            var fonts = new ReportFonts(directory);
            GlobalFontSettings.FontResolver = fonts;
            _instance = fonts;
            return fonts;
        }
    }

    /// <summary>The face whose metrics-only program PDFsharp embedded as <paramref name="program"/>, if any.</summary>
    public EmbeddedFace? FaceOf(ReadOnlySpan<byte> program) =>
        program.SequenceEqual(RegularProgram.MetricsOnly) ? RegularProgram
        : program.SequenceEqual(BoldProgram.MetricsOnly) ? BoldProgram
        : null;

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase)
            ? new FontResolverInfo(bold ? BoldFace : RegularFace)
            : null;

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => RegularProgram.MetricsOnly,
        BoldFace => BoldProgram.MetricsOnly,
        _ => null,
    };

    private static TrueTypeFile Open(string path) =>
        File.Exists(path)
            ? TrueTypeFile.Open(path)
            : throw new FileNotFoundException(
                $"Font file missing: {path}. Run scripts/ set-up to fetch Noto Serif SC, or set Pdf__FontDirectory.", path);
}

/// <summary>A face as embedded: the real file, for outlines, and the metrics-only program PDFsharp was given.</summary>
internal sealed record EmbeddedFace(string Name, TrueTypeFile File, byte[] MetricsOnly);
