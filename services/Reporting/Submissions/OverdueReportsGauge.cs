using Marten;
using Platform.BuildingBlocks.Hosting;

namespace Platform.Reporting.Submissions;

public static class OverdueReportsGauge
{
    /// <summary>Reports not submitted by their due date (<see cref="Submission.IsOverdue"/>: no version submitted yet).</summary>
    public static readonly BusinessGauge Gauge = new("platform.reports.overdue", "{report}",
        "Mandatory reports not submitted by their due date", (session, today, ct) =>
            session.Query<Submission>().CountAsync(s => (s.Status == SubmissionStatus.Due || s.Status == SubmissionStatus.Draft) && s.DueOn < today, ct));
}
