using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DisclosurePortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class HistoryImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "origin",
                table: "report_revisions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Entered");

            migrationBuilder.AddColumn<DateOnly>(
                name: "originally_published_on",
                table: "report_revisions",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "report_sources",
                columns: table => new
                {
                    revision_id = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    length = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_sources", x => x.revision_id);
                    table.CheckConstraint("ck_report_sources_length", "length = octet_length(content)");
                    table.CheckConstraint("ck_report_sources_sha256", "sha256 ~ '^[0-9a-f]{64}$'");
                    table.ForeignKey(
                        name: "fk_report_sources_report_revisions_revision_id",
                        column: x => x.revision_id,
                        principalTable: "report_revisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_report_revisions_origin",
                table: "report_revisions",
                sql: "origin = 'Entered' OR status = 'Published'");

            // v.* is expanded when the view is made (CurrentPublishedRevisions): made again to hold the new columns.
            migrationBuilder.Sql("DROP VIEW current_published_revisions;");
            migrationBuilder.Sql(CurrentPublishedRevisions.CreateView);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW current_published_revisions;");

            migrationBuilder.DropTable(
                name: "report_sources");

            migrationBuilder.DropCheckConstraint(
                name: "ck_report_revisions_origin",
                table: "report_revisions");

            migrationBuilder.DropColumn(
                name: "origin",
                table: "report_revisions");

            migrationBuilder.DropColumn(
                name: "originally_published_on",
                table: "report_revisions");

            migrationBuilder.Sql(CurrentPublishedRevisions.CreateView);
        }
    }
}
