using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DisclosurePortal.Data.Migrations
{
    /// <summary>
    /// The prose fingerprint of each published revision, for TEXT-COPIED across the portal. The column is what the
    /// domain writes; the table prose_bands holds one row per band and revision, kept equal to the column by a
    /// trigger, because PostgreSQL cannot estimate array overlap on hash values and scanned every revision instead of
    /// using an index, while a band lookup in a B-tree is estimated right and gives the shared-band count to rank by.
    /// The view of published revisions is made again so that it has the new column; `--migrate` fills the
    /// fingerprints of revisions published before.
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

            migrationBuilder.Sql("""
                CREATE TABLE prose_bands (
                    band bigint NOT NULL,
                    revision_id integer NOT NULL REFERENCES report_revisions (id) ON DELETE CASCADE,
                    PRIMARY KEY (band, revision_id));
                CREATE INDEX ix_prose_bands_revision_id ON prose_bands (revision_id);
                CREATE FUNCTION prose_bands_sync() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM prose_bands WHERE revision_id = NEW.id;
                    INSERT INTO prose_bands (band, revision_id) SELECT DISTINCT b, NEW.id FROM unnest(NEW.prose_bands) b;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER prose_bands_sync AFTER INSERT OR UPDATE OF prose_bands ON report_revisions
                    FOR EACH ROW EXECUTE FUNCTION prose_bands_sync();
                """);
            migrationBuilder.Sql("DROP VIEW current_published_revisions;");
            migrationBuilder.Sql(CurrentPublishedRevisions.CreateView);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW current_published_revisions;");
            migrationBuilder.Sql("""
                DROP TRIGGER prose_bands_sync ON report_revisions;
                DROP FUNCTION prose_bands_sync();
                DROP TABLE prose_bands;
                """);

            migrationBuilder.DropColumn(
                name: "prose_bands",
                table: "report_revisions");

            migrationBuilder.Sql(CurrentPublishedRevisions.CreateView);
        }
    }
}
