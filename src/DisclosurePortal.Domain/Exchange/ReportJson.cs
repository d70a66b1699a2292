using System.Globalization;
using System.Text;
using System.Text.Json;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Exchange;

/// <summary>One reason a JSON document was refused: where (a JSON path) and why, in Chinese.</summary>
public sealed record ReportJsonError(string Path, string Reason)
{
    public string Message => Path.Length == 0 ? Reason : $"{Path}：{Reason}";
    public override string ToString() => Message;
}

/// <summary>Either a whole document, or the errors that refused it; never part of one.</summary>
public sealed class ReportJsonResult
{
    private ReportJsonResult(ReportDocument? document, IReadOnlyList<ReportJsonError> errors)
    {
        Document = document;
        Errors = errors;
    }

    public ReportDocument? Document { get; }
    public ReportData? Data => Document?.Data;
    public IReadOnlyList<ReportJsonError> Errors { get; }
    public bool Succeeded => Document is not null;

    internal static ReportJsonResult Ok(ReportDocument document) => new(document, []);
    internal static ReportJsonResult Failed(IReadOnlyList<ReportJsonError> errors) => new(null, errors);
}

/// <summary>
/// The JSON form of a report (docs/report-json.md, docs/report-json.schema.json). Figures are nested
/// table → row → column objects keyed by the format's codes; every cell of the format is written, blank ones
/// as null, so that a reader sees the whole grid. The output is canonical: the same document always gives the
/// same bytes, which makes exports diffable and the round trip JSON → document → JSON byte-identical.
/// </summary>
public static class ReportJson
{
    private const string FormatVersionField = "formatVersion";
    private const string BodyField = "body";
    private const string YearField = "year";
    private const string RevisionField = "revision";
    private const string FiguresField = "figures";
    private const string ProseField = "prose";

    public static string Serialize(ReportDocument document) => ExchangeJson.Write(w => Write(w, document));

    private static void Write(Utf8JsonWriter w, ReportDocument doc)
    {
        var format = doc.Data.Format;
        w.WriteStartObject();
        w.WriteString(FormatVersionField, doc.FormatVersion);

        w.WriteStartObject(BodyField);
        w.WriteString("code", doc.Body.Code);
        w.WriteString("name", doc.Body.Name);
        w.WriteString("kind", doc.Body.Kind?.ToString());
        w.WriteEndObject();

        w.WriteNumber(YearField, doc.Year);

        if (doc.Revision is { } rev)
        {
            w.WriteStartObject(RevisionField);
            w.WriteNumber("number", rev.Number);
            w.WriteString("status", rev.Status.ToString());
            w.WriteString("correctionNote", rev.CorrectionNote);
            if (rev.PublishedAt is { } at) w.WriteString("publishedAt", at);
            else w.WriteNull("publishedAt");
            w.WriteEndObject();
        }
        else w.WriteNull(RevisionField);

        w.WritePropertyName(FiguresField);
        WriteFigures(w, doc.Data);

        w.WriteStartObject(ProseField);
        foreach (var part in format.ProseParts)
        {
            if (doc.Data.Prose.TryGetValue(part.Code, out var text)) w.WriteString(part.Code, text);
            else w.WriteNull(part.Code);
        }
        w.WriteEndObject();

        w.WriteEndObject();
    }

