using System.Net;
using Bunit;
using Microsoft.Extensions.Hosting;
using Platform.Web.Api;
using Platform.Web.Components.Pages;
using Platform.Web.Components.Shared;
using Xunit;

namespace Web.Tests.Components;

/// <summary>The meeting pages offer each step only to the roles the Meetings API lets take it (the API still decides), and a
/// problem reads in Vietnamese by its code.</summary>
public class MeetingPageTests
{
    private static readonly Guid MeetingId = Guid.Parse("0195a6a4-0000-7000-8000-0000000000aa");
    private static readonly Guid Enterprise = Guid.Parse("0195a6a4-0000-7000-8000-000000000001");

    /// <summary>A held briefing with one difficulty still pending.</summary>
    private static readonly string HeldMeeting = $$"""
        {"meeting":{"id":"{{MeetingId}}","kind":"quarterly-briefing","title":"Giao ban quý IV","date":"2026-11-20","place":"Hội trường Sở","chair":"Giám đốc Sở",
          "agenda":["Dùng chung hạ tầng"],"enterprises":[{"id":"{{Enterprise}}","name":"VNPT Lào Cai"}],"officials":[],"status":"held","cancellationReason":null,
          "attendance":[{"inviteeId":"{{Enterprise}}","name":"VNPT Lào Cai","isEnterprise":true,"presence":"present","delegateName":null}],
          "difficulties":[{"id":"0195a6a4-0000-7000-8000-0000000000d1","enterpriseId":"{{Enterprise}}","enterpriseName":"VNPT Lào Cai","topic":"licensing",
            "text":"Cấp phép chậm","response":"pending","resolution":null}],
          "conclusions":[],"minutesPublishedOn":null,"amendments":[],"version":4},
         "actionItems":[]}
        """;

    private static IRenderedComponent<MeetingPage> Render(ConsoleContext ctx)
    {
        ctx.Answer = _ => (HttpStatusCode.OK, HeldMeeting);
        return ctx.Render<MeetingPage>(p => p.Add(x => x.Id, MeetingId));
    }

    [Fact]
    public void An_officer_keeps_the_record_but_escalating_is_left_to_a_manager()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Officer);
        var cut = Render(ctx);
        Assert.Equal([$"GET /api/meetings/meetings/{MeetingId}"], ctx.Requests);
        foreach (var form in new[] { "#difficulty-form", "#resolve-form", "#conclusion-form", "#assign-form", "#publish-form" })
            Assert.Single(cut.FindAll(form));
        Assert.Empty(cut.FindAll("#escalate-form"));
        Assert.Empty(cut.FindAll("#hold-form")); // already held
        Assert.Equal("4", cut.Find("#conclusion-form input[name='ConclusionForm.Version']").GetAttribute("value")); // sent as If-Match

        using var manager = new ConsoleContext(PlatformRoles.Manager);
        Assert.Single(Render(manager).FindAll("#escalate-form"));
    }

    [Fact]
    public void A_meeting_still_to_come_lists_its_invitees_and_offers_attendance_only_from_its_day()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Officer);
        var scheduled = HeldMeeting.Replace("\"status\":\"held\"", "\"status\":\"scheduled\"").Replace("\"date\":\"2026-11-20\"", "\"date\":\"2099-01-05\"")
            .Replace("\"attendance\":[{\"inviteeId\":\"" + Enterprise + "\",\"name\":\"VNPT Lào Cai\",\"isEnterprise\":true,\"presence\":\"present\",\"delegateName\":null}]", "\"attendance\":[]");
        ctx.Answer = _ => (HttpStatusCode.OK, scheduled);
        var cut = ctx.Render<MeetingPage>(p => p.Add(x => x.Id, MeetingId));
        Assert.Contains("VNPT Lào Cai", cut.Find("#attendance").TextContent);
        Assert.Empty(cut.FindAll("#hold-form"));
        Assert.Contains("05/01/2099", cut.Find("#hold-not-yet").TextContent);

        using var today = new ConsoleContext(PlatformRoles.Officer);
        today.Answer = _ => (HttpStatusCode.OK, scheduled.Replace("2099-01-05", "2026-01-05"));
        Assert.Single(today.Render<MeetingPage>(p => p.Add(x => x.Id, MeetingId)).FindAll("#hold-form select#presence-0"));
    }

    [Theory]
    [InlineData(PlatformRoles.Representative)]
    [InlineData(PlatformRoles.Auditor)]
    public void A_representative_or_an_auditor_reads_the_meeting_and_is_offered_no_step(string role)
    {
        using var ctx = new ConsoleContext(role, role == PlatformRoles.Representative ? Enterprise : null);
        var cut = Render(ctx);
        Assert.Contains("Cấp phép chậm", cut.Find("#difficulties").TextContent);
        Assert.Empty(cut.FindAll("form[method=post]"));
    }

    [Fact]
    public void A_problem_with_a_known_code_reads_in_Vietnamese_and_an_unknown_one_as_the_API_wrote_it()
    {
        using var ctx = new ConsoleContext();
        var known = ctx.Render<ProblemBox>(p => p.Add(x => x.Problem,
            ApiProblem.Parse(422, """{"status":422,"code":"deadline-in-past","detail":"The deadline 2026-11-01 is before 2026-11-29."}""")));
        Assert.Equal("Thời hạn không được trước ngày hôm nay.", known.Find(".detail").TextContent);
        var unknown = ctx.Render<ProblemBox>(p => p.Add(x => x.Problem,
            ApiProblem.Parse(422, """{"status":422,"code":"something-new","detail":"A rule the console does not know yet."}""")));
        Assert.Equal("A rule the console does not know yet.", unknown.Find(".detail").TextContent);
    }
}
