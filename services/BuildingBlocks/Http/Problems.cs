using Microsoft.AspNetCore.Http;
using Platform.BuildingBlocks.Domain;

namespace Platform.BuildingBlocks.Http;

/// <summary>RFC 9457 problem details for every refusal, with a stable <c>type</c> per problem so clients
/// can branch on it, and a <c>code</c> extension naming the exact rule.</summary>
public static class Problems
{
    public const string TypeBase = "https://platform.sotttt.invalid/problems/";

    public static IResult From(Rejection rejection)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = rejection.Code };
        return rejection.Kind switch
        {
            RejectionKind.Invalid => Results.ValidationProblem(
                rejection.Errors ?? new Dictionary<string, string[]>(), rejection.Detail,
                type: TypeBase + "validation", title: "The request is invalid.", extensions: extensions),
            RejectionKind.NotFound => Results.Problem(rejection.Detail, statusCode: 404,
                type: TypeBase + "not-found", title: "Not found.", extensions: extensions),
            RejectionKind.Conflict => Results.Problem(rejection.Detail, statusCode: 409,
                type: TypeBase + rejection.Code, title: "Conflict with the current state.", extensions: extensions),
            // The authentication handler answers 403 as for a policy refusal, so both look the same to a client.
            RejectionKind.Forbidden => Results.Forbid(),
            _ => Results.Problem(rejection.Detail, statusCode: 422,
                type: TypeBase + rejection.Code, title: "The request breaks a business rule.", extensions: extensions),
        };
    }

    public static IResult BadIfMatch() => From(Rejection.Invalid("If-Match", "must be a stream version in quotes, e.g. \"3\""));

    public static IResult IfMatchRequired() => Results.Problem(
        "This change overwrites fields you read first: send If-Match with the ETag of the version you read.",
        statusCode: 428, type: TypeBase + "if-match-required", title: "If-Match is required.",
        extensions: new Dictionary<string, object?> { ["code"] = "if-match-required" });

    /// <summary>A stale If-Match on an edit declared <see cref="IfMatch.Required"/>: 412, nothing written.</summary>
    public static IResult PreconditionFailed(long expected) => Results.Problem(
        $"The resource changed since version {expected}; read it again and retry with its new ETag.",
        statusCode: 412, type: TypeBase + "precondition-failed", title: "The resource was changed by someone else.",
        extensions: new Dictionary<string, object?> { ["code"] = "concurrency-conflict" });

    public static IResult StaleVersion(long? expected) => Results.Problem(
        expected is { } v
            ? $"The resource changed since version {v}; read it again and retry with its new ETag."
            : "Someone else changed the resource at the same time; read it again and retry.",
        statusCode: 409, type: TypeBase + "concurrency-conflict", title: "The resource was changed by someone else.",
        extensions: new Dictionary<string, object?> { ["code"] = "concurrency-conflict" });
}
