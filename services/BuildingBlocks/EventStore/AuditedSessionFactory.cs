using System.Diagnostics;
using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Platform.BuildingBlocks.EventStore;

/// <summary>
/// Opens the sessions endpoints, jobs and consumers use (lightweight; with an identity map for a consumer's group
/// of copies), and stamps every event they append with its audit trail: who acted (Marten's user name = the token's
/// subject), in which role and for which enterprise (headers), and the trace: the correlation id is the trace id, and the
/// <c>traceparent</c> header lets the forwarder continue the same trace when it publishes later,
/// from the async daemon, where no request is in flight any more. Without a signed-in user (a consumer, a job)
/// the session is stamped by <see cref="SystemActor"/>.
/// </summary>
public sealed class AuditedSessionFactory(IDocumentStore store, IHttpContextAccessor? http = null) : ISessionFactory
{
    public const string TraceParentHeader = "traceparent";
    public const string RoleHeader = "user-role";
    public const string ActingForHeader = "acting-for";

    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession() => Stamped(store.LightweightSession());

    /// <summary>As <see cref="OpenSession"/>, with an identity map: a document loaded twice is the same object, so a
    /// later change in the session sees an earlier one (a consumer's group of copies, <c>CopyBatch</c>).</summary>
    public IDocumentSession OpenIdentitySession() => Stamped(store.IdentitySession());

    private IDocumentSession Stamped(IDocumentSession session)
    {
        // Consumers and background jobs act under their own name (SystemActor), set around the message or round.
        if (http?.HttpContext?.User is not { Identity.IsAuthenticated: true } user) return SystemActor.Stamp(session, "system:unnamed");
        session.CorrelationId = SystemActor.CorrelationId();
        if (Activity.Current is { } activity) session.SetHeader(TraceParentHeader, activity.Id!);
        session.LastModifiedBy = user.FindFirstValue("sub") ?? user.Identity.Name ?? "unknown";
        session.SetHeader(RoleHeader, string.Join(",", user.FindAll("role").Select(r => r.Value)));
        session.SetHeader(ActingForHeader, user.RepresentedEnterprise()?.ToString() ?? "department");
        return session;
    }
}
