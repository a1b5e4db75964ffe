using Platform.Meetings.RegistryLink;
using Platform.Meetings.Agreements;
using Xunit;
using static Meetings.Tests.Domain.Given;

namespace Meetings.Tests.Domain;

public class AgreementDecisionTests
{
    [Fact]
    public void Drafting_validates_parties_and_commitments()
    {
        var invalid = DraftAgreement.Parse(new(1900, null, [], [new(null, "gifts", "everyone", "daily")]));
        Assert.Equal(["commitments[0].cadence", "commitments[0].category", "commitments[0].party", "commitments[0].text", "enterpriseIds", "title", "year"],
            invalid.Rejection!.Errors!.Keys.Order());
        var viettel = Enterprise();
        Assert.Equal(new CommitmentTerms("Giao ban", CommitmentCategory.Briefing, CommitmentParty.Both, Cadence.None),
            DraftAgreement.Parse(new(2026, "x", [viettel.Id], [new(" Giao  ban", "briefing", "both", null)])).Command.Commitments.Single()); // no cadence: none
        var taken = DraftAgreement.Decide(new(2026, "x", [viettel.Id], [new("x", CommitmentCategory.Briefing, CommitmentParty.Both, Cadence.Yearly)]), Guid.NewGuid(), Known(viettel), true, Guid.NewGuid);
        Assert.Equal("agreement-exists-for-year", taken.Rejection!.Code);
        var a = Draft(viettel);
        Assert.Equal([null, viettel.Id], a.Parties.Select(p => p.EnterpriseId));
    }

    [Fact]
    public void In_force_only_when_every_party_has_signed()
    {
        var (viettel, vnpt) = (Enterprise(), Enterprise("VNPT"));
        var a = Draft(viettel, vnpt);
        a = Apply(a, SignAgreement.Decide(a, new(null, "Giám đốc Sở", Today), Today), CooperationAgreement.When);
        a = Apply(a, SignAgreement.Decide(a, new(viettel.Id, "Giám đốc Viettel", Today), Today), CooperationAgreement.When);
        Assert.Equal(AgreementStatus.Draft, a.Status);
        Assert.Equal("already-signed", SignAgreement.Decide(a, new(viettel.Id, "x", Today), Today).Rejection!.Code);
        Assert.Equal("not-a-party", SignAgreement.Decide(a, new(Guid.NewGuid(), "x", Today), Today).Rejection!.Code);
        Assert.Equivalent(new[] { "signedBy", "signedOn" }, SignAgreement.Parse(new SignRequest(vnpt.Id, " ", null)).Rejection!.Errors!.Keys, strict: true);
        Assert.Equal("signed-in-future", SignAgreement.Decide(a, new(vnpt.Id, "x", Today.AddDays(1)), Today).Rejection!.Code);
        var last = SignAgreement.Decide(a, new(vnpt.Id, "Giám đốc VNPT", Today.AddDays(-1)), Today);
        Assert.Single(last.Events.OfType<AgreementCameIntoForce>());
        a = Apply(a, last, CooperationAgreement.When);
        Assert.Equal((AgreementStatus.InForce, Today), (a.Status, a.InForceFrom));
        Assert.Equal(new DateOnly(Today.Year, 12, 31), a.ExpiresOn);
        Assert.True(a.IsExpired(new DateOnly(Today.Year + 1, 1, 1)));
        Assert.Equal("agreement-expired", SignAgreement.Decide(Draft(viettel), new(null, "x", Today), new DateOnly(Today.Year + 1, 1, 1)).Rejection!.Code);
    }

    [Fact]
    public void A_ceased_enterprise_leaves_pending_signatures_with_the_reason_and_the_rest_may_come_into_force()
    {
        var (viettel, sfone) = (Enterprise(), Enterprise("S-Fone"));
        var a = Draft(viettel, sfone);
        a = Apply(a, SignAgreement.Decide(a, new(null, "Giám đốc Sở", Today), Today), CooperationAgreement.When);
        a = Apply(a, SignAgreement.Decide(a, new(viettel.Id, "Giám đốc Viettel", Today), Today), CooperationAgreement.When);
        var removal = CeasedEnterpriseConsumer.RemoveCeasedParty(a, sfone.Id, "Giải thể");
        a = Apply(a, removal, CooperationAgreement.When);
        Assert.Equal(("S-Fone", "Giải thể"), (a.Removed.Single().Name, a.Removed.Single().Reason));
        Assert.Equal(AgreementStatus.InForce, a.Status);
        Assert.Empty(CeasedEnterpriseConsumer.RemoveCeasedParty(a, sfone.Id, "Giải thể").Events); // redelivery changes nothing
        Assert.Equal("party-removed", SignAgreement.Decide(a, new(sfone.Id, "x", Today), Today).Rejection!.Code);
        // A party that already signed stays: its signature is a fact.
        Assert.Empty(CeasedEnterpriseConsumer.RemoveCeasedParty(a, viettel.Id, "Giải thể").Events);
    }

