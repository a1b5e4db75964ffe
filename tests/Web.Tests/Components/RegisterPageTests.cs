using System.Net;
using Bunit;
using Microsoft.Extensions.Hosting;
using Platform.Web.Components.Pages;
using Platform.Web.Components.Shared;
using Xunit;

namespace Web.Tests.Components;

/// <summary>The register pages against canned API answers: which steps each role is offered (the APIs' own rules), and
/// how the console reads what is typed before sending it.</summary>
public class RegisterPageTests
{
    private static readonly Guid EnterpriseId = Guid.Parse("0195a6a4-0000-7000-8000-000000000001");
    private static readonly Guid SiteId = Guid.Parse("0195a6a4-0000-7000-8000-0000000000aa");

    private static string Enterprise(string status, string licenceStatus = "valid") => $$"""
        {"id":"{{EnterpriseId}}","taxCode":"5300100010","legalName":"Công ty Viễn thông Lào Cai","shortName":"VT Lào Cai","sectors":["telecom"],
         "kinds":["network-operator"],"headOffice":{"street":"Số 1","commune":"Phường Cốc Lếu","district":"Thành phố Lào Cai"},
         "representative":{"name":"Nguyễn Văn An","title":"Giám đốc"},"contact":{"phone":"0214 3800 100","email":"a@example.invalid"},
         "status":"{{status}}","statusReason":null,"registeredAt":"2026-03-04T18:00:00Z","version":4,
         "licences":[{"id":"0195a6a4-0000-7000-8000-0000000000bb","number":"45/GP","type":"postal","issuingAuthority":"ministry","issuedOn":"2021-03-15",
           "expiresOn":"2031-03-14","status":"{{licenceStatus}}","revocationReason":null}],"history":[]}
        """;

    private static IRenderedComponent<EnterpriseDetail> Detail(ConsoleContext ctx, string status, string licenceStatus = "valid")
    {
        ctx.Answer = _ => (HttpStatusCode.OK, Enterprise(status, licenceStatus));
        return ctx.Render<EnterpriseDetail>(p => p.Add(x => x.Id, EnterpriseId));
    }

    private static string[] Buttons<T>(IRenderedComponent<T> cut) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.FindAll("form button[type=submit]").Select(b => b.Id ?? "").ToArray();

    [Fact]
    public void A_manager_is_offered_every_step_of_an_active_enterprise_and_an_officer_only_the_licence_steps_and_the_edit()
    {
        using (var manager = new ConsoleContext(PlatformRoles.Manager))
            Assert.Equal(["suspend", "cease", "grant", "renew", "revoke"], Buttons(Detail(manager, "active")));
        using var officer = new ConsoleContext(PlatformRoles.Officer);
        var cut = Detail(officer, "active");
        Assert.Equal(["grant", "renew"], Buttons(cut));
        Assert.NotEmpty(cut.FindAll("#edit-details"));
    }

    [Fact]
    public void A_suspended_enterprise_is_reinstated_not_suspended_and_a_ceased_one_offers_nothing()
    {
        using var manager = new ConsoleContext(PlatformRoles.Manager);
        Assert.Equal(["reinstate", "cease", "grant", "renew", "revoke"], Buttons(Detail(manager, "suspended")));
        using var again = new ConsoleContext(PlatformRoles.Manager);
        var ceased = Detail(again, "ceased", licenceStatus: "revoked");
        Assert.Empty(Buttons(ceased));
        Assert.Empty(ceased.FindAll("#edit-details"));
    }

    [Fact]
    public void An_auditor_and_a_representative_read_the_enterprise_and_are_offered_nothing()
    {
        using var auditor = new ConsoleContext(PlatformRoles.Auditor);
        var read = Detail(auditor, "active");
        Assert.Equal("VT Lào Cai", read.Find("h1").FirstChild!.TextContent.Trim());
        Assert.Empty(Buttons(read));
        using var representative = new ConsoleContext(PlatformRoles.Representative, EnterpriseId);
        var own = Detail(representative, "active");
        Assert.Empty(Buttons(own));
        Assert.Empty(own.FindAll("#edit-details"));
    }

