using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DisclosurePortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublishedPdfs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "published_pdfs",
                columns: table => new
                {
                    revision_id = table.Column<int>(type: "integer", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    length = table.Column<int>(type: "integer", nullable: false),
                    rendered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_published_pdfs", x => x.revision_id);
                    table.CheckConstraint("ck_published_pdfs_length", "length = octet_length(content)");
                    table.CheckConstraint("ck_published_pdfs_sha256", "sha256 ~ '^[0-9a-f]{64}$'");
                    table.ForeignKey(
                        name: "fk_published_pdfs_revisions_revision_id",
                        column: x => x.revision_id,
                        principalTable: "report_revisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });
            // PDFs are already compressed: TOAST would try pglz on every ~150 KB file and gain nothing.
            migrationBuilder.Sql("ALTER TABLE published_pdfs ALTER COLUMN content SET STORAGE EXTERNAL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "published_pdfs");
        }
    }
}
