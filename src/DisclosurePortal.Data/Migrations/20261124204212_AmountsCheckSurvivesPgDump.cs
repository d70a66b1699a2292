using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DisclosurePortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class AmountsCheckSurvivesPgDump : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_report_revisions_amounts",
                table: "report_revisions");

            migrationBuilder.AddCheckConstraint(
                name: "ck_report_revisions_amounts",
                table: "report_revisions",
                sql: "jsonb_typeof(amounts) = 'object' AND NOT jsonb_path_exists(amounts, '$.* ? (@.type() != \"number\" || @ < 0 || (@ * 10000) % 1 != 0)')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_report_revisions_amounts",
                table: "report_revisions");

            migrationBuilder.AddCheckConstraint(
                name: "ck_report_revisions_amounts",
                table: "report_revisions",
                sql: "jsonb_typeof(amounts) = 'object' AND NOT jsonb_path_exists(amounts, '$.* ? (@.type() != \"number\" || @ < 0 || (@ * 10000).floor() != @ * 10000)')");
        }
    }
}
