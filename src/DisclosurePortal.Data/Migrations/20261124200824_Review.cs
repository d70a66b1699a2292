using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DisclosurePortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Review : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "review_comments",
                table: "report_revisions",
                type: "jsonb",
                nullable: false,
                // Existing revisions have no review comments: an empty jsonb object, not an empty string.
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "scheduled_by_id",
                table: "report_revisions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "scheduled_for",
                table: "report_revisions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "region_deadlines",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    region_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    group = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    due = table.Column<DateOnly>(type: "date", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_region_deadlines", x => x.id);
                    table.ForeignKey(
                        name: "fk_region_deadlines_regions_region_id",
                        column: x => x.region_id,
                        principalTable: "regions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_report_revisions_scheduled",
                table: "report_revisions",
                sql: "(status = 'Scheduled') = (scheduled_for IS NOT NULL)");

            migrationBuilder.CreateIndex(
                name: "ix_region_deadlines_region_id_year_group",
                table: "region_deadlines",
                columns: new[] { "region_id", "year", "group" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "region_deadlines");

            migrationBuilder.DropCheckConstraint(
                name: "ck_report_revisions_scheduled",
                table: "report_revisions");

            migrationBuilder.DropColumn(
                name: "review_comments",
                table: "report_revisions");

            migrationBuilder.DropColumn(
                name: "scheduled_by_id",
                table: "report_revisions");

            migrationBuilder.DropColumn(
                name: "scheduled_for",
                table: "report_revisions");
        }
    }
}
