using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DisclosurePortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditDetail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "changes",
                table: "revision_events",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ip",
                table: "revision_events",
                type: "character varying(45)",
                maxLength: 45,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "changes",
                table: "revision_events");

            migrationBuilder.DropColumn(
                name: "ip",
                table: "revision_events");
        }
    }
}
