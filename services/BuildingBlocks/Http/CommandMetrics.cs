using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Platform.BuildingBlocks.Http;

/// <summary>
/// <c>platform.commands</c> and <c>platform.command.duration</c>: every write request (anything but
/// GET/HEAD/OPTIONS) by use case and outcome, so an operator sees what the Department's staff and the
/// enterprises are doing and why the platform refuses them (the problem code a client received).
/// </summary>
public static class CommandMetrics
{
    public const string UseCaseTag = "platform.use_case";
    public const string OutcomeTag = "platform.outcome";   // accepted | refused | failed
    public const string ProblemTag = "platform.problem";   // the problem's code (refused) or status (failed)
    private const string ProblemCodeItem = "platform.problem-code";

    private static readonly Counter<long> Handled = PlatformTelemetry.Meter.CreateCounter<long>(
        "platform.commands", "{command}", "Commands (write requests) handled, by use case and outcome (accepted, refused with its problem code, failed)");
    private static readonly Histogram<double> Duration = PlatformTelemetry.Meter.CreateHistogram<double>(
        "platform.command.duration", "s", "Time from a command's arrival to its answer, by use case and outcome");

    /// <summary>Measures every write request; put it outside security so 401/403/429 count as refusals too.</summary>
    public static IApplicationBuilder UseCommandMetrics(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
            || !http.Request.Path.StartsWithSegments("/api"))
        {
            await next(http);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(http);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var status = failed ? StatusCodes.Status500InternalServerError : http.Response.StatusCode;
            var (outcome, problem) = Classify(status, http.Items[ProblemCodeItem] as string);
            var tags = new TagList { { UseCaseTag, UseCase(http) }, { OutcomeTag, outcome } };
            if (problem is not null) tags.Add(ProblemTag, problem);
            Handled.Add(1, tags);
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    });

    /// <summary>Remembers the problem code an endpoint answered with (the middleware only sees the status).</summary>
    public static async ValueTask<object?> RememberProblemCode(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        while (result is INestedHttpResult nested) result = nested.Result; // Results<…>, a command's Changed/Started
        if (result is IValueHttpResult { Value: ProblemDetails problem } && problem.Extensions.TryGetValue("code", out var code) && code is not null)
            context.HttpContext.Items[ProblemCodeItem] = code.ToString();
        return result;
    }

    public static (string Outcome, string? Problem) Classify(int status, string? problemCode) => status switch
    {
        < 400 => ("accepted", null),
        >= 500 => ("failed", status.ToString()),
        _ => ("refused", problemCode ?? status switch
        {
            400 => "bad-request",
            401 => "unauthenticated",
            403 => "forbidden",
            404 => "not-found",
            409 => "conflict",
            412 => "precondition-failed",
            413 => "too-large",
            415 => "unsupported-media-type",
            422 => "business-rule",
            428 => "precondition-required",
            429 => "rate-limited",
            _ => status.ToString(),
        }),
    };

    /// <summary>The endpoint's route as its use case ("POST /api/registry/enterprises/{id}/suspension"): few values, stable.</summary>
    private static string UseCase(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            ? $"{http.Request.Method} /{pattern.Trim('/')}" // a group's "/" leaves a trailing slash
            : $"{http.Request.Method} (no endpoint)";
}
