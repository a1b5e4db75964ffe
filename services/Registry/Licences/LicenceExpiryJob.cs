using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Commands;
using Platform.Registry.Enterprises;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.EventStore;

namespace Platform.Registry.Licences;

public sealed class LicenceExpiryOptions
{
    /// <summary>How often to look for licences whose expiry date has passed.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Emits <see cref="LicenceExpired"/> once a licence's last valid day is behind us (Vietnam time).
/// Every replica runs it; each append uses the stream version it read, so if two replicas race,
/// one commits and the other gets a concurrency conflict and finds nothing left to do next round.
/// </summary>
public sealed partial class LicenceExpiryJob(
    IDocumentStore store, TimeProvider clock, Microsoft.Extensions.Options.IOptions<LicenceExpiryOptions> options,
    ILogger<LicenceExpiryJob> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicRounds.RunAsync(options.Value.CheckInterval, clock, ExpireDueLicencesAsync, ex => LogRoundFailed(logger, ex), stoppingToken);

    public async Task<int> ExpireDueLicencesAsync(CancellationToken ct)
    {
        var today = DepartmentClock.Today(clock);
        await using var query = store.QuerySession();
        var holders = await query.Query<LicenceRegisterEntry>()
            .Where(l => l.Status == LicenceStatus.Valid && l.ExpiresOn < today)
            .Select(l => l.EnterpriseId)
            .Distinct()
            .ToListAsync(ct);

        var expired = 0;
        foreach (var enterpriseId in holders)
        {
            // A conflict (another replica or a user changed the enterprise first) is left to the next round, which decides again.
            var outcome = await CommandRunner.RunAsync(OpenSession,
                CommandRunner.On<Enterprise>(enterpriseId, ChangeEnterprise.NotFound(enterpriseId), state => LicenceCommands.ExpireOverdue(state, today)), ct);
            expired += outcome.Appended;
        }
        if (expired > 0) LogExpired(logger, expired, today);
        return expired;
    }

    private IDocumentSession OpenSession()
    {
        return SystemActor.Stamp(store.LightweightSession(), "job:licence-expiry"); // the audit trail names the job, not a person
    }

    [LoggerMessage(LogLevel.Information, "Recorded {Count} licence expiries as of {Today}")]
    private static partial void LogExpired(ILogger logger, int count, DateOnly today);

    [LoggerMessage(LogLevel.Error, "Licence expiry round failed; retrying next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception ex);
}
