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
        Assert.Equal(ComplianceStatus.NotTracked, Compliance.Check(c with { Category = CommitmentCategory.Reporting }, 2010, [], new DateOnly(2010, 7, 1)).Status);
    }
}
