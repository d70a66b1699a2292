namespace DisclosurePortal.Data.DemoData;

/// <summary>Loads the demo region tree and reports into an empty database.</summary>
public static class DemoSeeder
{
    public static Task<bool> SeedIfEmptyAsync(PortalDbContext db, DateTimeOffset now)
    {
        _ = db; _ = now;
        return Task.FromResult(false);
    }
}
