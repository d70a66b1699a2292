using DisclosurePortal.Domain.Importing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DisclosurePortal.Data.Configurations;

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.ToTable("import_batches");
        builder.HasOne<Domain.Regions.Region>().WithMany().HasForeignKey(b => b.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(b => b.CreatedById).HasMaxLength(100);
        builder.Property(b => b.CreatedByName).HasMaxLength(100);
        builder.HasMany(b => b.Files).WithOne().HasForeignKey(f => f.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(b => b.Files).HasField("_files").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(b => b.RegionId);
    }
}

internal sealed class ImportFileConfiguration : IEntityTypeConfiguration<ImportFile>
{
    public void Configure(EntityTypeBuilder<ImportFile> builder)
    {
        builder.ToTable("import_files");
        builder.HasIndex(f => new { f.BatchId, f.Position }).IsUnique();
        // The background reader takes the waiting files in order.
        builder.HasIndex(f => f.State).HasFilter("state = 'Waiting'");
        builder.Property(f => f.Name).HasMaxLength(Domain.Importing.BatchUnpacker.MaxNameLength);
        builder.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(f => f.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.ReadBodyName).HasMaxLength(Domain.Regions.Body.MaxNameLength);
        builder.Property(f => f.ReportJson).HasColumnType("text");
        builder.HasOne<Domain.Regions.Body>().WithMany().HasForeignKey(f => f.BodyId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(f => f.CanAccept);
    }
}
