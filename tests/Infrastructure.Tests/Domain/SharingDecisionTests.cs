using Platform.BuildingBlocks.Domain;
using Platform.Infrastructure.Sharing;
using Platform.Infrastructure.Sites;
using Xunit;
using static Infrastructure.Tests.Domain.Given;

namespace Infrastructure.Tests.Domain;

public class SharingDecisionTests
{
    private readonly Platform.BuildingBlocks.Enterprises.KnownEnterprise _owner = Enterprise("Viettel");
    private readonly Platform.BuildingBlocks.Enterprises.KnownEnterprise _requester = Enterprise("MobiFone");

    [Fact]
    public void Submission_rules()
    {
        var site = OperationalTower(_owner);
        var submit = (Site? s, Platform.BuildingBlocks.Enterprises.KnownEnterprise? r, bool open) =>
            SubmitSharing.Decide(new SharingAsked(site.Id, r?.Id ?? Guid.NewGuid(), "Lắp anten"), Guid.NewGuid(), s, r, open, Today, DateTimeOffset.UtcNow, 30).Rejection?.Code;

        Assert.Null(submit(site, _requester, false));
        Assert.Equal("unknown-site", submit(null, _requester, false));
        Assert.Equal("unknown-enterprise", submit(site, null, false));
        Assert.Equal("enterprise-not-active", submit(site, _requester with { Status = "suspended" }, false));
        Assert.Equal("own-site", submit(site, _owner, false));
        Assert.Equal("request-already-open", submit(site, _requester, true));
        Assert.Equal("already-tenant", submit(site with { Tenants = [_requester.Id] }, _requester, false));
        Assert.Equal("site-unavailable", submit(site with { Status = SiteStatus.Decommissioned }, _requester, false));
        Assert.Equal(["purpose"], SubmitSharing.Parse(new SubmitSharingRequest(site.Id, _requester.Id, " ")).Rejection!.Errors!.Keys);
        Assert.Equivalent(new[] { "siteId", "requesterId" }, SubmitSharing.Parse(new SubmitSharingRequest(null, Guid.Empty, "x")).Rejection!.Errors!.Keys, strict: true);
    }

    [Fact]
    public void A_request_records_the_answer_deadline_in_force_when_it_was_submitted()
    {
        var site = OperationalTower(_owner);
        var decision = SubmitSharing.Decide(new SharingAsked(site.Id, _requester.Id, "Lắp anten"), Guid.NewGuid(), site, _requester, false,
            Today, DateTimeOffset.UtcNow, answerDays: 15);
        var submitted = Assert.IsType<SharingRequestSubmitted>(Assert.Single(decision.Events));
        Assert.Equal(Today.AddDays(15), submitted.AnswerDueOn); // Meetings judges sharing-response commitments by it
    }

    [Fact]
    public void Owner_is_overdue_only_after_the_answer_period_and_only_while_unanswered()
    {
        var request = Submitted(OperationalTower(_owner), _requester, on: Today.AddDays(-30));
        Assert.False(request.IsOverdue(Today, 30));
        Assert.True(request.IsOverdue(Today.AddDays(1), 30));
        var offered = Apply(request, OwnerAnswer.MakeOffer(request, new SharingOfferTerms(1_000_000m, 12, "x"), [], 20m, Today), SharingRequest.When);
        Assert.False(offered.IsOverdue(Today.AddDays(100), 30));
    }

    [Theory]
    [InlineData(5_000_000, new double[] { }, null, false)]
    [InlineData(5_000_000, new double[] { 5_000_000 }, 0.0, false)]
    [InlineData(6_000_000, new double[] { 5_000_000 }, 20.0, false)]
    [InlineData(6_100_000, new double[] { 5_000_000 }, 22.0, true)]
    [InlineData(3_000_000, new double[] { 4_000_000, 6_000_000 }, -40.0, true)]
    public void Fee_deviation_flags_unequal_treatment(double fee, double[] others, double? deviation, bool flagged)
    {
        var (d, f) = OwnerAnswer.FeeDeviation((decimal)fee, others.Select(o => (decimal)o).ToList(), 20m);
        Assert.Equal(deviation is null ? null : (decimal?)deviation, d);
        Assert.Equal(flagged, f);
    }