    private static string Site(string status, Guid owner, int? undergroundingYear = null, Guid? tenant = null) => $$"""
        {"site":{"id":"{{SiteId}}","name":"Trạm BTS Y Tý","kind":"greenfield-tower","ownerId":"{{owner}}","ownerName":"VT Lào Cai",
          "location":{"district":"Huyện Bát Xát","commune":"Xã Y Tý","latitude":22.63,"longitude":103.63,"address":"Thôn 1"},"heightMetres":36,
          "tenantCapacity":3,"zone":"in-plan","status":"{{status}}","statusReason":null,"tenants":[{{(tenant is { } t ? $"\"{t}\"" : "")}}],"plannedUndergroundingYear":{{(undergroundingYear?.ToString() ?? "null")}},
          "undergroundedOn":null,"ownerNotActive":false,"version":2},"history":[]}
        """;

    private static IRenderedComponent<SiteDetail> SitePage(ConsoleContext ctx, string status, Guid owner, Guid? tenant = null)
    {
        ctx.Answer = _ => (HttpStatusCode.OK, Site(status, owner, tenant: tenant));
        return ctx.Render<SiteDetail>(p => p.Add(x => x.Id, SiteId));
    }

    [Theory]
    [InlineData("planned", PlatformRoles.Representative, "request-permit")]
    [InlineData("planned", PlatformRoles.Manager, "request-permit")]
    [InlineData("permit-requested", PlatformRoles.Representative, "")] // the permit is the Department's decision
    [InlineData("permit-requested", PlatformRoles.Officer, "")] // a manager's
    [InlineData("permit-requested", PlatformRoles.Manager, "approve-permit refuse-permit")]
    [InlineData("approved", PlatformRoles.Representative, "start-operation decommission")]
    [InlineData("operational", PlatformRoles.Representative, "decommission")]
    [InlineData("operational", PlatformRoles.Auditor, "")]
    [InlineData("decommissioned", PlatformRoles.Manager, "")]
    public void A_sites_steps_are_offered_by_its_status_and_the_users_role(string status, string role, string expected)
    {
        var owner = Guid.NewGuid();
        using var ctx = new ConsoleContext(role, role == PlatformRoles.Representative ? owner : null);
        Assert.Equal(expected, string.Join(' ', LifecycleSteps(SitePage(ctx, status, owner))));
    }

    private static string[] LifecycleSteps(IRenderedComponent<SiteDetail> cut) =>
        cut.FindAll(".workflow form button[type=submit]").Select(b => b.Id ?? "").ToArray();

    [Fact]
    public void Another_enterprises_representative_is_offered_no_step_on_a_site_it_may_read()
    {
        using var tenant = new ConsoleContext(PlatformRoles.Representative, Guid.NewGuid());
        Assert.Empty(LifecycleSteps(SitePage(tenant, "planned", owner: Guid.NewGuid())));
    }

    [Theory]
    [InlineData("planned", PlatformRoles.Officer, "other", true)] // the Department files it for any enterprise
    [InlineData("operational", PlatformRoles.Representative, "other", true)] // another enterprise, for itself
    [InlineData("operational", PlatformRoles.Representative, "owner", false)] // not its own site
    [InlineData("operational", PlatformRoles.Representative, "tenant", false)] // already a tenant
    [InlineData("operational", PlatformRoles.Auditor, "other", false)]
    [InlineData("decommissioned", PlatformRoles.Manager, "other", false)] // the API refuses a refused or decommissioned site
    [InlineData("refused", PlatformRoles.Representative, "other", false)]
    public void Sharing_a_site_is_offered_to_another_enterprise_or_the_Department_where_the_API_takes_it(string status, string role, string who, bool offered)
    {
        var (owner, me) = (Guid.NewGuid(), Guid.NewGuid());
        using var ctx = new ConsoleContext(role, role == PlatformRoles.Representative ? (who == "owner" ? owner : me) : null);
        var page = SitePage(ctx, status, owner, tenant: who == "tenant" ? me : null);
        Assert.Equal(offered ? [$"/ha-tang/dung-chung?tram={SiteId}#sharing-form"] : [], page.FindAll("a#request-sharing-link").Select(a => a.GetAttribute("href")));
    }

    private static readonly Guid RequestId = Guid.Parse("0195a6a4-0000-7000-8000-0000000000cc");

