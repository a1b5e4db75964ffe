using Platform.Registry.Enterprises;
using Xunit;

namespace Registry.Tests.Domain;

public class TaxCodeTests
{
    [Theory]
    [InlineData("0100109106")]      // Viettel's published tax code
    [InlineData("0100684378")]      // VNPT's published tax code
    [InlineData("0100109106-001")]  // a branch
    [InlineData(" 5399900014 ")]    // surrounding spaces are trimmed
    public void Accepts_codes_with_a_matching_check_digit(string input)
    {
        Assert.True(TaxCode.TryParse(input, out var code, out var error), error);
        Assert.Equal(input.Trim(), code);
    }

    [Theory]
    [InlineData("0100109107", "check digit")]
    [InlineData("010010910", "10 digits")]
    [InlineData("01001091066", "10 digits")]
    [InlineData("01001O9106", "10 digits")]
    [InlineData("0100109106-000", "001 to 999")]
    [InlineData("0100109106-01", "001 to 999")]
    [InlineData("0100109106-001-002", "10 digits")]
    [InlineData("", "10 digits")]
    [InlineData(null, "10 digits")]
    public void Refuses_malformed_codes_saying_why(string? input, string reason)
    {
        Assert.False(TaxCode.TryParse(input, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Check_digit_follows_the_weighted_mod_11_rule()
    {
        // 31*0 + 29*1 + 23*0 + 19*0 + 17*1 + 13*0 + 7*9 + 5*1 + 3*0 = 114; 114 mod 11 = 4; 10 - 4 = 6
        Assert.Equal(6, TaxCode.CheckDigit("010010910"));
    }

    [Fact]
    public void Prefixes_whose_check_would_be_ten_are_never_valid()
    {
        var prefix = Enumerable.Range(0, 1000).Select(i => $"010000{i:D3}").First(p => TaxCode.CheckDigit(p) is null);
        for (var d = 0; d <= 9; d++) Assert.False(TaxCode.TryParse(prefix + d, out _, out _));
    }
}