    [Fact]
    public void Renewal_drafts_next_year_with_the_enterprises_still_active()
    {
        var (viettel, sfone) = (Enterprise(), Enterprise("S-Fone"));
        var a = Draft(viettel, sfone);
        Assert.Equal("agreement-not-in-force", RenewAgreement.Decide(a, Guid.NewGuid(), Known(viettel, sfone), false, Guid.NewGuid).Rejection!.Code);
        foreach (var p in a.Parties.ToList()) a = Apply(a, SignAgreement.Decide(a, new(p.EnterpriseId, "Giám đốc", Today), Today), CooperationAgreement.When);
        var next = Apply<CooperationAgreement>(null, RenewAgreement.Decide(a, Guid.NewGuid(), Known(viettel, sfone with { Status = "ceased" }), false, Guid.NewGuid), CooperationAgreement.When);
        Assert.Equal((Today.Year + 1, AgreementStatus.Draft, a.Id), (next.Year, next.Status, next.RenewedFrom));
        Assert.Equal($"Chương trình phối hợp năm {Today.Year + 1}", next.Title);
        Assert.Equal([null, viettel.Id], next.Parties.Select(p => p.EnterpriseId));
        Assert.Equal("S-Fone", next.Removed.Single().Name);
        Assert.Equal("agreement-exists-for-year", RenewAgreement.Decide(a, Guid.NewGuid(), Known(viettel), true, Guid.NewGuid).Rejection!.Code);
    }

    [Fact]
    public void A_six_monthly_briefing_commitment_expects_two_briefings_in_the_year()
    {
        var c = new Commitment(Guid.NewGuid(), "Giao ban 6 tháng", CommitmentCategory.Briefing, CommitmentParty.Both, Cadence.SixMonthly);
        Assert.Equal(ComplianceStatus.OnTrack, Compliance.Check(c, 2010, [], new DateOnly(2010, 5, 1)).Status);
        Assert.Equal(ComplianceStatus.Behind, Compliance.Check(c, 2010, [], new DateOnly(2010, 7, 1)).Status);
        Assert.Equal(ComplianceStatus.OnTrack, Compliance.Check(c, 2010, [new(2010, 6, 20)], new DateOnly(2010, 7, 1)).Status);
        Assert.Equal(ComplianceStatus.Missed, Compliance.Check(c, 2010, [new(2010, 6, 20), new(2009, 12, 20)], new DateOnly(2011, 1, 2)).Status);
        var met = Compliance.Check(c, 2010, [new(2010, 6, 20), new(2010, 12, 1)], new DateOnly(2010, 12, 2));
        Assert.Equal((2, 2, ComplianceStatus.Met), (met.Expected, met.Actual, met.Status));
        Assert.Equal(ComplianceStatus.NotTracked, Compliance.Check(c with { Category = CommitmentCategory.ServiceQuality }, 2010, [], new DateOnly(2010, 7, 1)).Status);
        Assert.Equal(ComplianceStatus.NotTracked, Compliance.Check(c with { Cadence = Cadence.None }, 2010, [], new DateOnly(2010, 7, 1)).Status);
    }

    // Monthly reports of 2010, due on the 10th of the next month: January's on time, February's late, March's never submitted.
    private static readonly DueItem[] Reports2010 = [new(new(2010, 2, 10), true), new(new(2010, 3, 10), false), new(new(2010, 4, 10), false)];

    private static CommitmentCompliance Reporting(Cadence cadence, DateOnly today, params DueItem[] reports) =>
        Compliance.Check(new Commitment(Guid.NewGuid(), "Báo cáo định kỳ", CommitmentCategory.Reporting, CommitmentParty.Enterprises, cadence), 2010,
            new ComplianceData([], reports, []), today);

