using DisclosurePortal.Data.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DisclosurePortal.Data.Configurations;

internal sealed class PublishedPdfConfiguration : IEntityTypeConfiguration<PublishedPdf>
{
    public void Configure(EntityTypeBuilder<PublishedPdf> builder)
    {
        builder.ToTable("published_pdfs", t =>
        {
            t.HasCheckConstraint("ck_published_pdfs_sha256", "sha256 ~ '^[0-9a-f]{64}$'");
            t.HasCheckConstraint("ck_published_pdfs_length", "length = octet_length(content)");
        });
        builder.HasKey(p => p.RevisionId);
        // A revision's PDF lives and dies with it; revisions are never deleted (a correction supersedes).
        builder.HasOne(p => p.Revision).WithOne().HasForeignKey<PublishedPdf>(p => p.RevisionId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Sha256).HasMaxLength(64).IsFixedLength();
    }
}
