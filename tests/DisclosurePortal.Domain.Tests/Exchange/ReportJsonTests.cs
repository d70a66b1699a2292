using System.Text.Json.Nodes;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using T2 = DisclosurePortal.Domain.Format.Format2021.Table2;
using T3 = DisclosurePortal.Domain.Format.Format2021.Table3;
using T4 = DisclosurePortal.Domain.Format.Format2021.Table4;

namespace DisclosurePortal.Domain.Tests.Exchange;

public class ReportJsonTests
{
    private static readonly ReportFormat Format = Format2021.Definition;

    private static ReportData SampleData()
    {
        var figures = new Dictionary<CellRef, decimal>();
        var n = 0m;
        foreach (var cell in Format.Cells)
            figures[cell.Ref] = cell.Kind == ValueKind.Money ? 12.3456m : ++n;
        // A blank cell stays blank through the round trip.
        figures.Remove(new CellRef(Format2021.T3, T3.Partial, T3.Research));
        var prose = new Dictionary<string, string>
        {
            [Format2021.ProseActive] = "2024 年，我镇积极主动公开信息。\n第二段。",
            [Format2021.ProseOther] = "依据《国务院办公厅关于印发<政府信息公开信息处理费管理办法>的通知》（国办函〔2020〕109号）规定，本年度未收取信息处理费。",
        };
        return new ReportData(Format, figures, prose);
    }

    private static ReportDocument SampleDocument() => new(
        new ReportDocumentBody("qiandian", "钱店镇", BodyKind.TownshipGovernment), 2024,
        new ReportDocumentRevision(2, RevisionStatus.Published, "更正表三数字",
            new DateTimeOffset(2025, 1, 20, 8, 30, 0, TimeSpan.Zero)),
        SampleData());

    private static string SampleJson() => ReportJson.Serialize(SampleDocument());

    private static ReportJsonResult ParseMutated(Action<JsonObject> mutate)
    {
        var node = JsonNode.Parse(SampleJson())!.AsObject();
        mutate(node);
        return ReportJson.Parse(node.ToJsonString());
    }

    private static JsonObject Figures(JsonObject doc, string table, string row) =>
        doc["figures"]![table]![row]!.AsObject();

