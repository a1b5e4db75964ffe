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

/// <summary>The Department schedules a briefing or dialogue; invited enterprises must be active in the Registry.</summary>
public static class ScheduleMeeting
{
    public static Decision Decide(ScheduleMeetingRequest r, Guid id, IReadOnlyDictionary<Guid, KnownEnterprise> known, Func<Guid> newId)
    {
        var errors = new FieldErrors().Require(r.Title, "title", 300).Require(r.Place, "place", 300).Require(r.Chair, "chair", 200)
            .When(!Codes.TryParse<MeetingKind>(r.Kind, out var kind), "kind", $"must be one of: {string.Join(", ", Codes.All<MeetingKind>())}")
            .When(r.Date is null, "date", "is required (yyyy-MM-dd)")
            .When(r.Agenda is null || r.Agenda.Length == 0 || r.Agenda.Any(string.IsNullOrWhiteSpace), "agenda", "at least one non-empty agenda item is required");
        foreach (var (item, i) in (r.Agenda ?? []).Select((item, i) => (item, i))) errors.Optional(item, $"agenda[{i}]", 500);
        var enterpriseIds = r.InvitedEnterpriseIds ?? [];
        errors.When(enterpriseIds.Distinct().Count() != enterpriseIds.Length, "invitedEnterpriseIds", "must not repeat an enterprise");
        foreach (var (o, i) in (r.InvitedOfficials ?? []).Select((o, i) => (o, i)))
            errors.Require(o?.Name, $"invitedOfficials[{i}].name", 200).Require(o?.Title, $"invitedOfficials[{i}].title", 200)
                  .Require(o?.Organisation, $"invitedOfficials[{i}].organisation", 300);
        if (errors.Any) return errors.ToRejection();

        foreach (var enterpriseId in enterpriseIds)
            if (KnownEnterprise.RequireActive(known.GetValueOrDefault(enterpriseId), enterpriseId, "invitedEnterpriseIds") is { } inactive) return inactive;

        return Decision.Start<Meeting>(id, new MeetingScheduled(id, kind, VietnameseText.Clean(r.Title), r.Date!.Value, VietnameseText.Clean(r.Place),
            VietnameseText.Clean(r.Chair), r.Agenda!.Select(VietnameseText.Clean).ToList(),
            enterpriseIds.Select(e => new InvitedEnterprise(e, known[e].ShortName)).ToList(),
            (r.InvitedOfficials ?? []).Select(o => new InvitedOfficial(newId(), VietnameseText.Clean(o.Name), VietnameseText.Clean(o.Title), VietnameseText.Clean(o.Organisation))).ToList()));
    }

    public static void Map(RouteGroupBuilder meetings) =>
        meetings.MapPost("/", ScheduleAsync).WithSummary("Schedule a meeting; invited enterprises must be active in the Registry.")
            .Produces<StreamChanged>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Writes(PlatformPolicies.DepartmentWrite);

    private static Task<Started> ScheduleAsync(ScheduleMeetingRequest body, HttpContext http)
    {
        var id = Guid.CreateVersion7();
        return http.CreateAsync(id, $"/api/meetings/meetings/{id}", async streams =>
        {
            var ids = (body.InvitedEnterpriseIds ?? []).Distinct().ToArray();
            var known = (await streams.Query.LoadManyAsync<KnownEnterprise>(streams.Cancellation, ids)).ToDictionary(k => k.Id);
            return Decide(body, id, known, Guid.CreateVersion7);
        });
    }
}
