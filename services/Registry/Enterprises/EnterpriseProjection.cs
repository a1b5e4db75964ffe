using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Platform.Registry.Enterprises;

/// <summary>Keeps the <see cref="Enterprise"/> document in step with its stream, in the same
/// transaction as the append (inline), so a read right after a write sees it.</summary>
public sealed class EnterpriseProjection : SingleStreamProjection<Enterprise, Guid>
{
    public override Enterprise? Evolve(Enterprise? snapshot, Guid id, IEvent e) =>
        Enterprise.When(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}
