using DisclosurePortal.Data.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DisclosurePortal.Data.Configurations;

internal sealed class ReportSourceConfiguration : IEntityTypeConfiguration<ReportSource>
{
    public void Configure(EntityTypeBuilder<ReportSource> builder)
    {
        builder.ToTable("report_sources", t =>
        {
            t.HasCheckConstraint("ck_report_sources_sha256", "sha256 ~ '^[0-9a-f]{64}$'");
            t.HasCheckConstraint("ck_report_sources_length", "length = octet_length(content)");
        });
        builder.HasKey(s => s.RevisionId);
        builder.HasOne(s => s.Revision).WithOne().HasForeignKey<ReportSource>(s => s.RevisionId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(s => s.FileName).HasMaxLength(200);
        builder.Property(s => s.ContentType).HasMaxLength(100);
    }
}
