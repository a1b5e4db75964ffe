using System.Diagnostics;
using Marten;

namespace Platform.BuildingBlocks.EventStore;

/// <summary>
/// Who acts when no person does: a background job or a consumer, by name ("job:licence-expiry",
/// "consumer:reporting-known-enterprise"), with the correlation id of what it acts on (the message's, or
/// one of the job round's own). Ambient for the job round or the message being consumed, so every session
/// opened meanwhile stamps its events with it (<see cref="AuditedSessionFactory"/>, <see cref="Stamp"/>).
/// </summary>
public static class SystemActor
{
    /// <summary>The role recorded for jobs and consumers: no person's role applies.</summary>
    public const string Role = "system";

    private static readonly AsyncLocal<(string Name, string? CorrelationId)?> Current = new();

    public static string? Name => Current.Value?.Name;

    /// <summary>Acts as <paramref name="name"/> until disposed; <paramref name="correlationId"/> null: a new one
    /// (a job round is a cause of its own).</summary>
    public static IDisposable ActAs(string name, string? correlationId = null)
    {
        var before = Current.Value;
        Current.Value = (name, correlationId ?? Guid.NewGuid().ToString("N"));
        return new Restore(before);
    }

    /// <summary>The correlation id events get now: the trace of the request or message, else the actor's.</summary>
    public static string CorrelationId() =>
        Activity.Current is { } activity ? activity.TraceId.ToString() : Current.Value?.CorrelationId ?? Guid.NewGuid().ToString("N");

    /// <summary>Stamps a session that no person opened: the ambient actor, or <paramref name="fallback"/> (the
    /// job that opens it) when none is set, role <see cref="Role"/>, acting for the Department.</summary>
    public static IDocumentSession Stamp(IDocumentSession session, string fallback)
    {
        session.CorrelationId = CorrelationId();
        if (Activity.Current is { } activity) session.SetHeader(AuditedSessionFactory.TraceParentHeader, activity.Id!);
        session.LastModifiedBy = Name ?? fallback;
        session.SetHeader(AuditedSessionFactory.RoleHeader, Role);
        session.SetHeader(AuditedSessionFactory.ActingForHeader, "department");
        return session;
    }

    private sealed class Restore((string, string?)? before) : IDisposable
    {
        public void Dispose() => Current.Value = before;
    }
}
