using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace BadInput.Tests.Corpus;

/// <summary>What the corpus needs of a running service: its client, its store, the ids of real things
/// created for the cases (placeholders such as <c>{E}</c>), and its write endpoints as routed.</summary>
public interface ICorpusHost
{
    string Service { get; }
    HttpClient Client { get; }
    IDocumentStore Store { get; }
    IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>What a refusal must leave unchanged: the domain events, plus documents an endpoint stores directly.</summary>
    Task<long> CountAsync();

    /// <summary>"METHOD /route/{}/…" of every POST/PUT/PATCH/DELETE endpoint the service maps.</summary>
    IReadOnlyList<string> WriteEndpoints();
}

/// <summary>A service host started once per test class, with its background jobs slowed to a round a day
/// (so nothing but the case itself can append) and a few real things created for the cases to aim at.</summary>
public abstract class CorpusServiceHost<TEntryPoint>(TestServers servers, string database, string service)
    : ServiceHost<TEntryPoint>(servers, database), ICorpusHost where TEntryPoint : class
{
    private static readonly Regex Placeholder = new(@"\{([A-Z][A-Z0-9_]*)\}");
    private HttpClient? _client;

    public string Service => service;
    public HttpClient Client => _client ??= CreateClient();
    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();
    public Dictionary<string, string> Values { get; } = new();
    IReadOnlyDictionary<string, string> ICorpusHost.Values => Values;

    public virtual Task<long> CountAsync() => Store.DomainEventCountAsync();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Values["TODAY"] = Today.ToString("yyyy-MM-dd");
        Values["FUTURE"] = Today.AddMonths(2).ToString("yyyy-MM-dd");
        await SetUpAsync();
    }

    public static DateOnly Today => Platform.BuildingBlocks.Domain.DepartmentClock.Today(TimeProvider.System);

    /// <summary>Creates the things the cases need and records their ids in <see cref="Values"/>.</summary>
    protected abstract Task SetUpAsync();

    public string Fill(string template) => Fill(Values, template);

    public static string Fill(IReadOnlyDictionary<string, string> values, string template) =>
        Placeholder.Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    public virtual IReadOnlyList<string> WriteEndpoints() =>
        Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE")
                .Select(m => $"{m} {Corpus.RouteKey("/" + e.RoutePattern.RawText!.TrimStart('/'))}"))
            .Distinct().Order().ToList();
}
