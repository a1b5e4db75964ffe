using Platform.Contracts.Reporting;
using Platform.Meetings.Agreements;
using Platform.Meetings.ComplianceLink;
using Xunit;

namespace Meetings.Tests.Domain;

/// <summary>Meetings' copy of a report an enterprise owes: the first submission decides whether it came on time; a
/// correction (version 2 and up) changes nothing, whatever the copy holds.</summary>
public class ReportDueTests
{
    private static readonly Guid SubmissionId = Guid.NewGuid();
    private static readonly Guid EnterpriseId = Guid.NewGuid();
    private static readonly DateOnly DueOn = new(2026, 11, 15);

    private static ReportingObligationOpenedV1 Opened() =>
        new(Guid.NewGuid(), SubmissionId, 1, DateTimeOffset.UtcNow, EnterpriseId, "telecom-monthly", "2026-10", DueOn);

    private static ReportSubmittedV1 Submitted(int version, bool late) =>
        new(Guid.NewGuid(), SubmissionId, version + 1, DateTimeOffset.UtcNow, EnterpriseId, "telecom-monthly", "2026-10", version, late);

    [Fact]
    public void The_first_submission_records_whether_the_report_came_on_time()
    {
        var opened = ReportDue.Apply(null, Opened());
        var first = Submitted(version: 1, late: false);

        Assert.False(ReportDue.AddsNothing(first));
        var copy = ReportDue.Apply(opened, first);
        Assert.NotNull(copy);
        Assert.Equal((DueOn, first.OccurredAt, false), (copy.DueOn, copy.FirstSubmittedAt, copy.FirstSubmissionLate));
        Assert.Equal(new DueItem(DueOn, true), copy.AsDueItem());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void A_correction_changes_no_copy_whatever_it_holds(int version)
    {
        var opened = ReportDue.Apply(null, Opened());
        var submitted = ReportDue.Apply(opened, Submitted(version: 1, late: false));
        // Late, unlike the first submission: were it taken, the report would turn late.
        var correction = Submitted(version, late: true);

        Assert.True(ReportDue.AddsNothing(correction));
        Assert.Null(ReportDue.Apply(null, correction)); // before anything else arrived
        Assert.Null(ReportDue.Apply(opened, correction)); // before the first submission (it may arrive out of order)
        Assert.Null(ReportDue.Apply(submitted, correction));
    }
}
