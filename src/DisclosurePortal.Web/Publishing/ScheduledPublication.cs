using DisclosurePortal.Data;
using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DisclosurePortal.Web.Publishing;

/// <summary>
/// Publishes revisions a reviewer approved for a chosen date and time once that time has come.
/// Each due revision is published through <see cref="ReportPublisher"/> in its own scope and transaction, so one
/// failure (say, a PDF that cannot be made) leaves the others and itself as they were; it is retried next round.
/// Two instances racing on one revision are kept apart by xmin: the loser's save fails and changes nothing.
/// </summary>
public sealed class ScheduledPublication(IServiceScopeFactory scopes, TimeProvider clock,
    ILogger<ScheduledPublication> log, IConfiguration configuration) : BackgroundService
{
    /// <summary>How often due publications are looked for (ScheduledPublication:IntervalSeconds, default 60).</summary>
    private TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("ScheduledPublication:IntervalSeconds", 60));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await PublishDueAsync(scopes, clock.GetUtcNow(), log, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly unreachable; the next round tries again.
                log.LogError(ex, "Scheduled publication round failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Publishes every revision due at <paramref name="now"/>; returns how many were published.</summary>
    public static async Task<int> PublishDueAsync(IServiceScopeFactory scopes, DateTimeOffset now, ILogger log,
        CancellationToken ct)
    {
        List<int> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            due = await db.Revisions.AsNoTracking()
                .Where(v => v.Status == RevisionStatus.Scheduled && v.ScheduledFor <= now)
                .OrderBy(v => v.ScheduledFor).Select(v => v.Id).ToListAsync(ct);
        }
        var published = 0;
        foreach (var id in due)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var publisher = scope.ServiceProvider.GetRequiredService<ReportPublisher>();
            var report = await db.Reports.Include(r => r.Body).Include(r => r.Revisions)
                .SingleAsync(r => r.Revisions.Any(v => v.Id == id), ct);
            var revision = report.Revisions.Single(v => v.Id == id);
            if (!revision.IsDue(now)) continue; // cancelled or returned since the list was read
            try
            {
                await publisher.PublishDueAsync(report, revision, now, ct);
                published++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another instance published it, or a reviewer cancelled or returned it, since it was read.
                log.LogInformation("Scheduled publication of revision {Revision} was changed by another; skipped", id);
            }
            catch (DomainException ex)
            {
                // The PDF cannot be made (a character the font lacks): retrying would fail for ever, unseen. The
                // revision goes back to the reviewers' queue with the reason in its history.
                log.LogWarning("Scheduled publication of revision {Revision} cannot be done: {Reason}", id, ex.Message);
                await GiveBackAsync(scopes, id, now, ex.Message, ct);
            }
            catch (DbUpdateException ex)
            {
                log.LogError(ex, "Scheduled publication of revision {Revision} failed", id);
            }
        }
        return published;
    }

    private static async Task GiveBackAsync(IServiceScopeFactory scopes, int id, DateTimeOffset now, string reason,
        CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var revision = await db.Revisions.SingleAsync(v => v.Id == id, ct);
        if (!revision.IsDue(now)) return;
        revision.CancelSchedule(ReportRevision.Scheduler, now, $"定时发布未能执行，已退回待审核：{reason}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance gave it back first, or a reviewer acted on it: either way it is no longer due.
        }
    }
}

public static class ScheduledPublicationSetup
{
    public static IServiceCollection AddScheduledPublication(this IServiceCollection services)
    {
        services.AddHostedService<ScheduledPublication>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
