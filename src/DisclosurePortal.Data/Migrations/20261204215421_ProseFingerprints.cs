using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DisclosurePortal.Data.Migrations
{
    /// <summary>
    /// The prose fingerprint of each published revision, for TEXT-COPIED across the portal. The view of published
    /// revisions is made again so that it has the new column; `--migrate` fills the fingerprints of revisions
    /// published before.
    /// </summary>
    public partial class ProseFingerprints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long[]>(
                name: "prose_bands",
                table: "report_revisions",
                type: "bigint[]",
                nullable: false,
                defaultValue: new long[0]);

            migrationBuilder.CreateIndex(
                name: "ix_report_revisions_prose_bands",
                table: "report_revisions",
                column: "prose_bands")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.Sql("DROP VIEW current_published_revisions;");
            migrationBuilder.Sql(CurrentPublishedRevisions.CreateView);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW current_published_revisions;");
            migrationBuilder.DropIndex(
                name: "ix_report_revisions_prose_bands",
                table: "report_revisions");

            migrationBuilder.DropColumn(
                name: "prose_bands",
                table: "report_revisions");

            migrationBuilder.Sql(CurrentPublishedRevisions.CreateView);
        }
    }
}
