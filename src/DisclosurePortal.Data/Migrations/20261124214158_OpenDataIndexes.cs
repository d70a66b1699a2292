using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DisclosurePortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class OpenDataIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_report_revisions_published",
                table: "report_revisions",
                columns: new[] { "report_id", "number" },
                descending: new[] { false, true },
                filter: "status = 'Published'");

            // Body search by any part of a name (Queries/BodySearch.cs). Chinese names have no word boundaries and
            // most searches are two characters (「东湖」「教育」), which pg_trgm's trigrams cannot serve; an index of the
            // name's character pairs can: every pair of the search term must be among the name's pairs.
            migrationBuilder.Sql("""
                CREATE FUNCTION portal_bigrams(text) RETURNS text[]
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                RETURN ARRAY(SELECT DISTINCT substr($1, i, 2) FROM generate_series(1, char_length($1) - 1) AS i);
                """);
            migrationBuilder.Sql("CREATE INDEX ix_bodies_name_bigrams ON bodies USING gin (portal_bigrams(name));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_bodies_name_bigrams;");
            migrationBuilder.Sql("DROP FUNCTION portal_bigrams(text);");
            migrationBuilder.DropIndex(
                name: "ix_report_revisions_published",
                table: "report_revisions");
        }
    }
}
