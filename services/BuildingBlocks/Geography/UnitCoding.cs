using System.Linq.Expressions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.EventStore;

namespace Platform.BuildingBlocks.Geography;

/// <summary>
/// The one-off migration of records entered by names before the reference data (a head office, a site): each gets its
/// commune's official code through an event on its own stream, decided purely and appended by the command runner, so
/// the stream stays the truth and a rebuild gives the same result. Runs at every start and finds nothing once done;
/// names that match no unit are left as they are and logged for a person to correct.
/// </summary>
public static partial class UnitCoding
{
    /// <summary>One kind of record to code: the job's name as recorded on its events (<c>job:…</c>), what the records are
    /// called in the log, which ones have no code yet (a query on their document), how one is coded (nothing when it
    /// already is, or when its names match no unit), and the names it was entered with.</summary>
    public sealed record Job<T>(string Actor, string Records, Expression<Func<T, bool>> Uncoded, Func<T, Guid> IdOf, Func<Guid, string> NotFound,
        Func<T, Decision> Decide, Func<T, (string District, string Commune)> EnteredAs) where T : class;

    /// <summary>Codes every uncoded record; answers how many were coded and which could not be.</summary>
    public static async Task<(int Coded, IReadOnlyList<T> Unresolved)> RunAsync<T>(IDocumentStore store, ISessionFactory sessions, Job<T> job,
        CancellationToken ct) where T : class
    {
        IReadOnlyList<T> uncoded;
        await using (var query = store.QuerySession())
            uncoded = await query.Query<T>().Where(job.Uncoded).ToListAsync(ct);
        var coded = 0;
        var unresolved = new List<T>();
        using var actor = SystemActor.ActAs(job.Actor);
        foreach (var record in uncoded)
        {
            var id = job.IdOf(record);
            var outcome = await CommandRunner.RunAsync(sessions.OpenSession, CommandRunner.On<T>(id, job.NotFound(id), job.Decide), ct, id, attempts: 3);
            if (outcome.Appended > 0) coded++;
            else if (outcome.IsDone) unresolved.Add(record);
        }
        return (coded, unresolved);
    }

    /// <summary>Runs <paramref name="job"/> once when the service starts.</summary>
    public static IServiceCollection AddUnitCodingAtStart<T>(this IServiceCollection services, Func<IServiceProvider, Job<T>> job) where T : class =>
        services.AddHostedService(sp => new AtStart<T>(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<ISessionFactory>(), job(sp),
            sp.GetRequiredService<ILogger<AtStart<T>>>()));

    [LoggerMessage(Level = LogLevel.Information, Message = "Unit coding: {Coded} {Records} got their commune's code, {Unresolved} could not be matched")]
    private static partial void Done(ILogger logger, int coded, string records, int unresolved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unit coding: {Records} {Id} ({District} / {Commune}) matches no unit of the province; correct it by hand")]
    private static partial void Unmatched(ILogger logger, string records, Guid id, string district, string commune);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unit coding of {Records} failed; it runs again at the next start")]
    private static partial void Failed(ILogger logger, string records, Exception exception);

    public sealed class AtStart<T>(IDocumentStore store, ISessionFactory sessions, Job<T> job, ILogger<AtStart<T>> logger) : BackgroundService where T : class
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                var (coded, unresolved) = await RunAsync(store, sessions, job, stoppingToken);
                if (coded + unresolved.Count > 0) Done(logger, coded, job.Records, unresolved.Count);
                foreach (var record in unresolved)
                {
                    var (district, commune) = job.EnteredAs(record);
                    Unmatched(logger, job.Records, job.IdOf(record), district, commune);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Failed(logger, job.Records, ex);
            }
        }
    }
}