    private static void AssertRefused(ReportJsonResult result, string path, string fragment)
    {
        Assert.False(result.Succeeded);
        Assert.Null(result.Document);
        Assert.Null(result.Data);
        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Report_data_survives_a_round_trip_through_json()
    {
        var data = SampleData();
        var result = ReportJson.Parse(SampleJson());

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(data.Figures.OrderBy(f => f.Key.ToString()), result.Data!.Figures.OrderBy(f => f.Key.ToString()));
        Assert.Equal(data.Prose.OrderBy(p => p.Key), result.Data.Prose.OrderBy(p => p.Key));
        Assert.Equal("钱店镇", result.Document!.Body.Name);
        Assert.Equal(BodyKind.TownshipGovernment, result.Document.Body.Kind);
        Assert.Equal(2024, result.Document.Year);
        Assert.Equal(new DateTimeOffset(2025, 1, 20, 8, 30, 0, TimeSpan.Zero), result.Document.Revision!.PublishedAt);
    }

    [Fact]
    public void Json_read_and_written_again_is_byte_identical()
    {
        var json = SampleJson();
        var again = ReportJson.Serialize(ReportJson.Parse(json).Document!);
        Assert.Equal(json, again);
    }

    [Fact]
    public void Money_is_written_exactly_and_counts_as_integers()
    {
        var json = SampleJson();
        Assert.Contains("\"fee_amount\": 12.3456", json, StringComparison.Ordinal);
        Assert.Contains("\"natural\": ", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"issued\": 1.0", json, StringComparison.Ordinal);
        var parsed = ReportJson.Parse(json).Data!;
        Assert.Equal(12.3456m, parsed.Get(Format2021.T2, T2.AdminFees, T2.FeeAmount));
    }

    [Fact]
    public void Chinese_text_and_angle_brackets_are_written_as_they_are()
    {
        var json = SampleJson();
        Assert.Contains("\"name\": \"钱店镇\"", json, StringComparison.Ordinal);
        Assert.Contains("<政府信息公开信息处理费管理办法>", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_are_nested_table_row_column_and_blank_cells_are_null()
    {
        var doc = JsonNode.Parse(SampleJson())!;
        Assert.Null(doc["figures"]!["t3"]!["3.2"]!["research"]);
        Assert.True(doc["figures"]!["t3"]!["3.2"]!.AsObject().ContainsKey("research"));
        Assert.Equal(15, doc["figures"]!["t4"]![T4.Row]!.AsObject().Count);
        Assert.Null(doc["prose"]!["s1.2"]);
    }

    [Fact]
    public void Omitted_cells_read_as_blank()
    {
        var result = ParseMutated(d => Figures(d, "t3", "1").Remove("natural"));
        Assert.True(result.Succeeded);
        Assert.Null(result.Data!.Get("t3", "1", "natural"));
    }

    [Fact]
    public void A_document_is_built_from_a_revision_of_a_report()
    {
        var region = new Region("371100", "某县", RegionLevel.County, null);
        var body = new Body("qiandian", "钱店镇", BodyKind.TownshipGovernment, region);
        var now = new DateTimeOffset(2025, 1, 10, 9, 0, 0, TimeSpan.Zero);
        var report = AnnualReport.Start(body, 2024, new Actor("u1", "张三"), now);
        var revision = report.Current;
        revision.Save(new Dictionary<CellRef, decimal?> { [new CellRef("t3", "1", "natural")] = 3 },
            new Dictionary<string, string?> { ["s5"] = "问题：……" }, FigureEntry.DeriveTotals, new Actor("u1", "张三"), now);

        var document = ReportDocument.From(report, revision);
        var json = ReportJson.Serialize(document);
        var back = ReportJson.Parse(json);

        Assert.True(back.Succeeded, string.Join("\n", back.Errors));
        Assert.Equal(3m, back.Data!.Get("t3", "1", "total"));
        Assert.Equal("问题：……", back.Data.ProseOf("s5"));
        Assert.Equal(new ReportDocumentRevision(1, RevisionStatus.Draft, null, null), back.Document!.Revision);
        Assert.Equal("qiandian", back.Document.Body.Code);
    }

    [Fact]
    public void An_unknown_format_version_is_refused() =>
        AssertRefused(ParseMutated(d => d["formatVersion"] = "2018"), "formatVersion", "未知的报告格式版本「2018」（可用：2019、2021）");

    [Fact]
    public void A_year_before_the_format_is_refused() =>
        AssertRefused(ParseMutated(d => d["year"] = 2020), "year", "不适用格式 2021");

    [Fact]
    public void A_2021_format_document_of_a_trial_year_names_the_years_of_the_format() =>
        AssertRefused(ParseMutated(d => d["year"] = 2019), "year", "2019 年的报告不适用格式 2021（该格式适用于 2021 年及以后）");

    [Fact]
    public void Unknown_table_row_column_and_prose_codes_are_refused_each_by_its_path()
    {
        var result = ParseMutated(d =>
        {
            d["figures"]!.AsObject()["t9"] = new JsonObject();
            d["figures"]!["t3"]!.AsObject()["9.9"] = new JsonObject();
            Figures(d, "t3", "3.3.1")["robots"] = 1;
            d["prose"]!.AsObject()["s7"] = "x";
        });
        AssertRefused(result, "figures.t9", "未知的表格代码「t9」");
        AssertRefused(result, "figures.t3[\"9.9\"]", "表三没有代码为「9.9」的行");
        AssertRefused(result, "figures.t3[\"3.3.1\"].robots", "没有代码为「robots」的列");
        AssertRefused(result, "prose.s7", "未知的正文代码「s7」");
        Assert.Equal(4, result.Errors.Count);
    }

    [Fact]
    public void A_group_row_is_refused_because_it_has_no_figures_of_its_own() =>
        AssertRefused(ParseMutated(d => d["figures"]!["t3"]!.AsObject()["3.3"] = new JsonObject { ["natural"] = 1 }),
            "figures.t3[\"3.3\"]", "「（三）不予公开」是分组行");

    [Theory]
    [InlineData("-1", "不能为负数")]
    [InlineData("1.5", "件数必须是整数")]
    [InlineData("2.0", "件数必须是整数")]
    [InlineData("\"12\"", "不能写成字符串「12」")]
    [InlineData("\"/\"", "不能写成字符串「/」")]
    [InlineData("true", "应为数字")]
    [InlineData("4294967296", "超出允许范围")]
    [InlineData("1e3", "科学计数法")]
    public void A_count_that_is_not_a_whole_number_in_range_is_refused_naming_the_cell(string value, string fragment)
    {
        var result = ParseMutated(d => Figures(d, "t3", "3.3.1")["natural"] = JsonNode.Parse(value));
        AssertRefused(result, "figures.t3[\"3.3.1\"].natural", fragment);
        Assert.Contains("表三 （三）1 自然人", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12.3456789", "最多保留6位小数")]
    [InlineData("0.0000001", "最多保留6位小数")]
    [InlineData("0.000000000000000000000000000001", "最多保留6位小数")]
    [InlineData("-0.5", "不能为负数")]
    public void A_fee_with_too_many_decimals_or_below_zero_is_refused(string value, string fragment) =>
        AssertRefused(ParseMutated(d => Figures(d, "t2", T2.AdminFees)[T2.FeeAmount] = JsonNode.Parse(value)),
            "figures.t2.admin_fees.fee_amount", fragment);

    [Fact]
    public void A_fee_to_the_fen_keeps_its_six_decimals_both_ways()
    {
        var json = SampleJson().Replace("\"fee_amount\": 12.3456", "\"fee_amount\": 12.345678", StringComparison.Ordinal);
        var read = ReportJson.Parse(json);
        Assert.Equal(12.345678m, read.Data!.Get("t2", T2.AdminFees, T2.FeeAmount));
        Assert.Contains("\"fee_amount\": 12.345678\n", ReportJson.Serialize(read.Document!), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fee_with_trailing_zeros_beyond_four_decimals_is_the_same_amount()
    {
        var json = SampleJson().Replace("\"fee_amount\": 12.3456", "\"fee_amount\": 12.345600", StringComparison.Ordinal);
        Assert.Equal(12.3456m, ReportJson.Parse(json).Data!.Get("t2", T2.AdminFees, T2.FeeAmount));
    }

    [Fact]
    public void Malformed_json_is_refused_with_its_line_and_character()
    {
        var json = "{\n  \"formatVersion\": \"2021\",\n  \"body\": { \"name\": \"钱店镇\" \"year\": 2024 }\n}";
        var result = ReportJson.Parse(json);
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("不是有效的 JSON 文档：第 3 行第 27 个字符附近有语法错误", error.Message);
    }

    [Fact]
    public void Missing_required_fields_are_refused_each_by_name()
    {
        var result = ReportJson.Parse("{\"formatVersion\": \"2021\", \"body\": {}}");
        AssertRefused(result, "year", "缺少必填字段「year」");
        AssertRefused(result, "figures", "缺少必填字段「figures」");
        AssertRefused(result, "prose", "缺少必填字段「prose」");
        AssertRefused(result, "body.name", "缺少必填字段「name」");
    }

    [Fact]
    public void Unknown_and_duplicate_fields_are_refused()
    {
        AssertRefused(ParseMutated(d => d["extra"] = 1), "extra", "未知字段「extra」");
        var json = SampleJson().Replace("\"year\": 2024,", "\"year\": 2024,\n  \"year\": 2023,", StringComparison.Ordinal);
        AssertRefused(ReportJson.Parse(json), "year", "重复出现");
    }

    [Fact]
    public void Nothing_of_a_document_with_one_bad_cell_is_returned()
    {
        var result = ParseMutated(d => Figures(d, "t4", T4.Row)["review.total"] = -3);
        Assert.False(result.Succeeded);
        Assert.Null(result.Document);
        Assert.Null(result.Data);
        Assert.Single(result.Errors);
    }
}
