using System.Net;
using Bunit;
using Microsoft.Extensions.Hosting;
using Platform.Web.Components.Shared;
using Platform.Web.Components.Pages;
using Xunit;

namespace Web.Tests.Components;

/// <summary>The agreement page shows each commitment's compliance as the Meetings API computed it: the status and what was counted.</summary>
public class AgreementPageTests
{
    private static readonly Guid AgreementId = Guid.Parse("0195a6a4-0000-7000-8000-0000000000ab");
    private static readonly Guid Reporting = Guid.Parse("0195a6a4-0000-7000-8000-0000000000c1");
    private static readonly Guid Quality = Guid.Parse("0195a6a4-0000-7000-8000-0000000000c2");

    private static readonly string Agreement = $$"""
        {"id":"{{AgreementId}}","year":2026,"title":"Chương trình phối hợp năm 2026","status":"in-force","inForceFrom":"2026-02-01","expiresOn":"2026-12-31",
         "renewedFrom":null,"signatures":[],"removedParties":[],
         "commitments":[{"id":"{{Reporting}}","text":"Thực hiện đầy đủ chế độ báo cáo định kỳ","category":"reporting","party":"enterprises","cadence":"quarterly"},
                        {"id":"{{Quality}}","text":"Công bố chỉ tiêu chất lượng dịch vụ","category":"service-quality","party":"enterprises","cadence":"quarterly"}],
         "compliance":[{"commitmentId":"{{Reporting}}","text":"x","category":"reporting","cadence":"quarterly","expected":12,"dueSoFar":8,"actual":6,
                        "status":"behind","measure":"reports-on-time","onTimePercent":75.0},
                       {"commitmentId":"{{Quality}}","text":"x","category":"service-quality","cadence":"quarterly","expected":4,"dueSoFar":0,"actual":0,
                        "status":"not-tracked","measure":"not-tracked","onTimePercent":null}],
         "version":5}
        """;

    [Fact]
    public void Each_commitment_shows_its_status_and_what_was_counted()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Officer);
        ctx.Answer = _ => (HttpStatusCode.OK, Agreement);
        var cut = ctx.Render<AgreementPage>(p => p.Add(x => x.Id, AgreementId));
        var cells = cut.FindAll("#commitments td.compliance").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(2, cells.Count);
        Assert.StartsWith("Chậm tiến độ", cells[0]);
        Assert.Contains("6/8 báo cáo đã đến hạn được nộp đúng hạn (12 báo cáo đến hạn trong năm)", cells[0]);
        Assert.Contains("75", cells[0]);
        Assert.Equal("Chưa theo dõi (không có dữ liệu)", cells[1]);
    }

    [Theory]
    [InlineData(PlatformRoles.Officer, true)]
    [InlineData(PlatformRoles.Manager, true)]
    [InlineData(PlatformRoles.Auditor, false)]
    [InlineData(PlatformRoles.Representative, false)]
    public void An_agreement_in_force_is_offered_for_renewal_to_the_roles_the_API_lets_renew(string role, bool offered)
    {
        using var ctx = new ConsoleContext(role, role == PlatformRoles.Representative ? Reporting : null);
        ctx.Answer = _ => (HttpStatusCode.OK, Agreement);
        var cut = ctx.Render<AgreementPage>(p => p.Add(x => x.Id, AgreementId));
        Assert.Equal(offered ? 1 : 0, cut.FindAll("#renew-form").Count);
        if (offered) Assert.Equal("Gia hạn sang năm 2027", cut.Find("#renew").TextContent);
        // A draft is not renewed, whoever looks.
        ctx.Answer = _ => (HttpStatusCode.OK, Agreement.Replace("\"in-force\"", "\"draft\""));
        Assert.Empty(ctx.Render<AgreementPage>(p => p.Add(x => x.Id, AgreementId)).FindAll("#renew-form"));
    }
}
