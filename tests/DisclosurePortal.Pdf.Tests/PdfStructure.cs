using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Tokens;

namespace DisclosurePortal.Pdf.Tests;

/// <summary>
/// The structure tree of a tagged PDF as a screen reader gets it, read back with PdfPig's token layer
/// (independent of PDFsharp, which wrote it): element types, Table attributes, and the text of each element
/// through its marked-content ids.
/// </summary>
public sealed class PdfStructure
{
    public PdfStructure(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        var pageIndex = new Dictionary<long, int>();
        var pages = doc.Structure.Catalog.CatalogDictionary.Data["Pages"];
        IndexPages(doc, pages, pageIndex);

        // Text of each marked-content sequence, per page: MCID → letters drawn inside it.
        var text = new Dictionary<(int Page, int Mcid), string>();
        for (var p = 0; p < doc.NumberOfPages; p++)
        {
            void Collect(IEnumerable<MarkedContentElement> elements)
            {
                foreach (var e in elements)
                {
                    if (e.MarkedContentIdentifier >= 0)
                        text[(p, e.MarkedContentIdentifier)] = string.Concat(e.Letters.Select(l => l.Value));
                    Collect(e.Children);
                }
            }
            Collect(doc.GetPage(p + 1).GetMarkedContents());
        }

        var root = Dictionary(doc, doc.Structure.Catalog.CatalogDictionary.Data["StructTreeRoot"]);
        Root = Read(doc, root, -1, pageIndex, text);
    }

    public Element Root { get; }

    /// <summary>Every element of type <paramref name="type"/> (Table, TR, TH …), in document order.</summary>
    public IEnumerable<Element> All(string type) => Root.Descendants().Where(e => e.Type == type);

    public sealed record Element(string Type, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<Element> Children, string OwnText)
    {
        public string Text => OwnText + string.Concat(Children.Select(c => c.Text));

        public string? Scope => Attributes.GetValueOrDefault("Scope");
        public int ColSpan => Attributes.TryGetValue("ColSpan", out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : 1;
        public int RowSpan => Attributes.TryGetValue("RowSpan", out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : 1;

        public IEnumerable<Element> Descendants() => Children.SelectMany(c => c.Descendants().Prepend(c));
    }

    private static Element Read(PdfDocument doc, DictionaryToken dict, int page, Dictionary<long, int> pageIndex,
        Dictionary<(int, int), string> text)
    {
        if (dict.Data.TryGetValue("Pg", out var pg) && pg is IndirectReferenceToken pgRef)
            page = pageIndex[pgRef.Data.ObjectNumber];
        var type = dict.Data.TryGetValue("S", out var s) ? ((NameToken)Resolve(doc, s)).Data : "StructTreeRoot";

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (dict.Data.TryGetValue("A", out var a))
        {
            var resolved = Resolve(doc, a);
            var dicts = resolved is ArrayToken array ? array.Data.Select(x => Resolve(doc, x)).OfType<DictionaryToken>() : [(DictionaryToken)resolved];
            foreach (var attr in dicts)
            {
                foreach (var (key, value) in attr.Data)
                {
                    attributes[key] = Resolve(doc, value) switch
                    {
                        NameToken n => n.Data,
                        NumericToken i => i.Int.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        var other => other.ToString() ?? "",
                    };
                }
            }
        }

        var children = new List<Element>();
        var ownText = "";
        if (dict.Data.TryGetValue("K", out var k))
        {
            var kids = Resolve(doc, k) is ArrayToken arr ? arr.Data : [k];
            foreach (var kid in kids)
            {
                switch (kid)
                {
                    case NumericToken mcid:
                        ownText += text.GetValueOrDefault((page, mcid.Int), "");
                        break;
                    case IndirectReferenceToken r when Resolve(doc, r) is DictionaryToken child:
                        if (child.Data.TryGetValue("Type", out var t) && t is NameToken { Data: "MCR" })
                            ownText += McrText(child, page, pageIndex, text);
                        else children.Add(Read(doc, child, page, pageIndex, text));
                        break;
                    case DictionaryToken mcr:
                        ownText += McrText(mcr, page, pageIndex, text);
                        break;
                }
            }
        }
        return new Element(type, attributes, children, ownText);
    }

    private static string McrText(DictionaryToken mcr, int page, Dictionary<long, int> pageIndex, Dictionary<(int, int), string> text)
    {
        if (mcr.Data.TryGetValue("Pg", out var pg) && pg is IndirectReferenceToken r) page = pageIndex[r.Data.ObjectNumber];
        return text.GetValueOrDefault((page, ((NumericToken)mcr.Data["MCID"]).Int), "");
    }

    private static void IndexPages(PdfDocument doc, IToken node, Dictionary<long, int> index)
    {
        var dict = Dictionary(doc, node);
        if (dict.Data.TryGetValue("Kids", out var kids))
        {
            foreach (var kid in ((ArrayToken)Resolve(doc, kids)).Data) IndexPages(doc, kid, index);
        }
        else index[((IndirectReferenceToken)node).Data.ObjectNumber] = index.Count;
    }

    private static DictionaryToken Dictionary(PdfDocument doc, IToken token) => (DictionaryToken)Resolve(doc, token);

    private static IToken Resolve(PdfDocument doc, IToken token) =>
        token is IndirectReferenceToken r ? doc.Structure.GetObject(r.Data).Data : token;
}
