using System.Text.Json;
using Marten;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.EventStore;

namespace Platform.Reporting.Templates;

/// <summary>A shipped data file: a template's code, and its versions as a manager would publish them.</summary>
public sealed record TemplateFile(string Code, List<TemplateVersionRequest> Versions);

/// <summary>
/// The templates the platform ships, read from Templates/Data/*.json (embedded; each version names the regulation or form it
/// follows). They are loaded into the store at start (<see cref="TemplateLoader"/>) and from then on live there: the
/// obligations, forms and validation read the store, where a manager's versions join them. The pure tests and the benchmark
/// read them from here.
/// </summary>
public static class Templates
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    public static IReadOnlyList<TemplateFile> Files { get; } = ReadFiles();

    /// <summary>Each shipped template with its versions, as the store holds them after loading (publication time aside).</summary>
    public static IReadOnlyList<TemplateSeries> Shipped { get; } = Files.Select(Build).ToList();

    public static ReportTemplate TelecomMonthly => Shipped.Single(t => t.Code == "telecom-monthly").Latest;
    public static ReportTemplate PostalQuarterly => Shipped.Single(t => t.Code == "postal-quarterly").Latest;

    public static TemplateCatalog Catalog { get; } = new(Shipped);

    private static List<TemplateFile> ReadFiles()
    {
        var assembly = typeof(Templates).Assembly;
        return assembly.GetManifestResourceNames().Where(n => n.Contains(".Templates.Data.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return JsonSerializer.Deserialize<TemplateFile>(stream, Json) ?? throw new InvalidOperationException($"{n} is empty");
            }).ToList();
    }

    /// <summary>The file's versions through the same parse and decision as a manager's: a file that breaks a rule fails at start.</summary>
    private static TemplateSeries Build(TemplateFile file)
    {
        TemplateSeries? series = null;
        foreach (var request in file.Versions)
        {
            var parsed = PublishTemplateVersion.Parse(file.Code, request);
            if (parsed.Rejection is { } invalid) throw new InvalidOperationException($"Template data {file.Code}: {Describe(invalid)}");
            var decision = PublishTemplateVersion.Decide(series, parsed.Command, [], DateTimeOffset.UnixEpoch);
            if (decision.Rejection is { } refused) throw new InvalidOperationException($"Template data {file.Code}: {Describe(refused)}");
            foreach (var e in decision.Events) series = TemplateSeries.When(series, e)! with { Version = (series?.Version ?? 0) + 1 };
        }
        return series ?? throw new InvalidOperationException($"Template data {file.Code} has no version");
    }

    private static string Describe(Rejection r) => r.Errors is { } errors ? string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")) : r.Detail;
}

/// <summary>
/// Loads the shipped templates into the store at start, before the obligations schedule runs: each shipped version the store
/// does not have yet is published, in order, as the job <c>job:templates</c>. A version already there is never rewritten; a
/// template where a manager published versions beyond the shipped ones keeps them (the newer shipped ones are then skipped and logged).
/// Several replicas starting together collide on the stream and the loser finds the versions there.
/// </summary>
public sealed partial class TemplateLoader(IDocumentStore store, TimeProvider clock, ILogger<TemplateLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var file in Templates.Files)
            for (var attempt = 0; attempt < 3; attempt++)
            {
                try { await LoadAsync(file, ct); break; }
                catch (Exception ex) when (CommandRunner.IsConcurrencyConflict(ex) || ex is Marten.Exceptions.ExistingStreamIdCollisionException) { }
            }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task LoadAsync(TemplateFile file, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var stored = await query.LoadAsync<TemplateSeries>(TemplateSeries.IdFor(file.Code), ct);
        var shipped = Templates.Shipped.Single(t => t.Code == file.Code);
        for (var n = (stored?.Versions.Count ?? 0) + 1; n <= file.Versions.Count; n++)
        {
            if (stored is not null && stored.Latest.EffectiveFrom != shipped.Get(stored.Versions.Count)?.EffectiveFrom)
            {
                LogDiverged(logger, file.Code, stored.Versions.Count);
                return;
            }
            var command = PublishTemplateVersion.Parse(file.Code, file.Versions[n - 1]).Command;
            var outcome = await CommandRunner.RunAsync(() => SystemActor.Stamp(store.LightweightSession(), "job:templates"),
                streams => PublishTemplateVersion.DecideAsync(command, streams, clock.GetUtcNow()), ct);
            if (outcome.Rejection is { } refused) { LogRefused(logger, file.Code, n, refused.Detail); return; }
            LogLoaded(logger, file.Code, n);
            stored = await query.LoadAsync<TemplateSeries>(TemplateSeries.IdFor(file.Code), ct) ?? stored;
        }
    }

    [LoggerMessage(LogLevel.Information, "Report template {Code} version {Version} loaded from the shipped data")]
    private static partial void LogLoaded(ILogger logger, string code, int version);

    [LoggerMessage(LogLevel.Warning, "Report template {Code}: the store's version {Version} differs from the shipped one; newer shipped versions are not loaded")]
    private static partial void LogDiverged(ILogger logger, string code, int version);

    [LoggerMessage(LogLevel.Warning, "Report template {Code} version {Version} from the shipped data was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string code, int version, string reason);
}
