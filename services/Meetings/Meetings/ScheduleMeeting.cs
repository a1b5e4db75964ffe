using Marten;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;

namespace Platform.Meetings.Meetings;

public sealed record OfficialInput(string? Name, string? Title, string? Organisation);
public sealed record ScheduleMeetingRequest(
    string? Kind, string? Title, DateOnly? Date, string? Place, string? Chair, string[]? Agenda,
    Guid[]? InvitedEnterpriseIds, OfficialInput[]? InvitedOfficials);

/// <summary>An official invited by name (the meeting gives each an id when it is scheduled).</summary>
public sealed record OfficialInvitation(string Name, string Title, string Organisation);

public sealed record MeetingPlan(MeetingKind Kind, string Title, DateOnly Date, string Place, string Chair, IReadOnlyList<string> Agenda,
    IReadOnlyList<Guid> InvitedEnterpriseIds, IReadOnlyList<OfficialInvitation> InvitedOfficials);

/// <summary>The Department schedules a briefing or dialogue; invited enterprises must be active in the Registry.</summary>
public static class ScheduleMeeting
{
    public static Parsed<MeetingPlan> Parse(ScheduleMeetingRequest r)
    {
        var errors = new FieldErrors();
        var (title, place, chair) = (errors.Text(r.Title, "title", 300), errors.Text(r.Place, "place", 300), errors.Text(r.Chair, "chair", 200));
        var kind = errors.Code<MeetingKind>(r.Kind, "kind");
        var date = errors.Date(r.Date, "date");
        errors.When(r.Agenda is null || r.Agenda.Length == 0 || r.Agenda.Any(string.IsNullOrWhiteSpace), "agenda", "at least one non-empty agenda item is required");
        foreach (var (item, i) in (r.Agenda ?? []).Select((item, i) => (item, i))) errors.Optional(item, $"agenda[{i}]", 500);
        var enterpriseIds = r.InvitedEnterpriseIds ?? [];
        errors.When(enterpriseIds.Distinct().Count() != enterpriseIds.Length, "invitedEnterpriseIds", "must not repeat an enterprise");
        var officials = (r.InvitedOfficials ?? []).Select((o, i) => new OfficialInvitation(errors.Text(o?.Name, $"invitedOfficials[{i}].name", 200),
            errors.Text(o?.Title, $"invitedOfficials[{i}].title", 200), errors.Text(o?.Organisation, $"invitedOfficials[{i}].organisation", 300))).ToList();
        return Parsed<MeetingPlan>.Unless(errors, () => new MeetingPlan(kind, title, date, place, chair, r.Agenda!.Select(VietnameseText.Clean).ToList(), enterpriseIds, officials));
    }

    public static Decision Decide(MeetingPlan c, Guid id, IReadOnlyDictionary<Guid, KnownEnterprise> known, Func<Guid> newId)
    {
        foreach (var enterpriseId in c.InvitedEnterpriseIds)
            if (KnownEnterprise.RequireActive(known.GetValueOrDefault(enterpriseId), enterpriseId, "invitedEnterpriseIds") is { } inactive) return inactive;

        return Decision.Start<Meeting>(id, new MeetingScheduled(id, c.Kind, c.Title, c.Date, c.Place, c.Chair, c.Agenda,
            c.InvitedEnterpriseIds.Select(e => new InvitedEnterprise(e, known[e].ShortName)).ToList(),
            c.InvitedOfficials.Select(o => new InvitedOfficial(newId(), o.Name, o.Title, o.Organisation)).ToList()));
    }

    public static void Map(RouteGroupBuilder meetings) =>
        meetings.MapPost("/", ScheduleAsync).WithSummary("Schedule a meeting; invited enterprises must be active in the Registry.")
            .Produces<StreamChanged>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Writes(PlatformPolicies.DepartmentWrite);

    private static Task<Started> ScheduleAsync(ScheduleMeetingRequest body, HttpContext http)
    {
        var id = Guid.CreateVersion7();
        return http.CreateAsync(id, $"/api/meetings/meetings/{id}", Parse(body), async (command, streams) =>
        {
            var known = (await streams.Query.LoadManyAsync<KnownEnterprise>(streams.Cancellation, command.InvitedEnterpriseIds.ToArray())).ToDictionary(k => k.Id);
            return Decide(command, id, known, Guid.CreateVersion7);
        });
    }
}
