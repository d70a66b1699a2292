using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DisclosurePortal.Data.Migrations
{
    /// <summary>
    /// Amounts in 万元 are kept to 6 decimals (1 分 = 0.000001 万元), as real reports print fees; counts may be negative
    /// only in a signed column, the 2019 trial format's 本年增/减.
    /// </summary>
    public partial class FeesToTheFenAndSignedChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_report_revisions_amounts",
                table: "report_revisions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_report_revisions_counts",
                table: "report_revisions");

            migrationBuilder.AddCheckConstraint(
                name: "ck_report_revisions_amounts",
                table: "report_revisions",
                sql: "jsonb_typeof(amounts) = 'object' AND NOT jsonb_path_exists(amounts, '$.* ? (@.type() != \"number\" || @ < 0 || (@ * 1000000) % 1 != 0)')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_report_revisions_counts",
                table: "report_revisions",
                sql: "jsonb_typeof(counts) = 'object' AND NOT jsonb_path_exists(counts, '$.keyvalue() ? (@.value.type() != \"number\" || @.value.floor() != @.value || @.value > 2147483647 || @.value < -2147483647 || (@.value < 0 && !(@.key like_regex \"/(items_change)$\")))')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_report_revisions_amounts",
                table: "report_revisions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_report_revisions_counts",
                table: "report_revisions");

            migrationBuilder.AddCheckConstraint(
                name: "ck_report_revisions_amounts",
                table: "report_revisions",
                sql: "jsonb_typeof(amounts) = 'object' AND NOT jsonb_path_exists(amounts, '$.* ? (@.type() != \"number\" || @ < 0 || (@ * 10000) % 1 != 0)')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_report_revisions_counts",
                table: "report_revisions",
                sql: "jsonb_typeof(counts) = 'object' AND NOT jsonb_path_exists(counts, '$.* ? (@.type() != \"number\" || @ < 0 || @ > 2147483647 || @.floor() != @)')");
        }
    }
}