    [Fact]
    public void An_offer_needs_valid_terms_and_an_unanswered_request()
    {
        var request = Submitted(OperationalTower(_owner), _requester);
        var rejection = OwnerAnswer.Parse(new MakeOfferRequest(-1m, 0, "")).Rejection!;
        Assert.Equivalent(new[] { "monthlyFeeVnd", "termMonths", "technicalConditions" }, rejection.Errors!.Keys, strict: true);
        Assert.Equal(["monthlyFeeVnd"], OwnerAnswer.Parse(new MakeOfferRequest(1000.5m, 12, "x")).Rejection!.Errors!.Keys);
        var offered = Apply(request, OwnerAnswer.MakeOffer(request, new SharingOfferTerms(7_000_000m, 60, "x"), [5_000_000m], 20m, Today), SharingRequest.When);
        Assert.True(offered.Offer!.FeeFlagged);
        Assert.Equal(40.0m, offered.Offer.FeeDeviationPercent);
        Assert.Equal("invalid-sharing-transition", OwnerAnswer.MakeOffer(offered, new SharingOfferTerms(1m, 1, "x"), [], 20m, Today).Rejection!.Code);
    }

    [Fact]
    public void Refusal_reasons_come_from_the_list_and_other_needs_text()
    {
        var request = Submitted(OperationalTower(_owner), _requester);
        Assert.Equal(["reason"], OwnerAnswer.Parse(new RefuseRequest("busy", null)).Rejection!.Errors!.Keys);
        Assert.Equal(["explanation"], OwnerAnswer.Parse(new RefuseRequest("other", "")).Rejection!.Errors!.Keys);
        foreach (var (code, reason) in new[] { ("no-capacity", RefusalReason.NoCapacity), ("technical", RefusalReason.Technical), ("safety", RefusalReason.Safety) })
            Assert.Equal(new SharingRefusal(reason, null), OwnerAnswer.Parse(new RefuseRequest(code, null)).Command);
        Assert.True(OwnerAnswer.Refuse(request, new SharingRefusal(RefusalReason.NoCapacity, null), Today).IsAccepted);
        var refused = Apply(request, OwnerAnswer.Refuse(request, new SharingRefusal(RefusalReason.Safety, null), Today), SharingRequest.When);
        Assert.Equal((SharingStatus.Refused, RefusalReason.Safety), (refused.Status, refused.RefusalReason!.Value));
    }

    [Fact]
    public void Acceptance_concludes_the_agreement_only_while_the_site_has_room()
    {
        var site = OperationalTower(_owner, capacity: 1);
        var offered = Offered(site, _requester);
        var decision = RequesterAnswer.Accept(offered, site, Today);
        var concluded = (SharingAgreementConcluded)Assert.Single(decision.EventsFor(offered.Id));
        Assert.Equal((site.Id, _requester.Id, 5_000_000m, false), (concluded.SiteId, concluded.TenantId, concluded.MonthlyFeeVnd, concluded.ByMediation));
        // The requester becomes a tenant on the site's own stream, in the same decision.
        var tenant = (TenantAdded)Assert.Single(decision.EventsFor(site.Id));
        Assert.Equal((site.Id, _requester.Id, offered.Id), (tenant.SiteId, tenant.TenantId, tenant.SharingRequestId));
        Assert.Equal(2, decision.Changes.Count);
        Assert.Equal(SharingStatus.Concluded, SharingRequest.When(offered, concluded)!.Status);

        var full = site with { Tenants = [Guid.NewGuid()] };
        Assert.Equal("site-full", RequesterAnswer.Accept(offered, full, Today).Rejection!.Code);
        Assert.Equal("invalid-sharing-transition", RequesterAnswer.Accept(Submitted(site, _requester), site, Today).Rejection!.Code);
    }

    [Fact]
    public void Declining_needs_an_offer()
    {
        var site = OperationalTower(_owner);
        Assert.Equal("invalid-sharing-transition", RequesterAnswer.Decline(Submitted(site, _requester), new SharingOfferDeclining(null), Today).Rejection!.Code);
        Assert.Equal(SharingStatus.Declined, Apply(Offered(site, _requester), RequesterAnswer.Decline(Offered(site, _requester), new SharingOfferDeclining("Giá cao"), Today), SharingRequest.When).Status);
    }

