using Marten;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.Geography;

namespace Platform.Infrastructure.Sites;

/// <summary>
/// The one-off migration of sites registered before the reference data, with district and commune names as
/// typed (validated then against a hand-made list of Lào Cai's units before 1 July 2025): each gets its old
/// commune's official code, through an event on its own stream (<see cref="SiteLocationCoded"/>), so the stream
/// stays the truth and a rebuild gives the same result. Runs at every start and finds nothing once done.
/// </summary>
public static partial class LocationCoding
{
    /// <summary>The code for a site's location entered by names; nothing when it already has one, or when the
    /// names match no unit of the province (left for a person: the start-up log lists them).</summary>
    public static Decision Decide(Site site, ProvinceGeography geography)
    {
        if (site.Location.CommuneCode is not null) return Decision.Nothing;
        var match = geography.ResolveCommune(site.Location.Commune, string.IsNullOrWhiteSpace(site.Location.District) ? null : site.Location.District);
        if (match.Unit is not { } unit) return Decision.Nothing;
        var coded = SitePlacement.Locate(geography, unit, site.Location.Latitude, site.Location.Longitude, site.Location.Address);
        return Decision.Append(site.Id, new SiteLocationCoded(site.Id, coded.District, coded.Commune, unit.Code, unit.Generation));
    }

    /// <summary>Codes every uncoded site; answers how many were coded and which could not be.</summary>
    public static async Task<(int Coded, IReadOnlyList<Site> Unresolved)> RunAsync(IDocumentStore store, ISessionFactory sessions,
        ProvinceGeography geography, CancellationToken ct)
    {
        IReadOnlyList<Site> uncoded;
        await using (var query = store.QuerySession())
            uncoded = await query.Query<Site>().Where(s => s.Location.CommuneCode == null).ToListAsync(ct);
        var coded = 0;
        var unresolved = new List<Site>();
        foreach (var site in uncoded)
        {
            var outcome = await CommandRunner.RunAsync(sessions.OpenSession,
                CommandRunner.On<Site>(site.Id, $"No site with id {site.Id}.", s => Decide(s, geography)), ct, site.Id, attempts: 3);
            if (outcome.Appended > 0) coded++;
            else if (outcome.IsDone) unresolved.Add(site);
        }
        return (coded, unresolved);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Location coding: {Coded} sites got their commune's code, {Unresolved} could not be matched")]
    private static partial void Done(ILogger logger, int coded, int unresolved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Location coding: site {SiteId} ({District} / {Commune}) matches no unit of the province; correct it by hand")]
    private static partial void Unmatched(ILogger logger, Guid siteId, string district, string commune);

    /// <summary>Runs the migration once when the service starts.</summary>
    public sealed class AtStart(IDocumentStore store, ISessionFactory sessions, ProvinceGeography geography, ILogger<AtStart> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                var (coded, unresolved) = await RunAsync(store, sessions, geography, stoppingToken);
                if (coded + unresolved.Count > 0) Done(logger, coded, unresolved.Count);
                foreach (var site in unresolved) Unmatched(logger, site.Id, site.Location.District, site.Location.Commune);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Location coding failed; it runs again at the next start");
            }
        }
    }
}
