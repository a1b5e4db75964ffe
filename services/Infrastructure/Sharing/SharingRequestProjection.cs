using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Platform.Infrastructure.Sharing;

public sealed class SharingRequestProjection : SingleStreamProjection<SharingRequest, Guid>
{
    public override SharingRequest? Evolve(SharingRequest? snapshot, Guid id, IEvent e) =>
        SharingRequest.When(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}
