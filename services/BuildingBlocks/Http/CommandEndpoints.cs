using System.Reflection;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;

namespace Platform.BuildingBlocks.Http;

/// <summary>Whether a change must name the version the client read.</summary>
public enum IfMatch
{
    /// <summary>State transitions: without If-Match a concurrent writer only makes the command decide again on the new state;
    /// a stale If-Match is a conflict (409).</summary>
    Optional,
    /// <summary>Edits of fields a person reads before changing them: without If-Match they could overwrite what they never saw
    /// (428); a stale If-Match is a failed precondition (412), as RFC 9110 has it.</summary>
    Required,
    /// <summary>As <see cref="Required"/> for a value that may not exist yet (a population figure): its first entry, which
    /// starts the stream, overwrites nothing and needs no If-Match; every later one does.</summary>
    RequiredOnceEntered,
}

/// <summary>HTTP over the <see cref="CommandRunner"/>: the stream the URL names is written at the If-Match version,
/// the answer carries its new version (body and ETag), a refusal is problem details, nothing is written on any refusal.</summary>
public static class CommandEndpoints
{
    /// <summary>Attempts when the client sent no If-Match and a concurrent writer (a user, a background job) got in first.</summary>
    private const int AttemptsWithoutIfMatch = 3;

    /// <summary>Runs a command on the stream <paramref name="streamId"/>; 200 with <see cref="StreamChanged"/>.</summary>
    public static async Task<Changed> RunAsync(this HttpContext http, Guid streamId, CommandBody body, IfMatch ifMatch = IfMatch.Optional)
    {
        var outcome = await http.RunCommandAsync(streamId, body, ifMatch);
        return new(outcome.Result ?? TypedResults.Ok(new StreamChanged(streamId, outcome.Version)));
    }

    /// <summary>The usual command on one stream: refused when it does not exist or the caller may not act on it.</summary>
    public static Task<Changed> RunAsync<TState>(this HttpContext http, Guid streamId, Func<TState, Decision> decide, string notFound,
        Func<TState, bool>? mayAct = null, IfMatch ifMatch = IfMatch.Optional) where TState : class =>
        http.RunAsync(streamId, CommandRunner.On(streamId, notFound, decide, mayAct), ifMatch);

    /// <summary>The usual command with its parsed request: 400 before anything is loaded when malformed, then 404, 403, the decision.</summary>
    public static Task<Changed> RunAsync<TState, TCommand>(this HttpContext http, Guid streamId, Parsed<TCommand> parsed, Func<TState, TCommand, Decision> decide,
        string notFound, Func<TState, bool>? mayAct = null, IfMatch ifMatch = IfMatch.Optional) where TState : class where TCommand : notnull =>
        http.RunAsync(streamId, CommandRunner.On(streamId, notFound, parsed, decide, mayAct), ifMatch);

    /// <summary>Runs a command that starts the stream <paramref name="streamId"/>; 201 at <paramref name="location"/>.</summary>
    public static async Task<Started> CreateAsync(this HttpContext http, Guid streamId, string location, CommandBody body)
    {
        var outcome = await http.RunCommandAsync(streamId, body, IfMatch.Optional);
        return new(outcome.Result ?? TypedResults.Created(location, new StreamChanged(streamId, outcome.Version)));
    }

    /// <summary>Runs a command from its parsed request that starts the stream <paramref name="streamId"/>; 201 at <paramref name="location"/>.</summary>
    public static Task<Started> CreateAsync<TCommand>(this HttpContext http, Guid streamId, string location, Parsed<TCommand> parsed,
        Func<TCommand, StreamsForWriting, Task<Decision>> decide) where TCommand : notnull =>
        http.CreateAsync(streamId, location, CommandRunner.Start(parsed, decide));