    /// <summary>
    /// The figures object of the JSON form, table → row → column, every cell of the format (blank = null); the bulk
    /// JSON writes each report's figures with this, so they are keyed and rounded exactly as the report's own JSON.
    /// </summary>
    public static void WriteFigures(Utf8JsonWriter w, ReportData data)
    {
        w.WriteStartObject();
        foreach (var table in data.Format.Tables)
        {
            w.WriteStartObject(table.Code);
            foreach (var block in table.Blocks)
            foreach (var row in block.FigureRows)
            {
                w.WriteStartObject(row.Code);
                foreach (var col in block.Columns)
                {
                    if (data.Get(table.Code, row.Code, col.Code) is { } v)
                        // Display trims trailing zeros, so 12.30 and 12.3 give the same bytes; the value is exact
                        // because the document was checked against FigureValues.Problem when it was built.
                        w.WriteNumber(col.Code, decimal.Parse(FigureValues.Display(col.Kind, v), CultureInfo.InvariantCulture));
                    else w.WriteNull(col.Code);
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>
    /// Reads a document. Every problem found is reported, each naming where it is; the document is returned
    /// only when there is none, so a caller can never store half of an upload.
    /// </summary>
    public static ReportJsonResult Parse(string json)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, new JsonDocumentOptions
            {
                AllowTrailingCommas = false,
                CommentHandling = JsonCommentHandling.Disallow,
            });
        }
        catch (JsonException e)
        {
            return ReportJsonResult.Failed([new ReportJsonError("", MalformedMessage(json, e))]);
        }

        using (parsed)
        {
            var reader = new DocumentReader();
            var document = reader.Read(parsed.RootElement);
            return document is not null && reader.Errors.Count == 0
                ? ReportJsonResult.Ok(document)
                : ReportJsonResult.Failed(reader.Errors);
        }
    }

    private static string MalformedMessage(string json, JsonException e)
    {
        if (e.LineNumber is not { } line || e.BytePositionInLine is not { } bytes)
            return "不是有效的 JSON 文档";
        // The reader counts bytes of UTF-8; a clerk counts characters, and a Chinese character is three bytes.
        var lines = json.Split('\n');
        var column = bytes + 1;
        if (line < lines.Length)
        {
            var utf8 = Encoding.UTF8.GetBytes(lines[line]);
            column = Encoding.UTF8.GetCharCount(utf8, 0, (int)Math.Min(bytes, utf8.Length)) + 1;
        }
        return $"不是有效的 JSON 文档：第 {line + 1} 行第 {column} 个字符附近有语法错误";
    }

    /// <summary>A JSON path as a developer reads it: figures.t3["3.3.1"].natural (codes with dots are quoted).</summary>
    internal static string PathOf(string parent, string name)
    {
        var plain = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        var segment = plain ? name : $"[\"{name}\"]";
        return parent.Length == 0 ? segment : plain ? $"{parent}.{segment}" : parent + segment;
    }

    private sealed class DocumentReader
    {
        public List<ReportJsonError> Errors { get; } = [];

        private void Error(string path, string reason) => Errors.Add(new ReportJsonError(path, reason));

        public ReportDocument? Read(JsonElement root)
        {
            var top = ReadObject(root, "", "报告文档", [FormatVersionField, BodyField, YearField, RevisionField, FiguresField, ProseField],
                [FormatVersionField, BodyField, YearField, FiguresField, ProseField]);
            if (top is null) return null;

            var format = ReadFormat(top);
            var body = top.TryGetValue(BodyField, out var b) ? ReadBody(b) : null;
            var year = top.TryGetValue(YearField, out var y) ? ReadInt(y, YearField, "年度") : null;
            if (format is not null && year is { } yr && (yr < format.FirstYear || yr > format.LastYear))
                Error(YearField, $"{yr} 年的报告不适用格式 {format.Version}（该格式适用于 {format.FirstYear} 年及以后"
                    + (format.LastYear is { } last ? $"、{last} 年及以前" : "") + "）");
            var revision = top.TryGetValue(RevisionField, out var r) ? ReadRevision(r) : null;

            // Figures and prose are addressed by the format's codes; without a known format they cannot be read.
            Dictionary<CellRef, decimal>? figures = null;
            Dictionary<string, string>? prose = null;
            if (format is not null)
            {
                if (top.TryGetValue(FiguresField, out var f)) figures = ReadFigures(f, format);
                if (top.TryGetValue(ProseField, out var p)) prose = ReadProse(p, format);
            }

            if (Errors.Count > 0 || format is null || body is null || year is null || figures is null || prose is null)
                return null;
            return new ReportDocument(body, year.Value, revision, new ReportData(format, figures, prose));
        }

        private ReportFormat? ReadFormat(Dictionary<string, JsonElement> top)
        {
            if (!top.TryGetValue(FormatVersionField, out var v)) return null;
            if (v.ValueKind != JsonValueKind.String)
            {
                Error(FormatVersionField, "格式版本应为字符串，例如 \"2021\"");
                return null;
            }
            var version = v.GetString()!;
            if (ReportFormats.TryGet(version, out var format)) return format;
            Error(FormatVersionField, $"未知的报告格式版本「{version}」（可用：{string.Join("、", ReportFormats.All.Select(x => x.Version))}）");
            return null;
        }

        private ReportDocumentBody? ReadBody(JsonElement e)
        {
            var props = ReadObject(e, BodyField, "单位", ["code", "name", "kind"], ["name"]);
            if (props is null) return null;
            var code = ReadOptionalString(props, BodyField, "code", "单位代码");
            string? name = null;
            if (props.TryGetValue("name", out var n))
            {
                name = ReadOptionalString(props, BodyField, "name", "单位名称");
                if (n.ValueKind == JsonValueKind.Null || (name is not null && string.IsNullOrWhiteSpace(name)))
                {
                    Error(PathOf(BodyField, "name"), "单位名称不能为空");
                    name = null;
                }
            }
            BodyKind? kind = null;
            if (ReadOptionalString(props, BodyField, "kind", "单位类型") is { } k)
            {
                // Enum.TryParse would also take "3"; only the names are part of the form.
                if (Enum.GetNames<BodyKind>().Contains(k, StringComparer.Ordinal)) kind = Enum.Parse<BodyKind>(k);
                else Error(PathOf(BodyField, "kind"), $"未知的单位类型「{k}」（可用：{string.Join("、", Enum.GetNames<BodyKind>())}）");
            }
            return name is null ? null : new ReportDocumentBody(code, name, kind);
        }

        private ReportDocumentRevision? ReadRevision(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Null) return null;
            var props = ReadObject(e, RevisionField, "修订信息", ["number", "status", "correctionNote", "publishedAt"],
                ["number", "status"]);
            if (props is null) return null;
            var number = props.TryGetValue("number", out var n) ? ReadInt(n, PathOf(RevisionField, "number"), "修订版本号") : null;
            if (number is < 1)
            {
                Error(PathOf(RevisionField, "number"), "修订版本号必须从 1 开始");
                number = null;
            }
            RevisionStatus? status = null;
            if (ReadOptionalString(props, RevisionField, "status", "修订状态") is { } s)
            {
                if (Enum.GetNames<RevisionStatus>().Contains(s, StringComparer.Ordinal)) status = Enum.Parse<RevisionStatus>(s);
                else Error(PathOf(RevisionField, "status"), $"未知的修订状态「{s}」（可用：{string.Join("、", Enum.GetNames<RevisionStatus>())}）");
            }
            var note = ReadOptionalString(props, RevisionField, "correctionNote", "更正说明");
            DateTimeOffset? publishedAt = null;
            if (props.TryGetValue("publishedAt", out var p) && p.ValueKind != JsonValueKind.Null)
            {
                if (p.ValueKind == JsonValueKind.String && p.TryGetDateTimeOffset(out var at)) publishedAt = at;
                else Error(PathOf(RevisionField, "publishedAt"), "发布时间应为 ISO 8601 格式的字符串，例如 \"2025-01-20T08:00:00+00:00\"");
            }
            return number is { } num && status is { } st ? new ReportDocumentRevision(num, st, note, publishedAt) : null;
        }

        private Dictionary<CellRef, decimal>? ReadFigures(JsonElement e, ReportFormat format)
        {
            var tables = ReadObject(e, FiguresField, "数字部分", null, null);
            if (tables is null) return null;
            var figures = new Dictionary<CellRef, decimal>();
            foreach (var (tableCode, tableValue) in tables)
            {
                var tablePath = PathOf(FiguresField, tableCode);
                var table = format.Tables.FirstOrDefault(t => t.Code == tableCode);
                if (table is null)
                {
                    Error(tablePath, $"未知的表格代码「{tableCode}」（格式 {format.Version} 有：{string.Join("、", format.Tables.Select(t => t.Code))}）");
                    continue;
                }
                var rows = ReadObject(tableValue, tablePath, table.Number, null, null);
                if (rows is null) continue;
                foreach (var (rowCode, rowValue) in rows)
                {
                    var rowPath = PathOf(tablePath, rowCode);
                    var block = table.Blocks.FirstOrDefault(bl => bl.AllRows.Any(x => x.Code == rowCode));
                    if (block is null)
                    {
                        Error(rowPath, $"{table.Number}没有代码为「{rowCode}」的行");
                        continue;
                    }
                    var row = block.AllRows.First(x => x.Code == rowCode);
                    if (!row.HasFigures)
                    {
                        Error(rowPath, $"{table.Number}「{row.Label}」是分组行，没有自己的数字，请填写其下各行");
                        continue;
                    }
                    var cells = ReadObject(rowValue, rowPath, $"{table.Number}「{row.Label}」", null, null);
                    if (cells is null) continue;
                    foreach (var (colCode, value) in cells)
                    {
                        var cellPath = PathOf(rowPath, colCode);
                        if (!format.TryGetCell(new CellRef(table.Code, row.Code, colCode), out var def))
                        {
                            Error(cellPath, $"{table.Number}「{row.Label}」没有代码为「{colCode}」的列（可用：{string.Join("、", block.Columns.Select(c => c.Code))}）");
                            continue;
                        }
                        if (ReadFigure(value, def, out var problem) is { } v) figures[def.Ref] = v;
                        else if (problem is not null) Error(cellPath, $"{def.DisplayName}：{problem}");
                    }
                }
            }
            return figures;
        }

        /// <summary>The value of a figure cell; null with no problem when the cell is blank.</summary>
        private static decimal? ReadFigure(JsonElement e, CellDef def, out string? problem)
        {
            problem = null;
            switch (e.ValueKind)
            {
                case JsonValueKind.Null:
                    return null;
                case JsonValueKind.String:
                    // "12" and "/" are how spreadsheets and printed forms write cells; the JSON form keeps numbers
                    // as numbers and blanks as null, so that no reader has to guess.
                    problem = $"应为数字（空白写 null），不能写成字符串「{e.GetString()}」";
                    return null;
                case JsonValueKind.Number:
                    break;
                default:
                    problem = "应为数字（空白写 null）";
                    return null;
            }

            var raw = e.GetRawText();
            if (raw.Contains('e', StringComparison.OrdinalIgnoreCase))
            {
                problem = $"请直接写出数字，不要用科学计数法（{raw}）";
                return null;
            }
            var dot = raw.IndexOf('.', StringComparison.Ordinal);
            var decimals = dot < 0 ? 0 : raw[(dot + 1)..].TrimEnd('0').Length;
            // Checked on the text, because decimal parsing rounds beyond 28 digits and would hide the excess.
            // The messages come from FigureValues.Problem so that the form, the importer and this say the same.
            if (def.Kind == ValueKind.Money && decimals > FigureValues.MoneyDecimals)
            {
                problem = $"{FigureValues.Problem(ValueKind.Money, 0.0000001m)}（{raw}）";
                return null;
            }
            if (!e.TryGetDecimal(out var value))
            {
                problem = $"超出允许范围（{raw}）";
                return null;
            }
            if (FigureValues.Problem(def.Kind, value) is { } p)
            {
                problem = $"{p}（{raw}）";
                return null;
            }
            if (def.Kind != ValueKind.Money && dot >= 0)
            {
                problem = $"{FigureValues.Problem(ValueKind.Count, 0.5m)}，请不要带小数点（{raw}）";
                return null;
            }
            return value;
        }

        private Dictionary<string, string>? ReadProse(JsonElement e, ReportFormat format)
        {
            var parts = ReadObject(e, ProseField, "文字部分", null, null);
            if (parts is null) return null;
            var prose = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (code, value) in parts)
            {
                var path = PathOf(ProseField, code);
                if (!format.HasProsePart(code))
                {
                    Error(path, $"未知的正文代码「{code}」（格式 {format.Version} 有：{string.Join("、", format.ProseParts.Select(x => x.Code))}）");
                    continue;
                }
                if (value.ValueKind == JsonValueKind.String) prose[code] = value.GetString()!;
                else if (value.ValueKind != JsonValueKind.Null) Error(path, "正文应为字符串（没有内容写 null）");
            }
            return prose;
        }

