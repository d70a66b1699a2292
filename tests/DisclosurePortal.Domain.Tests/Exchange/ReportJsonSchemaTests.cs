using System.Text.Json.Nodes;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;

namespace DisclosurePortal.Domain.Tests.Exchange;

public class ReportJsonSchemaTests
{
    private static string SchemaPath => Path.Combine(TestData.RepositoryRoot(), "docs", "report-json.schema.json");

    [Fact]
    public void The_committed_schema_is_what_the_generator_produces_from_the_format()
    {
        var generated = ReportJsonSchema.Generate(Format2021.Definition);
        // Regenerate after a format change with: UPDATE_REPORT_SCHEMA=1 dotnet test tests/DisclosurePortal.Domain.Tests
        if (Environment.GetEnvironmentVariable("UPDATE_REPORT_SCHEMA") == "1") File.WriteAllText(SchemaPath, generated);
        Assert.Equal(generated, File.ReadAllText(SchemaPath));
    }

    [Fact]
    public void The_schema_enumerates_every_cell_of_the_format_with_its_kind()
    {
        var schema = JsonNode.Parse(ReportJsonSchema.Generate(Format2021.Definition))!;
        var tables = schema["properties"]!["figures"]!["properties"]!;
        foreach (var cell in Format2021.Definition.Cells)
        {
            var column = tables[cell.Ref.Table]!["properties"]![cell.Ref.Row]!["properties"]![cell.Ref.Column];
            Assert.NotNull(column);
            Assert.Equal(cell.Kind == ValueKind.Money ? "#/$defs/money" : "#/$defs/count", (string?)column["$ref"]);
        }
        var cellCount = tables.AsObject().Sum(t => t.Value!["properties"]!.AsObject()
            .Sum(r => r.Value!["properties"]!.AsObject().Count));
        Assert.Equal(Format2021.Definition.Cells.Count, cellCount);
        Assert.Equal("2021", (string?)schema["properties"]!["formatVersion"]!["const"]);
    }
}
