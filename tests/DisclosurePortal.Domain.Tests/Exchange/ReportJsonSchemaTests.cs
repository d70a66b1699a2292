using System.Text.Json.Nodes;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;

namespace DisclosurePortal.Domain.Tests.Exchange;

public class ReportJsonSchemaTests
{
    /// <summary>The committed schema of each format: the 2021 one keeps its original name.</summary>
    public static string SchemaPath(string version) => Path.Combine(TestData.RepositoryRoot(), "docs",
        version == Format2021.Version ? "report-json.schema.json" : $"report-json-{version}.schema.json");

    public static TheoryData<string> Versions => [.. ReportFormats.All.Select(f => f.Version)];

    [Theory]
    [MemberData(nameof(Versions))]
    public void The_committed_schema_is_what_the_generator_produces_from_the_format(string version)
    {
        var generated = ReportJsonSchema.Generate(ReportFormats.Get(version));
        // Regenerate after a format change with: UPDATE_REPORT_SCHEMA=1 dotnet test tests/DisclosurePortal.Domain.Tests
        if (Environment.GetEnvironmentVariable("UPDATE_REPORT_SCHEMA") == "1") File.WriteAllText(SchemaPath(version), generated);
        Assert.Equal(generated, File.ReadAllText(SchemaPath(version)));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void The_schema_enumerates_every_cell_of_the_format_with_its_kind(string version)
    {
        var format = ReportFormats.Get(version);
        var schema = JsonNode.Parse(ReportJsonSchema.Generate(format))!;
        var tables = schema["properties"]!["figures"]!["properties"]!;
        foreach (var cell in format.Cells)
        {
            var column = tables[cell.Ref.Table]!["properties"]![cell.Ref.Row]!["properties"]![cell.Ref.Column];
            Assert.NotNull(column);
            var expected = cell.Kind switch
            {
                ValueKind.Money => "#/$defs/money",
                ValueKind.SignedCount => "#/$defs/signedCount",
                _ => "#/$defs/count",
            };
            Assert.Equal(expected, (string?)column["$ref"]);
        }
        var cellCount = tables.AsObject().Sum(t => t.Value!["properties"]!.AsObject()
            .Sum(r => r.Value!["properties"]!.AsObject().Count));
        Assert.Equal(format.Cells.Count, cellCount);
        Assert.Equal(version, (string?)schema["properties"]!["formatVersion"]!["const"]);
    }

    [Fact]
    public void The_2019_schema_allows_a_negative_change_and_limits_its_years_to_2019_and_2020()
    {
        var schema = JsonNode.Parse(ReportJsonSchema.Generate(Format2019.Definition))!;
        Assert.Equal(-int.MaxValue, (int)schema["$defs"]!["signedCount"]!["minimum"]!);
        Assert.Equal(2019, (int)schema["properties"]!["year"]!["minimum"]!);
        Assert.Equal(2020, (int)schema["properties"]!["year"]!["maximum"]!);
        Assert.Equal(0.000001m, (decimal)schema["$defs"]!["money"]!["multipleOf"]!);
    }
}