        private int? ReadInt(JsonElement e, string path, string what)
        {
            if (e.ValueKind == JsonValueKind.Number && !e.GetRawText().Contains('.', StringComparison.Ordinal)
                && e.TryGetInt32(out var v))
                return v;
            Error(path, $"{what}应为整数");
            return null;
        }

        private string? ReadOptionalString(Dictionary<string, JsonElement> props, string parent, string name, string what)
        {
            if (!props.TryGetValue(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
            if (e.ValueKind == JsonValueKind.String) return e.GetString();
            Error(PathOf(parent, name), $"{what}应为字符串");
            return null;
        }

        /// <summary>
        /// The properties of an object, refusing duplicates (a reader would silently keep one of them) and, when
        /// <paramref name="allowed"/> is given, unknown names; missing <paramref name="required"/> ones are errors.
        /// </summary>
        private Dictionary<string, JsonElement>? ReadObject(JsonElement e, string path, string what,
            string[]? allowed, string[]? required)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                Error(path, $"{what}应为 JSON 对象");
                return null;
            }
            var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var p in e.EnumerateObject())
            {
                var at = PathOf(path, p.Name);
                if (allowed is not null && !allowed.Contains(p.Name, StringComparer.Ordinal))
                    Error(at, $"未知字段「{p.Name}」");
                else if (!result.TryAdd(p.Name, p.Value))
                    Error(at, $"字段「{p.Name}」重复出现");
            }
            foreach (var name in required ?? [])
                if (!result.ContainsKey(name))
                    Error(path.Length == 0 ? name : PathOf(path, name), $"缺少必填字段「{name}」");
            return result;
        }
    }
}