    /// <summary>The outcome with its HTTP answer when refused (<c>Result</c> null when done; the ETag is then set).</summary>
    public static async Task<(long Version, IResult? Result)> RunCommandAsync(this HttpContext http, Guid streamId, CommandBody body, IfMatch ifMatch)
    {
        if (!StreamVersion.TryReadIfMatch(http.Request, out var expected)) return (0, Problems.BadIfMatch());
        if (expected is null && ifMatch is IfMatch.Required or IfMatch.RequiredOnceEntered) body = WithoutIfMatch(body, streamId, ifMatch);
        var sessions = http.RequestServices.GetRequiredService<ISessionFactory>(); // audited: who, role, trace
        var outcome = await CommandRunner.RunAsync(sessions.OpenSession, body, http.RequestAborted, streamId, expected,
            expected is null ? AttemptsWithoutIfMatch : 1);
        if (outcome.Conflict) return (0, ifMatch != IfMatch.Optional && expected is not null ? Problems.PreconditionFailed(expected.Value) : Problems.StaleVersion(expected));
        if (outcome.Rejection == IfMatchMissing) return (0, Problems.IfMatchRequired());
        if (outcome.Rejection is { } rejection) return (0, Problems.From(rejection));
        StreamVersion.SetETag(http.Response, outcome.Version);
        return (outcome.Version, null);
    }

    private static readonly Rejection IfMatchMissing = Rejection.Conflict("if-match-required", "If-Match is required.");

    /// <summary>An edit sent without If-Match is refused and writes nothing, but only after loading, authorizing and
    /// validating: an unknown stream is still 404, another enterprise's still 403 and malformed input still 400. A first
    /// entry (<see cref="IfMatch.RequiredOnceEntered"/>) that starts the stream goes through: there was nothing to read.</summary>
    private static CommandBody WithoutIfMatch(CommandBody body, Guid streamId, IfMatch ifMatch) => async streams =>
        await body(streams) switch
        {
            { Rejection.Kind: RejectionKind.NotFound or RejectionKind.Forbidden or RejectionKind.Invalid } refused => refused,
            { IsAccepted: true } first when ifMatch == IfMatch.RequiredOnceEntered && first.NewStreams.ContainsKey(streamId) => first,
            _ => IfMatchMissing,
        };
}

/// <summary>The answer of a change: 200 with <see cref="StreamChanged"/>, or a refusal. Declares both in the OpenAPI
/// document, so every endpoint returning it documents its success body and its problems without repeating them.</summary>
public sealed class Changed(IResult result) : IResult, INestedHttpResult, IEndpointMetadataProvider
{
    public IResult Result { get; } = result;
    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);

    /// <summary>A refusal decided before the command ran (a representative claiming another enterprise, a missing body).</summary>
    public static Changed Refused(IResult problem) => new(problem);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => CommandProblems.Declare(builder, StatusCodes.Status200OK);
}

/// <summary>The answer of a command that starts a stream: 201 with <see cref="StreamChanged"/> and its location, or a refusal.</summary>
public sealed class Started(IResult result) : IResult, INestedHttpResult, IEndpointMetadataProvider
{
    public IResult Result { get; } = result;
    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);
    public static Started Refused(IResult problem) => new(problem);
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => CommandProblems.Declare(builder, StatusCodes.Status201Created);
}

/// <summary>What every command may answer: its success with <see cref="StreamChanged"/>, and RFC 9457 problems.</summary>
public static class CommandProblems
{
    private static readonly string[] Json = ["application/json"];
    private static readonly string[] Problem = ["application/problem+json"];

    public static void Declare(EndpointBuilder builder, int success, Type? successBody = null)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(success, successBody ?? typeof(StreamChanged), Json));
        DeclareProblems(builder);
    }

    /// <summary>The problems of a command whose success answer is its own (a new item's id): 400, 404, 409, 412, 422, 428.</summary>
    public static TBuilder ProducesCommandProblems<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder
    {
        endpoint.Add(DeclareProblems);
        return endpoint;
    }

    private static void DeclareProblems(EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), Problem));
        foreach (var status in new[] { StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status428PreconditionRequired })
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), Problem));
    }
}

/// <summary>Body of a successful change: the stream and its version after the change (also the ETag).</summary>
public sealed record StreamChanged(Guid Id, long Version);
