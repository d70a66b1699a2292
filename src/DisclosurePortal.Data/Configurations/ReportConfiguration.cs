using System.Text.Json;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DisclosurePortal.Data.Configurations;

internal sealed class AnnualReportConfiguration : IEntityTypeConfiguration<AnnualReport>
{
    public void Configure(EntityTypeBuilder<AnnualReport> builder)
    {
        builder.ToTable("annual_reports", t =>
            t.HasCheckConstraint("ck_annual_reports_year", "year BETWEEN 2008 AND 2200"));
        // One report per body and year (条例 art. 49: each body publishes one annual report).
        builder.HasIndex(r => new { r.BodyId, r.Year }).IsUnique();
        builder.HasOne(r => r.Body).WithMany().HasForeignKey(r => r.BodyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Revisions).WithOne(v => v.Report).HasForeignKey(v => v.ReportId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(r => r.Revisions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ReportRevisionConfiguration : IEntityTypeConfiguration<ReportRevision>
{
    public void Configure(EntityTypeBuilder<ReportRevision> builder)
    {
        builder.ToTable("report_revisions", t =>
        {
            // Counts are whole numbers up to 2^31−1, negative only in a signed column (the 2019 format's 本年增/减,
            // known by its column code at the key's end); amounts (万元) are ≥ 0 with at most 6 decimals (the 分).
            // The domain refuses such values first; these constraints keep any other writer honest.
            // Not "(@ * 1000000).floor()": PostgreSQL prints that jsonpath without its parentheses, so pg_dump
            // wrote a constraint that pg_restore refused (BackupRestoreTests); "% 1" prints back as written.
            t.HasCheckConstraint("ck_report_revisions_counts",
                "jsonb_typeof(counts) = 'object' AND NOT jsonb_path_exists(counts, " +
                "'$.keyvalue() ? (@.value.type() != \"number\" || @.value.floor() != @.value || @.value > 2147483647 " +
                $"|| @.value < -2147483647 || (@.value < 0 && !(@.key like_regex \"/({SignedColumns})$\")))')");
            t.HasCheckConstraint("ck_report_revisions_amounts",
                "jsonb_typeof(amounts) = 'object' AND NOT jsonb_path_exists(amounts, " +
                "'$.* ? (@.type() != \"number\" || @ < 0 || (@ * 1000000) % 1 != 0)')");
            t.HasCheckConstraint("ck_report_revisions_number", "number >= 1");
            // A correction must say why (更正说明); a first revision has none.
            t.HasCheckConstraint("ck_report_revisions_correction_note",
                "(number = 1) = (correction_note IS NULL)");
            // A scheduled publication has its time, and only while it is scheduled (ScheduledPublication).
            t.HasCheckConstraint("ck_report_revisions_scheduled",
                "(status = 'Scheduled') = (scheduled_for IS NOT NULL)");
            // A published revision keeps the body's name and kind it was published under, and only it has them.
            // Only a published revision can have been imported as history.
            t.HasCheckConstraint("ck_report_revisions_origin", "origin = 'Entered' OR status = 'Published'");
            t.HasCheckConstraint("ck_report_revisions_published_body",
                "(status = 'Published') = (published_body_name IS NOT NULL AND published_body_kind IS NOT NULL)");
        });
        builder.HasIndex(v => new { v.ReportId, v.Number }).IsUnique();
        builder.HasIndex(v => v.Status);
        // The public version of a report is its latest published revision; every public listing looks it up.
        builder.HasIndex(v => new { v.ReportId, v.Number }, "ix_report_revisions_published")
            .HasDatabaseName("ix_report_revisions_published").IsDescending(false, true).HasFilter("status = 'Published'");
        // TEXT-COPIED finds published prose by its fingerprint's bands through the table prose_bands, which a trigger
        // keeps equal to this column (migration ProseFingerprints).
        builder.Property(v => v.FormatVersion).HasMaxLength(20);
        builder.Property(v => v.CreatedBy).HasMaxLength(100);
        builder.Property(v => v.UpdatedBy).HasMaxLength(100);
        builder.Property(v => v.SubmittedById).HasMaxLength(100);
        builder.Property(v => v.PublishedById).HasMaxLength(100);
        builder.Property(v => v.ScheduledById).HasMaxLength(100);
        builder.Property(v => v.PublishedBodyName).HasMaxLength(Body.MaxNameLength);
        builder.Property(v => v.VerificationCode).HasMaxLength(9);
        // PostgreSQL's xmin: a save based on a stale read fails with DbUpdateConcurrencyException.
        builder.Property(v => v.Version).IsRowVersion();

        Json(builder.Property<Dictionary<string, decimal>>("_counts").HasColumnName("counts"));
        Json(builder.Property<Dictionary<string, decimal>>("_amounts").HasColumnName("amounts"));
        Json(builder.Property<Dictionary<string, string>>("_prose").HasColumnName("prose"));
        Json(builder.Property<Dictionary<string, string>>("_explanations").HasColumnName("explanations"));
        Json(builder.Property<Dictionary<string, string>>("_reviewComments").HasColumnName("review_comments"));

        builder.Ignore(v => v.Figures);
        builder.Ignore(v => v.Prose);
        builder.Ignore(v => v.Explanations);
        builder.Ignore(v => v.ReviewComments);
        builder.Ignore(v => v.Format);
        builder.Ignore(v => v.IsCorrection);
        builder.Ignore(v => v.BodyName);
        builder.Ignore(v => v.BodyKind);
        builder.Ignore(v => v.IsImported);
        builder.HasMany(v => v.History).WithOne().HasForeignKey("RevisionId").OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(v => v.History).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    internal const string Lz4 = "lz4";

    /// <summary>The codes of the columns whose counts may be negative, in every registered format ("items_change").</summary>
    private static string SignedColumns => string.Join('|', ReportFormats.All.SelectMany(f => f.Cells)
        .Where(c => c.Kind == ValueKind.SignedCount).Select(c => c.Column.Code).Distinct().Order(StringComparer.Ordinal));

    private static void Json<T>(PropertyBuilder<Dictionary<string, T>> property)
    {
        // lz4 rather than pglz for the large jsonb values; Debian's server and the postgres image have it.
        property.HasColumnType("jsonb").IsRequired().UseCompressionMethod(Lz4)
            .HasConversion(new ValueConverter<Dictionary<string, T>, string>(
                    v => JsonSerializer.Serialize(v, JsonOptions),
                    s => JsonSerializer.Deserialize<Dictionary<string, T>>(s, JsonOptions) ?? new()),
                // The snapshot is the dictionary itself: ReportRevision replaces a dictionary on every change and
                // never edits one in place, so EF's original value stays what was loaded.
                new ValueComparer<Dictionary<string, T>>(
                    (a, b) => SameEntries(a, b),
                    v => v.Count,
                    v => v));
    }

    private static bool SameEntries<T>(Dictionary<string, T>? a, Dictionary<string, T>? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null || a.Count != b.Count) return false;
        foreach (var (key, value) in a)
            if (!b.TryGetValue(key, out var other) || !EqualityComparer<T>.Default.Equals(value, other)) return false;
        return true;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}

internal sealed class RevisionEventConfiguration : IEntityTypeConfiguration<RevisionEvent>
{
    public void Configure(EntityTypeBuilder<RevisionEvent> builder)
    {
        builder.ToTable("revision_events");
        builder.Property(e => e.ActorId).HasMaxLength(100);
        builder.Property(e => e.ActorName).HasMaxLength(100);
        builder.Property(e => e.Ip).HasMaxLength(45);
        builder.Ignore(e => e.ChangeLines);
        // A save's audit line lists every changed cell (a few KB): compressed with lz4, as the revision's content.
        builder.Property(e => e.Changes).UseCompressionMethod(ReportRevisionConfiguration.Lz4);
        builder.HasIndex("RevisionId");
    }
}

internal sealed class RegionDeadlineConfiguration : IEntityTypeConfiguration<RegionDeadline>
{
    public void Configure(EntityTypeBuilder<RegionDeadline> builder)
    {
        builder.ToTable("region_deadlines");
        // One date per region, year and group of bodies; the nearest region up the tree wins (Deadlines.For).
        builder.HasIndex(d => new { d.RegionId, d.Year, d.Group }).IsUnique();
        builder.HasOne<DisclosurePortal.Domain.Regions.Region>().WithMany().HasForeignKey(d => d.RegionId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.UpdatedBy).HasMaxLength(100);
    }
}
