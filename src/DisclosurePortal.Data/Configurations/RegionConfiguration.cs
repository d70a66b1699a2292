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
        builder.Property(b => b.Name).HasMaxLength(200);
        builder.HasIndex(b => b.Code).IsUnique();
        builder.HasIndex(b => b.RegionId);
        // Body search matches any part of a name (「教育」 finds 缙云县教育局): a trigram index serves ILIKE '%…%'
        // (pg_trgm, in Debian's postgresql package and the postgres image; trusted, so the owner may create it).
        builder.HasIndex(b => b.Name, "ix_bodies_name_trgm").HasDatabaseName("ix_bodies_name_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasOne(b => b.Region).WithMany().HasForeignKey(b => b.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}
