using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DisclosurePortal.Data.Migrations
{
    /// <summary>
    /// Body search matches letters in either case (Queries/BodySearch.cs): the index of a name's character pairs is
    /// built over the lower-cased name, so that the search's lower-cased words can use it.
    /// </summary>
    public partial class BodySearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_bodies_name_bigrams;");
            migrationBuilder.Sql("CREATE INDEX ix_bodies_name_bigrams ON bodies USING gin (portal_bigrams(lower(name)));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_bodies_name_bigrams;");
            migrationBuilder.Sql("CREATE INDEX ix_bodies_name_bigrams ON bodies USING gin (portal_bigrams(name));");
        }
    }
}
