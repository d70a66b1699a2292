using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DisclosurePortal.Data.Migrations
{
    /// <summary>
    /// A published revision keeps the body's name and kind it was published under, and its verification code.
    /// Revisions published before are given their body's current name and kind (the best record there is); their
    /// codes are computed in C# after migrating (PublishedBackfill). The view is redefined to carry the new columns.
    /// </summary>
    public partial class PublishedBodyAndCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "published_body_kind",
                table: "report_revisions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "published_body_name",
                table: "report_revisions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "verification_code",
                table: "report_revisions",
                type: "character varying(9)",
                maxLength: 9,
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE report_revisions v SET published_body_name = b.name, published_body_kind = b.kind
                FROM annual_reports a JOIN bodies b ON b.id = a.body_id
                WHERE a.id = v.report_id AND v.status = 'Published';
                """);

            migrationBuilder.Sql(ViewSql("CREATE OR REPLACE VIEW"));

            migrationBuilder.AddCheckConstraint(
                name: "ck_report_revisions_published_body",
                table: "report_revisions",
                sql: "(status = 'Published') = (published_body_name IS NOT NULL AND published_body_kind IS NOT NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_report_revisions_published_body",
                table: "report_revisions");

            // The view names every column of the table, so it goes before the columns and comes back without them.
            migrationBuilder.Sql("DROP VIEW current_published_revisions;");

            migrationBuilder.DropColumn(
                name: "published_body_kind",
                table: "report_revisions");

            migrationBuilder.DropColumn(
                name: "published_body_name",
                table: "report_revisions");

            migrationBuilder.DropColumn(
                name: "verification_code",
                table: "report_revisions");

            migrationBuilder.Sql(ViewSql("CREATE VIEW"));
        }

        // As in CurrentPublishedRevisions: v.* is expanded when the view is made, so new columns need it made again.
        private static string ViewSql(string create) =>
            CurrentPublishedRevisions.CreateView.Replace("CREATE VIEW", create, StringComparison.Ordinal);
    }
}
