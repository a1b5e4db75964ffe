using Platform.BuildingBlocks.Domain;
using Platform.Registry.Enterprises;
using Platform.Registry.Licences;
using Xunit;

namespace Registry.Tests.Domain;

public class LicenceDecisionTests
{
    private static readonly DateOnly Issued = new(2024, 1, 15);
    private static readonly DateOnly Expires = new(2029, 1, 14);

    private static (Enterprise State, Guid LicenceId) WithLicence()
    {
        var state = Enterprise.When(null, RegisterEnterprise.Decide(TestData.Registration(), Guid.NewGuid(), DateTimeOffset.UtcNow).Events[0])!;
        var licenceId = Guid.NewGuid();
        var granted = LicenceCommands.Grant(state, new GrantLicence("123/GP-BTTTT", LicenceType.TelecomNetwork, IssuingAuthority.Ministry, Issued, Expires), licenceId);
        return (Enterprise.When(state, granted.Events.Single())!, licenceId);
    }

    [Fact]
    public void Grant_records_a_valid_licence()
    {
        var (state, id) = WithLicence();
        var licence = state.FindLicence(id)!;
        Assert.Equal((LicenceType.TelecomNetwork, IssuingAuthority.Ministry, LicenceStatus.Valid, Expires), (licence.Type, licence.Authority, licence.Status, licence.ExpiresOn));
    }

    [Fact]
    public void Grant_validates_every_field()
    {
        var rejection = LicenceCommands.Parse(new GrantLicenceRequest("", "spectrum", "province", Expires, Issued)).Rejection!;
        Assert.Equivalent(new[] { "number", "type", "issuingAuthority", "expiresOn" }, rejection.Errors!.Keys, strict: true);
        Assert.Equal(["issuedOn", "expiresOn"], LicenceCommands.Parse(new GrantLicenceRequest("1", "postal", "department", null, null)).Rejection!.Errors!.Keys);
        Assert.Equal(new GrantLicence("1/GP", LicenceType.Postal, IssuingAuthority.Department, Issued, Expires),
            LicenceCommands.Parse(new GrantLicenceRequest(" 1/GP ", "postal", "Department", Issued, Expires)).Command);
    }

    [Fact]
    public void The_same_licence_number_and_type_cannot_be_recorded_twice()
    {
        var (state, _) = WithLicence();
        var again = LicenceCommands.Grant(state, new GrantLicence("123/GP-BTTTT", LicenceType.TelecomNetwork, IssuingAuthority.Ministry, Issued, Expires), Guid.NewGuid());
        Assert.Equal("duplicate-licence", again.Rejection!.Code);
    }

    [Fact]
    public void Renewal_must_extend_a_valid_licence()
    {
        var (state, id) = WithLicence();
        Assert.Equal(RejectionKind.Unprocessable, LicenceCommands.Renew(state, id, new RenewLicence(Expires)).Rejection!.Kind);
        Assert.Equal(RejectionKind.NotFound, LicenceCommands.Renew(state, Guid.NewGuid(), new RenewLicence(Expires.AddYears(1))).Rejection!.Kind);
        Assert.Equal(["expiresOn"], LicenceCommands.ParseRenewal(new RenewLicenceRequest(null)).Rejection!.Errors!.Keys);

        var renewed = Enterprise.When(state, LicenceCommands.Renew(state, id, new RenewLicence(Expires.AddYears(5))).Events.Single())!;
        Assert.Equal(Expires.AddYears(5), renewed.FindLicence(id)!.ExpiresOn);
    }

    [Fact]
    public void Revoked_licences_cannot_be_renewed_or_revoked_again()
    {
        var (state, id) = WithLicence();
        state = Enterprise.When(state, LicenceCommands.Revoke(state, id, new RevokeLicence("Vi phạm quy hoạch")).Events.Single())!;
        Assert.Equal(LicenceStatus.Revoked, state.FindLicence(id)!.Status);
        Assert.Equal("licence-revoked", LicenceCommands.Renew(state, id, new RenewLicence(Expires.AddYears(1))).Rejection!.Code);
        Assert.Equal("licence-revoked", LicenceCommands.Revoke(state, id, new RevokeLicence("again")).Rejection!.Code);
        Assert.Equal(["reason"], LicenceCommands.ParseRevocation(new ReasonRequest("")).Rejection!.Errors!.Keys);
    }

    [Fact]
    public void Expiry_happens_the_day_after_the_last_valid_day_and_only_once()
    {
        var (state, id) = WithLicence();
        Assert.Empty(LicenceCommands.ExpireOverdue(state, Expires).Events);
        var expired = LicenceCommands.ExpireOverdue(state, Expires.AddDays(1)).Events.Single();
        Assert.Equal(new LicenceExpired(state.Id, id, Expires), expired);
        state = Enterprise.When(state, expired)!;
        Assert.Empty(LicenceCommands.ExpireOverdue(state, Expires.AddDays(30)).Events);
    }

    [Fact]
    public void A_ceased_enterprise_gets_no_new_licence()
    {
        var (state, _) = WithLicence();
        state = Enterprise.When(state, ChangeEnterprise.Cease(state, new CeaseEnterprise("Giải thể")).Events.Single())!;
        Assert.Equal("enterprise-ceased", LicenceCommands.Grant(state, new GrantLicence("9/GP", LicenceType.Postal, IssuingAuthority.Department, Issued, Expires), Guid.NewGuid()).Rejection!.Code);
    }
}