    [Fact]
    public void A_reporting_commitment_counts_the_reports_due_in_the_year_that_came_by_their_due_date()
    {
        var onTrack = Reporting(Cadence.None, new DateOnly(2010, 3, 1), Reports2010);
        Assert.Equal((3, 1, 1, ComplianceStatus.OnTrack, 100m), (onTrack.Expected, onTrack.DueSoFar, onTrack.Actual, onTrack.Status, onTrack.OnTimePercent));
        Assert.Equal(ComplianceMeasure.ReportsOnTime, onTrack.Measure);
        var behind = Reporting(Cadence.None, new DateOnly(2010, 3, 11), Reports2010); // February's came late
        Assert.Equal((2, 1, ComplianceStatus.Behind, 50m), (behind.DueSoFar, behind.Actual, behind.Status, behind.OnTimePercent));
        // A report due in another year is that year's; a report whose due date is today is not judged yet.
        Assert.Equal(0, Reporting(Cadence.None, new DateOnly(2010, 2, 10), new DueItem(new(2009, 12, 10), false), Reports2010[0]).DueSoFar);
        var missed = Reporting(Cadence.None, new DateOnly(2011, 1, 1), Reports2010);
        Assert.Equal((3, 3, 1, ComplianceStatus.Missed), (missed.Expected, missed.DueSoFar, missed.Actual, missed.Status));
        var met = Reporting(Cadence.Monthly, new DateOnly(2011, 1, 1), Reports2010[0], new DueItem(new(2010, 12, 10), true));
        Assert.Equal((2, 2, ComplianceStatus.Met, 100m), (met.DueSoFar, met.Actual, met.Status, met.OnTimePercent));
        // Nothing due yet: on track, no share.
        var none = Reporting(Cadence.Quarterly, new DateOnly(2010, 1, 5));
        Assert.Equal((0, ComplianceStatus.OnTrack, (decimal?)null), (none.Expected, none.Status, none.OnTimePercent));
    }

    [Fact]
    public void A_reporting_commitment_is_judged_per_cadence_period()
    {
        // Quarterly: February's late report (due 10 March) is judged when the first quarter ends, not before.
        Assert.Equal(ComplianceStatus.OnTrack, Reporting(Cadence.Quarterly, new DateOnly(2010, 3, 31), Reports2010).Status);
        var q1 = Reporting(Cadence.Quarterly, new DateOnly(2010, 4, 1), Reports2010);
        Assert.Equal((2, 1, ComplianceStatus.Behind), (q1.DueSoFar, q1.Actual, q1.Status)); // March's (due 10 April) waits for the second quarter
        Assert.Equal(3, Reporting(Cadence.Quarterly, new DateOnly(2010, 7, 1), Reports2010).DueSoFar);
        Assert.Equal(0, Reporting(Cadence.Yearly, new DateOnly(2010, 12, 31), Reports2010).DueSoFar);
        Assert.Equal(2, Reporting(Cadence.Monthly, new DateOnly(2010, 4, 1), Reports2010).DueSoFar);
    }

    [Fact]
    public void A_sharing_commitment_counts_the_requests_answered_by_their_deadline()
    {
        var c = new Commitment(Guid.NewGuid(), "Trả lời đề nghị dùng chung hạ tầng đúng hạn", CommitmentCategory.InfrastructureSharing, CommitmentParty.Both, Cadence.SixMonthly);
        DueItem[] requests = [new(new(2010, 3, 1), true), new(new(2010, 8, 1), false)];
        var data = new ComplianceData([], Reports2010, requests); // the reports are not this commitment's
        var h1 = Compliance.Check(c, 2010, data, new DateOnly(2010, 7, 1));
        Assert.Equal((2, 1, 1, ComplianceStatus.OnTrack, ComplianceMeasure.SharingAnswersInTime), (h1.Expected, h1.DueSoFar, h1.Actual, h1.Status, h1.Measure));
        Assert.Equal(ComplianceStatus.OnTrack, Compliance.Check(c, 2010, data, new DateOnly(2010, 12, 31)).Status); // the second half has not ended
        var q3 = Compliance.Check(c with { Cadence = Cadence.Quarterly }, 2010, data, new DateOnly(2010, 10, 1));
        Assert.Equal((2, 1, ComplianceStatus.Behind, 50m), (q3.DueSoFar, q3.Actual, q3.Status, q3.OnTimePercent));
        Assert.Equal(ComplianceStatus.Missed, Compliance.Check(c, 2010, data, new DateOnly(2011, 1, 1)).Status);
        Assert.Equal(ComplianceStatus.Met, Compliance.Check(c, 2010, data with { SharingAnswers = [requests[0]] }, new DateOnly(2011, 1, 1)).Status);
        // Only the Department bound: no data on its side, so not tracked.
        Assert.Equal(ComplianceStatus.NotTracked, Compliance.Check(c with { Party = CommitmentParty.Department }, 2010, data, new DateOnly(2010, 7, 1)).Status);
    }
}
