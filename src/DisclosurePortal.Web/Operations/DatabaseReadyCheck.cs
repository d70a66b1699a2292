using DisclosurePortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DisclosurePortal.Web.Operations;

/// <summary>
/// Ready when PostgreSQL answers and every migration this version ships has been applied. Migrations run as an
/// explicit deployment step (<c>--migrate-only</c>), so a new version started before that step stays unready
/// instead of failing on a missing column.
/// </summary>
public sealed class DatabaseReadyCheck(PortalDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
                return HealthCheckResult.Unhealthy("数据库无法连接");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("数据库可用，迁移已是最新")
                : HealthCheckResult.Unhealthy($"有 {pending.Count} 个数据库迁移尚未应用（{string.Join("、", pending)}）：请先运行 --migrate-only");
        }
        catch (Exception ex) when (DatabaseOutage.IsDatabaseUnavailable(ex))
        {
            return HealthCheckResult.Unhealthy("数据库无法连接", ex);
        }
    }
}
