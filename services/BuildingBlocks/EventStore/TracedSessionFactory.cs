using System.Diagnostics;
using Marten;

namespace Platform.BuildingBlocks.EventStore;

/// <summary>
/// Opens the lightweight sessions endpoints and consumers use, stamping every event they append with
/// the current trace: the correlation id is the trace id (searchable in the store and the timelines)
/// and the <c>traceparent</c> header lets the forwarder continue the same trace when it publishes
/// later, from the async daemon, where no request is in flight any more.
/// </summary>
public sealed class TracedSessionFactory(IDocumentStore store) : ISessionFactory
{
    public const string TraceParentHeader = "traceparent";

    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession();
        if (Activity.Current is { } activity)
        {
            session.CorrelationId = activity.TraceId.ToString();
            session.SetHeader(TraceParentHeader, activity.Id!);
        }
        return session;
    }
}
