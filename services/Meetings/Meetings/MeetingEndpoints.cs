using Marten;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;

namespace Platform.Meetings.Meetings;

public sealed record CreatedWithId(Guid Id, Guid ItemId, long Version);

public static class MeetingEndpoints
{
    public static void Map(RouteGroupBuilder meetings)
    {
        meetings.MapPost("/", ScheduleAsync).WithSummary("Schedule a meeting; invited enterprises must be active in the Registry.")
            .Produces<StreamChanged>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Writes(PlatformPolicies.DepartmentWrite);
        meetings.MapPost("/{id:guid}/rescheduling", (Guid id, RescheduleRequest body, HttpContext http) =>
                http.RunAsync<Meeting>(id, m => MeetingDecisions.Reschedule(m, body), NotFound(id)))
            .WithSummary("Move a scheduled meeting to another date (and place), with a reason.")
            .Writes(PlatformPolicies.DepartmentWrite);
        meetings.MapPost("/{id:guid}/cancellation", (Guid id, ReasonRequest body, HttpContext http) =>
                http.RunAsync<Meeting>(id, m => MeetingDecisions.Cancel(m, body), NotFound(id)))
            .WithSummary("Cancel a scheduled meeting, with a reason (a Department manager).")
            .Writes(PlatformPolicies.DepartmentManager);
        meetings.MapPost("/{id:guid}/holding", (Guid id, HoldMeetingRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<Meeting>(id, m => MeetingDecisions.Hold(m, body, DepartmentClock.Today(clock)), NotFound(id)))
            .WithSummary("Record that the meeting was held, with attendance per invitee (present, delegate with name, absent); unlisted invitees were absent.")
            .Writes(PlatformPolicies.DepartmentWrite);
        meetings.MapPost("/{id:guid}/difficulties", (Guid id, RaiseDifficultyRequest body, HttpContext http) =>
                WithNewIdAsync(http, id, difficultyId => m => MeetingDecisions.RaiseDifficulty(m, body, difficultyId)))
            .WithSummary("Record a difficulty an invited enterprise raised at the meeting.").Produces<CreatedWithId>(StatusCodes.Status201Created)
            .Writes(PlatformPolicies.DepartmentWrite);
        meetings.MapPost("/{id:guid}/difficulties/{difficultyId:guid}/resolution", (Guid id, Guid difficultyId, ResolveDifficultyRequest body, HttpContext http) =>
                http.RunAsync<Meeting>(id, m => MeetingDecisions.ResolveDifficulty(m, difficultyId, body), NotFound(id)))
            .WithSummary("Record that a difficulty was resolved at the meeting. (Turn it into an action item or escalate it through those endpoints.)")
            .Writes(PlatformPolicies.DepartmentWrite);
        meetings.MapPost("/{id:guid}/conclusions", (Guid id, ConclusionRequest body, HttpContext http) =>
                WithNewIdAsync(http, id, conclusionId => m => MeetingDecisions.RecordConclusion(m, body, conclusionId)))
            .WithSummary("Record a conclusion of the chair.").Produces<CreatedWithId>(StatusCodes.Status201Created)
            .Writes(PlatformPolicies.DepartmentWrite);
        meetings.MapPost("/{id:guid}/minutes", (Guid id, PublishMinutesRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<Meeting>(id, m => MeetingDecisions.PublishMinutes(m, body, DepartmentClock.Today(clock)), NotFound(id)))
            .WithSummary("Publish the minutes; afterwards the record changes only by amendment.")
            .Writes(PlatformPolicies.DepartmentWrite);
        meetings.MapPost("/{id:guid}/amendments", (Guid id, AmendMinutesRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<Meeting>(id, m => MeetingDecisions.Amend(m, body, clock.GetUtcNow()), NotFound(id)))
            .WithSummary("Amend published minutes: the change and its reason.")
            .Writes(PlatformPolicies.DepartmentWrite);
    }

    private static Task<Started> ScheduleAsync(ScheduleMeetingRequest body, HttpContext http)
    {
        var id = Guid.CreateVersion7();
        return http.CreateAsync(id, $"/api/meetings/meetings/{id}", async streams =>
        {
            var ids = (body.InvitedEnterpriseIds ?? []).Distinct().ToArray();
            var known = (await streams.Query.LoadManyAsync<KnownEnterprise>(streams.Cancellation, ids)).ToDictionary(k => k.Id);
            return MeetingDecisions.Schedule(body, id, known, Guid.CreateVersion7);
        });
    }

    /// <summary>A change that adds an item with a new id to the meeting: 201 with the item's id.</summary>
    private static async Task<IResult> WithNewIdAsync(HttpContext http, Guid id, Func<Guid, Func<Meeting, Decision>> decide)
    {
        var itemId = Guid.CreateVersion7();
        var (version, refused) = await http.RunCommandAsync(id, CommandRunner.On(id, NotFound(id), decide(itemId)), IfMatch.Optional);
        return refused ?? Results.Created($"/api/meetings/meetings/{id}", new CreatedWithId(id, itemId, version));
    }

    internal static string NotFound(Guid id) => $"No meeting with id {id}.";
}
