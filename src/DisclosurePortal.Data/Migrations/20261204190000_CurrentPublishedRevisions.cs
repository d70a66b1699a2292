using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DisclosurePortal.Data.Migrations
{
    /// <summary>
    /// The public version of a report (Queries/Published.cs): its published revision with the highest number. xmin
    /// is a column of the view because EF maps the revision's concurrency token to it.
    /// </summary>
    public partial class CurrentPublishedRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CreateView);
        }

        /// <summary>
        /// The view's definition. A column added to report_revisions is in the view only once the view is made again
        /// (PostgreSQL expands <c>v.*</c> when the view is created), so later migrations drop and create it again.
        /// </summary>
        internal const string CreateView = """
                CREATE VIEW current_published_revisions AS
                SELECT v.xmin, v.*
                FROM report_revisions v
                WHERE v.status = 'Published'
                  AND NOT EXISTS (
                      SELECT 1 FROM report_revisions later
                      WHERE later.report_id = v.report_id AND later.status = 'Published' AND later.number > v.number);
                """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW current_published_revisions;");
        }
    }
}
