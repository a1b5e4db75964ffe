using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Platform.Reporting.Submissions;

public sealed class SubmissionProjection : SingleStreamProjection<Submission, Guid>
{
    public override Submission? Evolve(Submission? snapshot, Guid id, IEvent e) => Submission.Next(snapshot, e);
}
