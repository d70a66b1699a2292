using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DisclosurePortal.Data.Migrations
{
    /// <summary>
    /// Body search also matches the names of a body's region and parent region (Queries/BodySearch.cs): the index of
    /// their character pairs finds those few regions without testing every region's name.
    /// </summary>
    public partial class RegionNameBigrams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_regions_name_bigrams ON regions USING gin (portal_bigrams(lower(name)));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_regions_name_bigrams;");
        }
    }
}
