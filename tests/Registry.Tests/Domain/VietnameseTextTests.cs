using System.Text;
using Platform.BuildingBlocks.Domain;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Xunit;

namespace Registry.Tests.Domain;

public class VietnameseTextTests
{
    [Fact]
    public void Clean_composes_decomposed_input_and_collapses_spaces()
    {
        var decomposed = "Viễn  thông   Lào Cai ".Normalize(NormalizationForm.FormD);
        var clean = VietnameseText.Clean(decomposed);
        Assert.Equal("Viễn thông Lào Cai", clean);
        Assert.True(clean.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("Viễn thông Lào Cai", "vien thong lao cai")]
    [InlineData("ĐẠI LÝ Internet Bắc Hà", "dai ly internet bac ha")]
    [InlineData("Mường Khương", "muong khuong")]
    public void Fold_removes_diacritics_and_case(string text, string folded) => Assert.Equal(folded, VietnameseText.Fold(text));

    [Fact]
    public void Exchange_names_are_derived_from_the_versioned_contract_name()
    {
        Assert.Equal("platform.registry.enterprise-registered.v1", IntegrationEventNames.ExchangeFor<EnterpriseRegisteredV1>());
        Assert.Equal("licence-expired.v1", IntegrationEventNames.EventName(typeof(LicenceExpiredV1)));
        Assert.Throws<ArgumentException>(() => IntegrationEventNames.EventName(typeof(string)));
    }
}
