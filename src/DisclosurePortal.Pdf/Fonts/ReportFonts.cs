using PdfSharp.Fonts;

namespace DisclosurePortal.Pdf.Fonts;

/// <summary>
/// Noto Serif SC Regular and Bold (docs/adr/0002-pdf-engine.md), loaded once per process. PDFsharp reads no
/// system fonts on Linux and accepts one global resolver, set before the first XFont; hence a process-wide
/// singleton rather than a per-renderer instance. PDFsharp embeds a subset of each face itself.
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

    private readonly byte[] _regular;
    private readonly byte[] _bold;

    private ReportFonts(string directory)
    {
        Directory = Path.GetFullPath(directory);
        _regular = Read(Path.Combine(Directory, RegularFile));
        _bold = Read(Path.Combine(Directory, BoldFile));
        Regular = new FontFace(RegularFace, _regular);
        Bold = new FontFace(BoldFace, _bold);
    }

    public string Directory { get; }
    public FontFace Regular { get; }
    public FontFace Bold { get; }

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

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase)
            ? new FontResolverInfo(bold ? BoldFace : RegularFace)
            : null;

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => _regular,
        BoldFace => _bold,
        _ => null,
    };

    private static byte[] Read(string path) =>
        File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException(
                $"Font file missing: {path}. Run scripts/ set-up to fetch Noto Serif SC, or set Pdf__FontDirectory.", path);
}
