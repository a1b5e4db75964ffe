using Platform.BuildingBlocks.Domain;
using Platform.Geography;
using Platform.Registry.Enterprises;
using Xunit;

namespace Registry.Tests.Domain;

/// <summary>The head office's commune is checked against the official list (pure: parse and the migration's decision).</summary>
public class HeadOfficeUnitTests
{
    private static RegisterEnterpriseRequest With(string? commune, string? district) =>
        TestData.Request() with { HeadOffice = new AddressInput("Số 2 Hoàng Liên", commune, district) };

    [Fact]
    public void A_commune_typed_without_diacritics_is_kept_with_its_official_code_and_generation()
    {
        var old = RegisterEnterprise.Parse(With("phuong coc leu", "thanh pho lao cai"), TestData.Geography).Command.Details.HeadOffice;
        Assert.Equal(new Address("Số 2 Hoàng Liên", "Phường Cốc Lếu", "Thành phố Lào Cai", "02644", UnitGeneration.ThreeTier), old);

        // The same code names another commune since 1 July 2025: without a district it is the current one.
        var current = RegisterEnterprise.Parse(With("02647", null), TestData.Geography).Command.Details.HeadOffice;
        Assert.Equal(new Address("Số 2 Hoàng Liên", "Phường Lào Cai", "", "02647", UnitGeneration.TwoTier), current);
    }

    [Fact]
    public void An_unknown_commune_is_refused_on_its_field_with_the_closest_names_and_a_stable_code()
    {
        var rejection = RegisterEnterprise.Parse(With("Phuong Coc Leuu", "Thành phố Lào Cai"), TestData.Geography).Rejection!;
        Assert.Equal(["headOffice.commune"], rejection.Errors!.Keys);
        Assert.Contains("Phường Cốc Lếu (02644)", rejection.Errors["headOffice.commune"][0]);
        var code = rejection.ErrorCodes!["headOffice.commune"].Single()!;
        Assert.Equal((UnitProblems.UnknownCommune, "Thành phố Lào Cai"), (code.Code, code.Within));
        Assert.Equal("Phường Cốc Lếu (02644)", code.Suggestions![0]);
    }

    [Fact]
    public void An_unknown_district_and_a_missing_commune_are_refused_on_their_fields()
    {
        var district = RegisterEnterprise.Parse(With("Phường Cốc Lếu", "Huyện Không Có"), TestData.Geography).Rejection!;
        Assert.Equal(UnitProblems.UnknownDistrict, district.ErrorCodes!["headOffice.district"].Single()!.Code);
        var missing = RegisterEnterprise.Parse(With(null, null), TestData.Geography).Rejection!;
        Assert.Equal(UnitProblems.CommuneRequired, missing.ErrorCodes!["headOffice.commune"].Single()!.Code);
        // Amendments check the same way.
        var amend = new AmendDetailsRequest("Công ty", "CT", ["postal"], ["postal-operator"], new AddressInput("Số 1", "Xã Không Có", null),
            new RepresentativeInput("A", "B"), new ContactInput("0214", "a@example.invalid"), null);
        Assert.Equal(UnitProblems.UnknownCommune, ChangeEnterprise.Parse(amend, TestData.Geography).Rejection!.ErrorCodes!["headOffice.commune"].Single()!.Code);
    }

    [Fact]
    public void The_migration_codes_a_head_office_entered_by_names_once_and_leaves_unknown_names_and_ceased_enterprises()
    {
        var typed = Registered(new Address("Số 1", "Phường Cốc Lếu", "Thành phố Lào Cai"));
        var coded = Assert.IsType<EnterpriseAddressCoded>(AddressCoding.Decide(typed, TestData.Geography).Events.Single());
        Assert.Equal(("02644", UnitGeneration.ThreeTier, "Số 1"), (coded.Details.HeadOffice.CommuneCode, coded.Details.HeadOffice.Generation!.Value, coded.Details.HeadOffice.Street));
        Assert.Equal(typed.Details with { HeadOffice = coded.Details.HeadOffice }, coded.Details);

        var after = Enterprise.When(typed, coded)!;
        Assert.Empty(AddressCoding.Decide(after, TestData.Geography).Events);
        Assert.Empty(AddressCoding.Decide(Registered(new Address("Số 1", "Phường 1", "Thành phố Trà Vinh")), TestData.Geography).Events);
        Assert.Empty(AddressCoding.Decide(typed with { Status = EnterpriseStatus.Ceased }, TestData.Geography).Events);
    }

    private static Enterprise Registered(Address address) =>
        Enterprise.When(null, new EnterpriseRegistered(Guid.NewGuid(), TestData.NewTaxCode(), TestData.Details() with { HeadOffice = address }, DateTimeOffset.UtcNow))!;
}
