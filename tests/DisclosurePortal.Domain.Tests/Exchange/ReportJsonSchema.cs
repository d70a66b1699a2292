using System.Text.Json;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Tests.Exchange;

/// <summary>
/// The JSON Schema (draft 2020-12) of <see cref="ReportJson"/> for one format, generated from the format's
/// definition so that table, row and column codes are enumerated from the one source of labels. Nothing at run time
/// uses it: users get the committed docs/report-json*.schema.json, which the test beside it checks against its output.
/// </summary>
internal static class ReportJsonSchema
{
    public static string Generate(ReportFormat format) => ExchangeJson.Write(w => Write(w, format));

    private static void Write(Utf8JsonWriter w, ReportFormat format)
    {
        w.WriteStartObject();
        w.WriteString("$schema", "https://json-schema.org/draft/2020-12/schema");
        w.WriteString("$id", $"urn:disclosure-portal:report-json:{format.Version}");
        w.WriteString("title", $"{format.Name}的 JSON 形式（{format.LegalSource}）");
        w.WriteString("description",
            "报告的 JSON 交换格式：数字按 表格代码 → 行代码 → 列代码 嵌套，空白单元格写 null 或省略；正文按正文代码给出。");
        w.WriteString("type", "object");
        WriteStrings(w, "required", ["formatVersion", "body", "year", "figures", "prose"]);
        w.WriteBoolean("additionalProperties", false);

        w.WriteStartObject("properties");
        w.WriteStartObject("formatVersion");
        w.WriteString("const", format.Version);
        w.WriteEndObject();
        WriteBody(w);
        w.WriteStartObject("year");
        w.WriteString("type", "integer");
        w.WriteNumber("minimum", format.FirstYear);
        if (format.LastYear is { } last) w.WriteNumber("maximum", last);
        w.WriteEndObject();
        WriteRevision(w);
        WriteFigures(w, format);
        WriteProse(w, format);
        w.WriteEndObject();

        w.WriteStartObject("$defs");
        w.WriteStartObject("count");
        w.WriteString("description", "件数：非负整数（32 位），空白写 null");
        WriteStrings(w, "type", ["integer", "null"]);
        w.WriteNumber("minimum", 0);
        w.WriteNumber("maximum", (int)FigureValues.MaxCount);
        w.WriteEndObject();
        w.WriteStartObject("signedCount");
        w.WriteString("description", "增减数：整数（32 位），可为负数，空白写 null");
        WriteStrings(w, "type", ["integer", "null"]);
        w.WriteNumber("minimum", -(int)FigureValues.MaxCount);
        w.WriteNumber("maximum", (int)FigureValues.MaxCount);
        w.WriteEndObject();
        w.WriteStartObject("money");
        w.WriteString("description", "金额（万元）：非负，最多 6 位小数（精确到分），按十进制精确读写；空白写 null");
        WriteStrings(w, "type", ["number", "null"]);
        w.WriteNumber("minimum", 0);
        w.WriteNumber("maximum", FigureValues.MaxMoney);
        // Validators that compute multipleOf in binary floating point may misjudge some values; the portal
        // itself checks the decimals on the text of the number.
        w.WriteNumber("multipleOf", 0.000001m);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteEndObject();
    }

    private static void WriteBody(Utf8JsonWriter w)
    {
        w.WriteStartObject("body");
        w.WriteString("type", "object");
        WriteStrings(w, "required", ["name"]);
        w.WriteBoolean("additionalProperties", false);
        w.WriteStartObject("properties");
        WriteNullableString(w, "code", "单位代码");
        w.WriteStartObject("name");
        w.WriteString("description", "单位名称");
        w.WriteString("type", "string");
        w.WriteNumber("minLength", 1);
        w.WriteEndObject();
        w.WriteStartObject("kind");
        w.WriteString("description", "单位类型");
        w.WriteStartArray("enum");
        foreach (var k in Enum.GetValues<BodyKind>()) w.WriteStringValue(k.ToString());
        w.WriteNullValue();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteRevision(Utf8JsonWriter w)
    {
        w.WriteStartObject("revision");
        w.WriteString("description", "导出时的修订版本；不是来自平台修订的内容（如导入）写 null");
        WriteStrings(w, "type", ["object", "null"]);
        WriteStrings(w, "required", ["number", "status"]);
        w.WriteBoolean("additionalProperties", false);
        w.WriteStartObject("properties");
        w.WriteStartObject("number");
        w.WriteString("type", "integer");
        w.WriteNumber("minimum", 1);
        w.WriteEndObject();
        w.WriteStartObject("status");
        w.WriteStartArray("enum");
        foreach (var s in Enum.GetValues<RevisionStatus>()) w.WriteStringValue(s.ToString());
        w.WriteEndArray();
        w.WriteEndObject();
        WriteNullableString(w, "correctionNote", "更正说明");
        w.WriteStartObject("publishedAt");
        WriteStrings(w, "type", ["string", "null"]);
        w.WriteString("format", "date-time");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteFigures(Utf8JsonWriter w, ReportFormat format)
    {
        w.WriteStartObject("figures");
        w.WriteString("type", "object");
        w.WriteBoolean("additionalProperties", false);
        w.WriteStartObject("properties");
        foreach (var section in format.Sections.Where(s => s.Table is not null))
        {
            var table = section.Table!;
            w.WriteStartObject(table.Code);
            w.WriteString("description", $"{table.Number} {section.Heading}");
            w.WriteString("type", "object");
            w.WriteBoolean("additionalProperties", false);
            w.WriteStartObject("properties");
            foreach (var block in table.Blocks)
            foreach (var row in block.FigureRows)
            {
                w.WriteStartObject(row.Code);
                w.WriteString("description", row.Label);
                w.WriteString("type", "object");
                w.WriteBoolean("additionalProperties", false);
                w.WriteStartObject("properties");
                foreach (var col in block.Columns)
                {
                    w.WriteStartObject(col.Code);
                    w.WriteString("description", col.FullLabel);
                    w.WriteString("$ref", col.Kind switch
                    {
                        ValueKind.Money => "#/$defs/money",
                        ValueKind.SignedCount => "#/$defs/signedCount",
                        _ => "#/$defs/count",
                    });
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteProse(Utf8JsonWriter w, ReportFormat format)
    {
        w.WriteStartObject("prose");
        w.WriteString("type", "object");
        w.WriteBoolean("additionalProperties", false);
        w.WriteStartObject("properties");
        foreach (var part in format.ProseParts) WriteNullableString(w, part.Code, format.NameOf(part));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter w, string name, string description)
    {
        w.WriteStartObject(name);
        w.WriteString("description", description);
        WriteStrings(w, "type", ["string", "null"]);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
