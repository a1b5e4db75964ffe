using Marten;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.EventStore;
using Platform.Geography;

namespace Platform.Registry.Enterprises;

/// <summary>
/// The one-off migration of head offices registered before the reference data, with district and commune names as
/// typed: each gets its commune's official code (a commune before 1 July 2025 when a district was given, as the
/// register then always had one), through an event on the enterprise's own stream (<see cref="EnterpriseAddressCoded"/>),
/// so the stream stays the truth and consumers hear of it as a change of details. Runs at every start and finds
/// nothing once done; names that match no unit are left as they are and logged for a person to correct.
/// </summary>
public static partial class AddressCoding
{
    public const string Actor = "job:address-coding";

    /// <summary>The coded head office for one entered by names; nothing when it already has a code, when the enterprise
    /// ceased (its record no longer changes), or when the names match no unit of the province.</summary>
    public static Decision Decide(Enterprise enterprise, ProvinceGeography geography)
    {
        var address = enterprise.Details.HeadOffice;
        if (address.CommuneCode is not null || enterprise.Status == EnterpriseStatus.Ceased) return Decision.Nothing;
        var match = geography.ResolveCommune(address.Commune, string.IsNullOrWhiteSpace(address.District) ? null : address.District);
        if (match.Unit is not { } unit) return Decision.Nothing;
        var details = enterprise.Details with { HeadOffice = EnterpriseDetailsInput.Locate(address.Street, unit, geography) };
        return Decision.Append(enterprise.Id, new EnterpriseAddressCoded(enterprise.Id, details));
    }

    /// <summary>Codes every uncoded head office; answers how many were coded and which could not be.</summary>
    public static async Task<(int Coded, IReadOnlyList<Enterprise> Unresolved)> RunAsync(IDocumentStore store, ISessionFactory sessions,
        ProvinceGeography geography, CancellationToken ct)
    {
        IReadOnlyList<Enterprise> uncoded;
        await using (var query = store.QuerySession())
            uncoded = await query.Query<Enterprise>().Where(e => e.Details.HeadOffice.CommuneCode == null && e.Status != EnterpriseStatus.Ceased).ToListAsync(ct);
        var coded = 0;
        var unresolved = new List<Enterprise>();
        using var actor = SystemActor.ActAs(Actor);
        foreach (var enterprise in uncoded)
        {
            var outcome = await CommandRunner.RunAsync(sessions.OpenSession,
                CommandRunner.On<Enterprise>(enterprise.Id, ChangeEnterprise.NotFound(enterprise.Id), e => Decide(e, geography)), ct, enterprise.Id, attempts: 3);
            if (outcome.Appended > 0) coded++;
            else if (outcome.IsDone) unresolved.Add(enterprise);
        }
        return (coded, unresolved);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Address coding: {Coded} head offices got their commune's code, {Unresolved} could not be matched")]
    private static partial void Done(ILogger logger, int coded, int unresolved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Address coding: enterprise {EnterpriseId} ({District} / {Commune}) matches no unit of the province; correct it by hand")]
    private static partial void Unmatched(ILogger logger, Guid enterpriseId, string district, string commune);

    /// <summary>Runs the migration once when the service starts.</summary>
    public sealed class AtStart(IDocumentStore store, ISessionFactory sessions, ProvinceGeography geography, ILogger<AtStart> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                var (coded, unresolved) = await RunAsync(store, sessions, geography, stoppingToken);
                if (coded + unresolved.Count > 0) Done(logger, coded, unresolved.Count);
                foreach (var e in unresolved) Unmatched(logger, e.Id, e.Details.HeadOffice.District, e.Details.HeadOffice.Commune);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Address coding failed; it runs again at the next start");
            }
        }
    }
}
