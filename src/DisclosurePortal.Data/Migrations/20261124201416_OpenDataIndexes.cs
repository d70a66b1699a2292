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
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_report_revisions_published",
                table: "report_revisions",
                columns: new[] { "report_id", "number" },
                descending: new[] { false, true },
                filter: "status = 'Published'");

            migrationBuilder.CreateIndex(
                name: "ix_bodies_name_trgm",
                table: "bodies",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_report_revisions_published",
                table: "report_revisions");

            migrationBuilder.DropIndex(
                name: "ix_bodies_name_trgm",
                table: "bodies");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
