using DisclosurePortal.Domain.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DisclosurePortal.Data.Configurations;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.Property(r => r.Code).HasMaxLength(40);
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.HasIndex(r => r.Code).IsUnique();
        builder.HasOne(r => r.Parent).WithMany().HasForeignKey(r => r.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BodyConfiguration : IEntityTypeConfiguration<Body>
{
    public void Configure(EntityTypeBuilder<Body> builder)
    {
        builder.Property(b => b.Code).HasMaxLength(60);
        builder.Property(b => b.Name).HasMaxLength(Body.MaxNameLength);
        builder.HasIndex(b => b.Code).IsUnique();
        builder.HasIndex(b => b.RegionId);
        // Body search matches any part of a name (「东湖」 finds 东湖县教育局) through ix_bodies_name_bigrams and
        // ix_regions_name_bigrams, indexes on an expression EF cannot model: created in SQL by the migrations (see BodySearch).
        builder.HasOne(b => b.Region).WithMany().HasForeignKey(b => b.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}
