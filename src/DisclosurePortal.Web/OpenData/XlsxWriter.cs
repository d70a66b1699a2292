using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace DisclosurePortal.Web.OpenData;

/// <summary>
/// The smallest SpreadsheetML (ECMA-376, .xlsx) that Excel, WPS and LibreOffice open: one workbook, sheets of inline
/// strings and numbers, no shared-string table and no styles beyond the default. Written with the BCL's zip and XML
/// writers, row by row, so a province's export never sits in memory (docs/open-data.md: why no package).
/// </summary>
internal sealed class XlsxWriter(Stream output) : IDisposable
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private readonly ZipArchive _zip = new(output, ZipArchiveMode.Create, leaveOpen: true);
    private readonly List<string> _sheets = [];

    /// <summary>Adds a sheet; dispose the returned writer before adding the next one.</summary>
    public SheetWriter AddSheet(string name, int frozenRows = 0)
    {
        _sheets.Add(name);
        var entry = _zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count}.xml", CompressionLevel.Fastest);
        return new SheetWriter(entry.Open(), frozenRows);
    }

    public void Dispose()
    {
        Part("[Content_Types].xml", w =>
        {
            const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
            w.WriteStartElement("Types", ns);
            Default(w, ns, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(w, ns, "xml", "application/xml");
            Override(w, ns, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            for (var i = 1; i <= _sheets.Count; i++)
                Override(w, ns, $"/xl/worksheets/sheet{i}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            w.WriteEndElement();
        });
        Part("_rels/.rels", w => Relationships(w, [("rId1",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml")]));
        Part("xl/workbook.xml", w =>
        {
            w.WriteStartElement("workbook", MainNs);
            w.WriteAttributeString("xmlns", "r", null, RelNs);
            w.WriteStartElement("sheets", MainNs);
            for (var i = 0; i < _sheets.Count; i++)
            {
                w.WriteStartElement("sheet", MainNs);
                w.WriteAttributeString("name", _sheets[i]);
                w.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("id", RelNs, $"rId{i + 1}");
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        });
        Part("xl/_rels/workbook.xml.rels", w => Relationships(w, [.. _sheets.Select((_, i) => ($"rId{i + 1}",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", $"worksheets/sheet{i + 1}.xml"))]));
        _zip.Dispose();
    }

    private void Part(string name, Action<XmlWriter> write)
    {
        using var stream = _zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var w = XmlWriter.Create(stream, SheetWriter.Settings);
        w.WriteStartDocument(true);
        write(w);
    }

    private static void Default(XmlWriter w, string ns, string ext, string type)
    {
        w.WriteStartElement("Default", ns);
        w.WriteAttributeString("Extension", ext);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Override(XmlWriter w, string ns, string part, string type)
    {
        w.WriteStartElement("Override", ns);
        w.WriteAttributeString("PartName", part);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Relationships(XmlWriter w, (string Id, string Type, string Target)[] rels)
    {
        const string ns = "http://schemas.openxmlformats.org/package/2006/relationships";
        w.WriteStartElement("Relationships", ns);
        foreach (var (id, type, target) in rels)
        {
            w.WriteStartElement("Relationship", ns);
            w.WriteAttributeString("Id", id);
            w.WriteAttributeString("Type", type);
            w.WriteAttributeString("Target", target);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }
}

/// <summary>Writes the rows of one sheet: strings as inline strings, numbers as numbers, null as an empty cell.</summary>
internal sealed class SheetWriter : IDisposable
{
    internal static readonly XmlWriterSettings Settings = new() { Encoding = new System.Text.UTF8Encoding(false) };
    private const string Ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private readonly Stream _stream;
    private readonly XmlWriter _w;
    private int _row;

    internal SheetWriter(Stream stream, int frozenRows)
    {
        _stream = stream;
        _w = XmlWriter.Create(stream, Settings);
        _w.WriteStartDocument(true);
        _w.WriteStartElement("worksheet", Ns);
        if (frozenRows > 0)
        {
            // The header rows stay in view while scrolling through thousands of bodies.
            _w.WriteStartElement("sheetViews", Ns);
            _w.WriteStartElement("sheetView", Ns);
            _w.WriteAttributeString("workbookViewId", "0");
            _w.WriteStartElement("pane", Ns);
            _w.WriteAttributeString("ySplit", frozenRows.ToString(CultureInfo.InvariantCulture));
            _w.WriteAttributeString("topLeftCell", $"A{frozenRows + 1}");
            _w.WriteAttributeString("activePane", "bottomLeft");
            _w.WriteAttributeString("state", "frozen");
            _w.WriteEndElement();
            _w.WriteEndElement();
            _w.WriteEndElement();
        }
        _w.WriteStartElement("sheetData", Ns);
    }

    public void Row(IEnumerable<object?> cells)
    {
        _row++;
        var row = _row.ToString(CultureInfo.InvariantCulture);
        _w.WriteStartElement("row", Ns);
        _w.WriteAttributeString("r", row);
        var col = 0;
        foreach (var cell in cells)
        {
            col++;
            if (cell is null) continue;
            _w.WriteStartElement("c", Ns);
            _w.WriteAttributeString("r", ColumnName(col) + row);
            switch (cell)
            {
                case decimal d:
                    _w.WriteElementString("v", Ns, d.ToString(CultureInfo.InvariantCulture));
                    break;
                case int i:
                    _w.WriteElementString("v", Ns, i.ToString(CultureInfo.InvariantCulture));
                    break;
                default:
                    // Inline strings are never formulas, so a name starting with '=' stays text.
                    _w.WriteAttributeString("t", "inlineStr");
                    _w.WriteStartElement("is", Ns);
                    _w.WriteElementString("t", Ns, XmlSafe(Convert.ToString(cell, CultureInfo.InvariantCulture) ?? ""));
                    _w.WriteEndElement();
                    break;
            }
            _w.WriteEndElement();
        }
        _w.WriteEndElement();
    }

    /// <summary>1 → A, 27 → AA: SpreadsheetML cell references.</summary>
    internal static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26) name = (char)('A' + (column - 1) % 26) + name;
        return name;
    }

    // XML 1.0 cannot carry most control characters; a stray one in a name must not break the whole file.
    // Surrogate pairs (CJK extension B names) are valid XML and kept.
    private static string XmlSafe(string text)
    {
        if (text.All(XmlConvert.IsXmlChar)) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i)) sb.Append(text, i++, 2);
            else if (XmlConvert.IsXmlChar(text[i])) sb.Append(text[i]);
        }
        return sb.ToString();
    }

    public void Dispose()
    {
        _w.WriteEndElement();
        _w.WriteEndElement();
        _w.Dispose();
        _stream.Dispose();
    }
}
