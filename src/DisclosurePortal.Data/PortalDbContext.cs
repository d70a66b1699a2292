using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data;

/// <summary>
/// The portal's database: regions, bodies, annual reports and their revisions, and the accounts (ASP.NET Core
/// Identity's tables, asp_net_users etc.) with the admin audit log, in PostgreSQL.
/// </summary>
/// <remarks>
/// Migrations are committed and applied explicitly (never EnsureCreated). To add one:
/// <c>dotnet ef migrations add NAME --project src/DisclosurePortal.Data --startup-project src/DisclosurePortal.Data --output-dir Migrations</c>
/// (design time uses <see cref="DesignTimeFactory"/>; no database is needed to add a migration).
/// </remarks>
public class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Body> Bodies => Set<Body>();
    public DbSet<AnnualReport> Reports => Set<AnnualReport>();
    public DbSet<ReportRevision> Revisions => Set<ReportRevision>();
    public DbSet<RevisionEvent> RevisionEvents => Set<RevisionEvent>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<PortalSession> Sessions => Set<PortalSession>();
    public DbSet<RegionDeadline> RegionDeadlines => Set<RegionDeadline>();
    public DbSet<Publishing.PublishedPdf> PublishedPdfs => Set<Publishing.PublishedPdf>();
    public DbSet<Publishing.ReportSource> ReportSources => Set<Publishing.ReportSource>();
    public DbSet<Domain.Importing.ImportBatch> ImportBatches => Set<Domain.Importing.ImportBatch>();
    public DbSet<Domain.Importing.ImportFile> ImportFiles => Set<Domain.Importing.ImportFile>();

    /// <summary>
    /// ASP.NET Core's Data Protection key ring (cookies, antiforgery tokens), shared by every instance of the
    /// portal so that a request signed on one is accepted by the others.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Adds a new entity and the audit line that names its id (known only after the first save), in one
    /// transaction: no region, body or import batch exists without its audit line.
    /// </summary>
    public async Task AddAuditedAsync<T>(T entity, Func<T, AuditEntry> audit, CancellationToken ct) where T : class
    {
        await using var tx = await Database.BeginTransactionAsync(ct);
        Add(entity);
        await SaveChangesAsync(ct);
        AuditLog.Add(audit(entity));
        await SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Identity names its tables explicitly (AspNetUsers …), which the snake_case convention leaves alone.
        builder.Entity<PortalUser>().ToTable("asp_net_users");
        builder.Entity<IdentityRole>().ToTable("asp_net_roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("asp_net_user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("asp_net_user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("asp_net_user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("asp_net_user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("asp_net_role_claims");
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their names: readable in SQL and stable when members are reordered.
        configurationBuilder.Properties<RegionLevel>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<BodyKind>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<RevisionStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<RevisionAction>().HaveConversion<string>().HaveMaxLength(30);
        configurationBuilder.Properties<RevisionOrigin>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<DeadlineGroup>().HaveConversion<string>().HaveMaxLength(20);
    }
}

public static class DbUpdateExceptions
{
    /// <summary>A unique index refused the row: the same thing was created by another request first.</summary>
    public static bool IsUniqueViolation(this DbUpdateException ex) =>
        ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };
}

/// <summary>The one place that configures Npgsql for this context (app, tests, tools).</summary>
public static class PortalDb
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithAutoPrepare(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Npgsql prepares the statements a connection runs most, so PostgreSQL plans the entry form's load, rule context
    /// and save once per connection instead of on every save. A connection string that sets Max Auto Prepare itself
    /// (0 behind a transaction-mode pooler, which cannot keep prepared statements) is left as it is.
    /// </summary>
    public static string WithAutoPrepare(string connectionString) =>
        connectionString.Replace(" ", "", StringComparison.Ordinal).Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)
            ? connectionString
            : new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 }.ConnectionString;

    public static PortalDbContext Create(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        Configure(builder, connectionString);
        return new PortalDbContext(builder.Options);
    }
}

/// <summary>Lets <c>dotnet ef</c> build the model without the web host or a running database.</summary>
internal sealed class DesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        PortalDb.Create("Host=127.0.0.1;Database=disclosure_portal_design;Username=postgres");
}
