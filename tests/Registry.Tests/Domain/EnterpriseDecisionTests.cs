using Platform.BuildingBlocks.Domain;
using Platform.Registry.Enterprises;
using Xunit;

namespace Registry.Tests.Domain;

public class EnterpriseDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    private static Enterprise Registered(NewEnterprise? command = null)
    {
        var decision = RegisterEnterprise.Decide(command ?? TestData.Registration(), Guid.NewGuid(), Now);
        return Enterprise.When(null, decision.Events.Single())!;
    }

    private static Enterprise After(Enterprise state, Decision decision)
    {
        Assert.True(decision.IsAccepted, decision.Rejection?.Detail);
        return decision.Events.Aggregate(state, (s, e) => Enterprise.When(s, e)!);
    }

    [Fact]
    public void Registration_parses_clean_text_and_starts_active()
    {
        var request = TestData.Request() with { LegalName = "  Công ty  Bưu chính ".Normalize(System.Text.NormalizationForm.FormD), Sectors = [" Postal ", "postal"] };
        var command = RegisterEnterprise.Parse(request, TestData.Geography).Command;
        Assert.Equal("Công ty Bưu chính", command.Details.LegalName);
        Assert.Equal([Sector.Postal], command.Details.Sectors);
        var state = Registered(command);
        Assert.Equal("Công ty Bưu chính", state.Details.LegalName);
        Assert.Equal(EnterpriseStatus.Active, state.Status);
        Assert.Equal([Sector.Postal], state.Details.Sectors);
        Assert.Equal(Now, state.RegisteredAt);
    }

    [Fact]
    public void Registration_reports_every_invalid_field_at_once()
    {
        var request = new RegisterEnterpriseRequest("123", "", null, [], ["satellite"], null, new RepresentativeInput("A", null), new ContactInput("abc", "not-an-email"));
        var rejection = RegisterEnterprise.Parse(request, TestData.Geography).Rejection!;
        Assert.Equal(RejectionKind.Invalid, rejection.Kind);
        Assert.Equivalent(new[]
        {
            // No district is no error (since 1 July 2025 a commune has none); no commune is.
            "taxCode", "legalName", "shortName", "sectors", "kinds", "headOffice.street", "headOffice.commune",
            "representative.title", "contact.phone", "contact.email",
        }, rejection.Errors!.Keys, strict: true);
        Assert.Contains("satellite", rejection.Errors["kinds"][0]);
    }

    [Fact]
    public void Suspend_reinstate_cease_follow_the_lifecycle()
    {
        var state = Registered();
        state = After(state, ChangeEnterprise.Suspend(state, new SuspendEnterprise("Chưa nộp báo cáo")));
        Assert.Equal(EnterpriseStatus.Suspended, state.Status);
        Assert.Equal("already-suspended", ChangeEnterprise.Suspend(state, new SuspendEnterprise("again")).Rejection!.Code);

        state = After(state, ChangeEnterprise.Reinstate(state, new ReinstateEnterprise(null)));
        Assert.Equal(EnterpriseStatus.Active, state.Status);
        Assert.Equal("not-suspended", ChangeEnterprise.Reinstate(state, new ReinstateEnterprise(null)).Rejection!.Code);

        state = After(state, ChangeEnterprise.Cease(state, new CeaseEnterprise("Giải thể")));
        Assert.Equal(EnterpriseStatus.Ceased, state.Status);
    }

    [Fact]
    public void Ceased_is_final()
    {
        var state = Registered();
        state = After(state, ChangeEnterprise.Cease(state, new CeaseEnterprise("Giải thể")));
        Assert.Equal(RejectionKind.Conflict, ChangeEnterprise.Suspend(state, new SuspendEnterprise("x")).Rejection!.Kind);
        Assert.Equal(RejectionKind.Conflict, ChangeEnterprise.Reinstate(state, new ReinstateEnterprise(null)).Rejection!.Kind);
        Assert.Equal(RejectionKind.Conflict, ChangeEnterprise.Cease(state, new CeaseEnterprise("x")).Rejection!.Kind);
        Assert.Equal("enterprise-ceased", ChangeEnterprise.Amend(state, new AmendEnterpriseDetails(TestData.Details(), null)).Rejection!.Code);
    }

    [Fact]
    public void Suspension_and_cessation_need_a_reason()
    {
        Assert.Equal(["reason"], ChangeEnterprise.ParseSuspension(new ReasonRequest(" ")).Rejection!.Errors!.Keys);
        Assert.Equal(["reason"], ChangeEnterprise.ParseCessation(new ReasonRequest(null)).Rejection!.Errors!.Keys);
        Assert.Equal("Chưa nộp báo cáo", ChangeEnterprise.ParseSuspension(new ReasonRequest("  Chưa nộp  báo cáo ")).Command.Reason);
    }

    [Fact]
    public void Amending_changes_details_and_amending_to_the_same_records_nothing()
    {
        var state = Registered();
        Assert.Empty(ChangeEnterprise.Amend(state, new AmendEnterpriseDetails(TestData.Details(), "Đổi tên")).Events);

        var amended = After(state, ChangeEnterprise.Amend(state, new AmendEnterpriseDetails(TestData.Details("VNPost Lào Cai", [Sector.Postal, Sector.It]), "Đổi tên")));
        Assert.Equal("VNPost Lào Cai", amended.Details.ShortName);
        Assert.Equal([Sector.Postal, Sector.It], amended.Details.Sectors);
        Assert.Equal(state.TaxCode, amended.TaxCode);
    }
}
