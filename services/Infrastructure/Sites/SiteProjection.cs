using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Platform.Infrastructure.Sites;

/// <summary>Keeps the <see cref="Site"/> document in step with its stream (inline), for decisions and reads.</summary>
public sealed class SiteProjection : SingleStreamProjection<Site, Guid>
{
    public override Site? Evolve(Site? snapshot, Guid id, IEvent e) =>
        Site.When(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}
