using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;

namespace Platform.Reporting.Submissions;

public sealed class SubmissionProjection : SingleStreamProjection<Submission, Guid>
{
    public override Submission? Evolve(Submission? snapshot, Guid id, IEvent e) => Submission.Next(snapshot, e);

    /// <summary>An accepted version rewrites the report's <see cref="AcceptedReport"/> in the same transaction (inline; the store
    /// enables side effects on inline projections), from the submission as it now stands.</summary>
    public override ValueTask RaiseSideEffects(IDocumentOperations operations, IEventSlice<Submission> slice)
    {
        if (slice.Snapshot is { } submission && slice.Events().Any(e => e.Data is ReportAccepted) && AcceptedReport.Of(submission) is { } accepted)
            operations.Store(accepted);
        return ValueTask.CompletedTask;
    }
}