    private static string SharingRequest(string status, Guid owner, Guid requester) => $$"""
        {"request":{"id":"{{RequestId}}","siteId":"{{SiteId}}","siteKind":"greenfield-tower","district":"Huyện Bát Xát","ownerId":"{{owner}}",
          "ownerName":"Hạ tầng Y Tý","requesterId":"{{requester}}","requesterName":"Viễn thông Bát Xát","purpose":"Lắp ăng-ten","status":"{{status}}",
          "submittedOn":"2026-11-02","ageDays":3,"overdue":false,"offer":null,"refusalReason":null,"refusalExplanation":null,"disputeRaisedBy":null,
          "disputeGrounds":null,"mediationOutcome":null,"mediationDecision":null,"partyNotActive":false,"version":3},"history":[]}
        """;

    /// <summary>The steps the Infrastructure API takes in each status, for the parties it lets take them (SharingDisputes: a
    /// request submitted, offered, refused or declined may be disputed by either party).</summary>
    [Theory]
    [InlineData("submitted", PlatformRoles.Representative, "owner", "offer refuse dispute")]
    [InlineData("submitted", PlatformRoles.Representative, "requester", "dispute")]
    [InlineData("offered", PlatformRoles.Representative, "requester", "accept decline dispute")]
    [InlineData("offered", PlatformRoles.Representative, "owner", "dispute")]
    [InlineData("refused", PlatformRoles.Representative, "requester", "dispute")]
    [InlineData("declined", PlatformRoles.Representative, "owner", "dispute")]
    [InlineData("declined", PlatformRoles.Representative, "requester", "dispute")]
    [InlineData("declined", PlatformRoles.Officer, "", "dispute")]
    [InlineData("disputed", PlatformRoles.Officer, "", "")]
    [InlineData("disputed", PlatformRoles.Manager, "", "mediate")]
    [InlineData("concluded", PlatformRoles.Manager, "", "")]
    [InlineData("resolved", PlatformRoles.Manager, "", "")]
    [InlineData("declined", PlatformRoles.Auditor, "", "")]
    public void A_sharing_requests_steps_are_offered_by_its_status_and_the_users_party(string status, string role, string party, string expected)
    {
        var (owner, requester) = (Guid.NewGuid(), Guid.NewGuid());
        using var ctx = new ConsoleContext(role, party switch { "owner" => owner, "requester" => requester, _ => null });
        ctx.Answer = _ => (HttpStatusCode.OK, SharingRequest(status, owner, requester));
        var page = ctx.Render<SharingRequestPage>(p => p.Add(x => x.Id, RequestId));
        Assert.Equal(expected, string.Join(' ', page.FindAll(".workflow form button[type=submit]").Select(b => b.Id ?? "")));
    }

    [Theory]
    [InlineData("tram.csv", "text/csv")]
    [InlineData("TRAM.CSV", "text/csv")]
    [InlineData("tram.geojson", "application/geo+json")]
    [InlineData("tram.json", "application/geo+json")]
    [InlineData("tram.xlsx", null)]
    [InlineData("tram", null)]
    public void An_import_file_is_sent_as_CSV_or_GeoJSON_by_its_extension(string fileName, string? mediaType) =>
        Assert.Equal(mediaType, SiteImport.MediaType(fileName));

    [Theory]
    [InlineData("22.4856", 22.4856)]
    [InlineData("22,4856", 22.4856)]
    [InlineData(" -0,5 ", -0.5)]
    public void Coordinates_are_read_with_a_dot_or_a_comma(string typed, double degrees)
    {
        var check = new FormCheck();
        Assert.Equal(degrees, check.Degrees(typed, "latitude"));
        Assert.Null(check.Problem);
    }

    [Fact]
    public void Unreadable_coordinates_and_fractional_capacities_are_refused_next_to_their_fields()
    {
        var check = new FormCheck();
        Assert.Null(check.Degrees("22°29'", "latitude"));
        Assert.Null(check.WholeNumber("2,5", "tenantCapacity"));
        Assert.Equal(3, check.WholeNumber("3", "capacity"));
        Assert.Null(check.Degrees("", "longitude")); // empty: the API says it is required
        Assert.Equal(["latitude", "tenantCapacity"], check.Problem!.Errors.Keys.Order());
        Assert.Equal(["must be a whole number"], check.Problem.For("tenantCapacity"));
    }
}