    [Fact]
    public void Only_a_party_may_dispute_and_mediation_ends_it()
    {
        var site = OperationalTower(_owner);
        var request = Submitted(site, _requester);
        var refused = Apply(request, OwnerAnswer.Refuse(request, new SharingRefusal(RefusalReason.Technical, null), Today), SharingRequest.When);
        Assert.Equal("not-a-party", SharingDisputes.RaiseDispute(refused, new DisputeRaising(Guid.NewGuid(), "x"), Today).Rejection!.Code);
        var disputed = Apply(refused, SharingDisputes.RaiseDispute(refused, new DisputeRaising(_requester.Id, "Cột còn chỗ"), Today), SharingRequest.When);
        Assert.Equal((SharingStatus.Disputed, SharingStatus.Refused), (disputed.Status, disputed.DisputedFrom!.Value));
        Assert.Equal("invalid-sharing-transition", SharingDisputes.RaiseDispute(disputed, new DisputeRaising(_owner.Id, "x"), Today).Rejection!.Code);

        var upheld = Apply(disputed, SharingDisputes.Mediate(disputed, new MediationDecision(MediationOutcome.Upheld, "Giữ nguyên", null), site, Today), SharingRequest.When);
        Assert.Equal((SharingStatus.Resolved, MediationOutcome.Upheld), (upheld.Status, upheld.Outcome!.Value));
        Assert.Equal("invalid-sharing-transition", SharingDisputes.Mediate(upheld, new MediationDecision(MediationOutcome.Upheld, "x", null), site, Today).Rejection!.Code);
    }

    /// <summary>Found by tests/BadInput.Tests: a mediated fee of 1,200,000.5 VND was accepted, while an offer refuses it.</summary>
    [Fact]
    public void Mediated_terms_and_free_text_follow_the_same_rules_as_an_offer()
    {
        var site = OperationalTower(_owner);
        var request = Submitted(site, _requester);
        var disputed = Apply(request, SharingDisputes.RaiseDispute(request, new DisputeRaising(_requester.Id, "Phí cao"), Today), SharingRequest.When);
        Assert.Equal(["monthlyFeeVnd"], SharingDisputes.Parse(new MediationRequest("overturned", "Cho thuê", 1_200_000.5m, 12)).Rejection!.Errors!.Keys);
        Assert.Equal(["explanation"], OwnerAnswer.Parse(new RefuseRequest("no-capacity", "Hết\0chỗ")).Rejection!.Errors!.Keys);
        Assert.Equal(["reason"], RequesterAnswer.Parse(new DeclineRequest(new string('r', 1001))).Rejection!.Errors!.Keys);
    }

    [Fact]
    public void Overturning_concludes_on_the_mediated_terms()
    {
        var site = OperationalTower(_owner);
        var request = Submitted(site, _requester);
        var disputed = Apply(request, SharingDisputes.RaiseDispute(request, new DisputeRaising(_requester.Id, "Chủ trạm không trả lời"), Today), SharingRequest.When);
        Assert.Equivalent(new[] { "monthlyFeeVnd", "termMonths" }, SharingDisputes.Parse(new MediationRequest("overturned", "Cho thuê", null, null)).Rejection!.Errors!.Keys, strict: true);
        Assert.Null(SharingDisputes.Parse(new MediationRequest("upheld", "Giữ nguyên", 5m, 3)).Command.Terms); // terms only when overturned
        var decision = SharingDisputes.Mediate(disputed, new MediationDecision(MediationOutcome.Overturned, "Cho thuê theo giá 4 triệu", new MediatedTerms(4_000_000m, 36)), site, Today);
        var concluded = decision.EventsFor(disputed.Id).OfType<SharingAgreementConcluded>().Single();
        Assert.True(concluded.ByMediation);
        Assert.Equal(_requester.Id, ((TenantAdded)Assert.Single(decision.EventsFor(site.Id))).TenantId);
        Assert.Empty(SharingDisputes.Mediate(disputed, new MediationDecision(MediationOutcome.Upheld, "Giữ nguyên", null), site, Today).EventsFor(site.Id));
        Assert.Equal(4_000_000m, concluded.MonthlyFeeVnd);
        var resolved = Apply(disputed, decision, SharingRequest.When);
        Assert.Equal((SharingStatus.Resolved, MediationOutcome.Overturned), (resolved.Status, resolved.Outcome!.Value));
        Assert.Equal("site-full", SharingDisputes.Mediate(disputed, new MediationDecision(MediationOutcome.Overturned, "x", new MediatedTerms(1m, 1)), site with { TenantCapacity = 0 }, Today).Rejection!.Code);
    }
}
