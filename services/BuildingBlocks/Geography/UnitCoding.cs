using System.Linq.Expressions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.EventStore;
using Platform.BuildingBlocks.Hosting;

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
    public sealed record Job<T>(string Actor, string Records, Expression<Func<T, bool>> Uncoded, Expression<Func<T, Guid>> Id, Func<Guid, string> NotFound,
        Func<T, Decision> Decide, Func<T, (string District, string Commune)> EnteredAs) where T : class
    {
        private readonly Func<T, Guid> _idOf = Id.Compile();
        public Guid IdOf(T record) => _idOf(record);
    }

    /// <summary>Records read per query: an upgraded register may hold many thousands not coded yet.</summary>
    public const int DefaultBatch = 500;

    /// <summary>Codes every uncoded record, <paramref name="batch"/> at a time; answers how many were coded and which could not be.</summary>
    public static async Task<(int Coded, IReadOnlyList<T> Unresolved)> RunAsync<T>(IDocumentStore store, ISessionFactory sessions, Job<T> job,
        CancellationToken ct, int batch = DefaultBatch) where T : class
    {
        var coded = 0;
        var unresolved = new List<T>();
        using var actor = SystemActor.ActAs(job.Actor);
        while (true)
        {
            // In id order, a coded record leaves the query and an unresolved one stays, before every record not read yet:
            // so the next page starts after the unresolved ones. (A record another replica codes meanwhile may shift the
            // page by one: it is coded by that replica, or at the next start.)
            IReadOnlyList<T> page;
            await using (var query = store.QuerySession())
                page = await query.Query<T>().Where(job.Uncoded).OrderBy(job.Id).Skip(unresolved.Count).Take(batch).ToListAsync(ct);
            foreach (var record in page)
            {
                var id = job.IdOf(record);
                var outcome = await CommandRunner.RunAsync(sessions.OpenSession, CommandRunner.On<T>(id, job.NotFound(id), job.Decide), ct, id, attempts: 3);
                if (outcome.Appended > 0) coded++;
                else if (outcome.IsDone) unresolved.Add(record);
            }
            if (page.Count < batch) return (coded, unresolved);
        }
    }

    /// <summary>Runs <paramref name="job"/> once when the service starts, as a start-up job (the service is ready when it
    /// is done; one that fails is logged and runs again at the next start: uncoded records are served as entered).</summary>
    public static IServiceCollection AddUnitCodingAtStart<T>(this IServiceCollection services, Func<IServiceProvider, Job<T>> job) where T : class =>
        services.AddStartupJob($"unit-coding:{typeof(T).Name.ToLowerInvariant()}", async (sp, ct) =>
        {
            var logger = sp.GetRequiredService<ILogger<Job<T>>>();
            var coding = job(sp);
            var (coded, unresolved) = await RunAsync(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<ISessionFactory>(), coding, ct);
            if (coded + unresolved.Count > 0) Done(logger, coded, coding.Records, unresolved.Count);
            foreach (var record in unresolved)
            {
                var (district, commune) = coding.EnteredAs(record);
                Unmatched(logger, coding.Records, coding.IdOf(record), district, commune);
            }
        }, optional: true);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unit coding: {Coded} {Records} got their commune's code, {Unresolved} could not be matched")]
    private static partial void Done(ILogger logger, int coded, string records, int unresolved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unit coding: {Records} {Id} ({District} / {Commune}) matches no unit of the province; correct it by hand")]
    private static partial void Unmatched(ILogger logger, string records, Guid id, string district, string commune);
}
