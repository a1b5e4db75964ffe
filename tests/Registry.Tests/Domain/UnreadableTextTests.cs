using Platform.BuildingBlocks.Domain;
using Platform.Registry.Enterprises;
using Xunit;

namespace Registry.Tests.Domain;

/// <summary>Text a person could not have typed is refused before it reaches the store (PostgreSQL's jsonb refuses NUL,
/// and a 500 was the answer before); tab and line breaks stay allowed in free text. Found by tests/BadInput.Tests.</summary>
public class UnreadableTextTests
{
    [Theory]
    [InlineData("Viễn\0thông", "U+0000")]
    [InlineData("Chuông\u0007", "U+0007")]
    [InlineData("\u001b[31mđỏ", "U+001B")]
    [InlineData("xóa\u007f", "U+007F")]
    [InlineData("dòng\u0085mới", "U+0085")]
    public void Control_characters_are_refused(string text, string named) =>
        Assert.Contains(named, VietnameseText.Unreadable(text));

    [Fact]
    public void Unpaired_surrogates_are_refused_but_pairs_are_text() =>
        Assert.Equal((true, true, false), (VietnameseText.Unreadable("a\ud800") is not null, VietnameseText.Unreadable("\udc00b") is not null,
            VietnameseText.Unreadable("Trạm 📡 Cốc Lếu") is not null));

    [Theory]
    [InlineData("Viễn thông Lào Cai")]
    [InlineData("Dòng một\r\nDòng hai\tcột")]
    [InlineData("Ủy ban nhân dân tỉnh")]
    public void Vietnamese_tabs_and_line_breaks_are_readable(string text) => Assert.Null(VietnameseText.Unreadable(text));

    [Fact]
    public void Required_and_optional_text_share_the_rules()
    {
        var errors = new FieldErrors().Require("Tên\0", "name").Optional("ghi chú\u0007", "note").Optional(null, "absent").Optional(new string('a', 11), "long", 10);
        Assert.Equivalent(new[] { "name", "note", "long" }, errors.ToRejection().Errors!.Keys, strict: true);
    }

    [Fact]
    public void Registration_amendment_and_reinstatement_parsing_refuse_control_characters()
    {
        var request = TestData.Request() with { LegalName = "Công ty\0Bưu chính" };
        Assert.Equal(["legalName"], RegisterEnterprise.Parse(request, TestData.Geography).Rejection!.Errors!.Keys);

        Assert.Equal(["note"], ChangeEnterprise.ParseReinstatement(new NoteRequest("Đã\u001b khắc phục")).Rejection!.Errors!.Keys);
        Assert.Equal(["note"], ChangeEnterprise.ParseReinstatement(new NoteRequest(new string('n', 501))).Rejection!.Errors!.Keys);
        var amend = new AmendDetailsRequest(request.LegalName!.Replace("\0", " "), request.ShortName, request.Sectors, request.Kinds,
            request.HeadOffice, request.Representative, request.Contact, "Lý do\u0007");
        Assert.Equal(["reason"], ChangeEnterprise.Parse(amend, TestData.Geography).Rejection!.Errors!.Keys);
    }
}
