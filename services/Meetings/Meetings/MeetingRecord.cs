using Marten;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;

namespace Platform.Meetings.Meetings;

public sealed record RaiseDifficultyRequest(Guid? EnterpriseId, string? Topic, string? Text);
public sealed record ResolveDifficultyRequest(string? Resolution);
public sealed record ConclusionRequest(string? Text);
public sealed record PublishMinutesRequest(string? Summary);
public sealed record AmendMinutesRequest(string? Reason, string? Change);

public sealed record CreatedWithId(Guid Id, Guid ItemId, long Version);

public sealed record DifficultyRaising(Guid EnterpriseId, DifficultyTopic Topic, string Text);
public sealed record DifficultyResolution(string Resolution);
public sealed record ChairConclusion(string Text);
public sealed record MinutesPublication(string? Summary);
public sealed record MinutesAmendment(string Reason, string Change);

/// <summary>The record of a held meeting: difficulties raised and resolved, the chair's conclusions, the minutes; once
/// they are published the record changes only by an amendment with a reason. Follow-up (an action item, an escalation)
/// answers a difficulty on the meeting's stream.</summary>
public static class MeetingRecord
{
    public static Parsed<DifficultyRaising> Parse(RaiseDifficultyRequest r)
    {
        var errors = new FieldErrors();
        var text = errors.Text(r.Text, "text", 4000);
        errors.When(r.EnterpriseId is null, "enterpriseId", "is required");
        var topic = errors.Code<DifficultyTopic>(r.Topic, "topic");
        return Parsed<DifficultyRaising>.Unless(errors, () => new DifficultyRaising(r.EnterpriseId!.Value, topic, text));
    }

    public static Parsed<DifficultyResolution> Parse(ResolveDifficultyRequest r)
    {
        var errors = new FieldErrors();
        var resolution = errors.Text(r.Resolution, "resolution", 4000);
        return Parsed<DifficultyResolution>.Unless(errors, () => new DifficultyResolution(resolution));
    }

    public static Parsed<ChairConclusion> Parse(ConclusionRequest r)
    {
        var errors = new FieldErrors();
        var text = errors.Text(r.Text, "text", 4000);
        return Parsed<ChairConclusion>.Unless(errors, () => new ChairConclusion(text));
    }

    public static Parsed<MinutesPublication> Parse(PublishMinutesRequest r)
    {
        var errors = new FieldErrors();
        var summary = errors.OptionalText(r.Summary, "summary", 4000);
        return Parsed<MinutesPublication>.Unless(errors, () => new MinutesPublication(summary));
    }

    public static Parsed<MinutesAmendment> Parse(AmendMinutesRequest r)
    {
        var errors = new FieldErrors();
        var (reason, change) = (errors.Text(r.Reason, "reason"), errors.Text(r.Change, "change", 4000));
        return Parsed<MinutesAmendment>.Unless(errors, () => new MinutesAmendment(reason, change));
    }

    public static Decision RaiseDifficulty(Meeting m, DifficultyRaising c, Guid difficultyId)
    {
        if (RequireRecordOpen(m) is { } closed) return closed;
        if (m.Enterprises.FirstOrDefault(e => e.Id == c.EnterpriseId) is not { } enterprise)
            return Rejection.Unprocessable("not-invited", "Only an enterprise invited to the meeting can raise a difficulty there.");
        return Decision.Append(m.Id, new DifficultyRaised(m.Id, difficultyId, enterprise.Id, enterprise.Name, c.Topic, c.Text));
    }

    public static Decision ResolveDifficulty(Meeting m, Guid difficultyId, DifficultyResolution c)
    {
        if (RequireRecordOpen(m) is { } closed) return closed;
        if (RequirePending(m, difficultyId, notFound: true) is { } refused) return refused;
        return Decision.Append(m.Id, new DifficultyResolvedAtMeeting(m.Id, difficultyId, c.Resolution));
    }

    /// <summary>Follow-up (an action item, an escalation) may come after the minutes: it answers a difficulty
    /// still pending without rewriting what was said at the meeting.</summary>
    public static Decision TurnIntoActionItem(Meeting m, Guid difficultyId, Guid actionItemId) =>
        RequireFollowUpPossible(m) ?? RequirePending(m, difficultyId, notFound: false)
        ?? Decision.Append(m.Id, new DifficultyTurnedIntoActionItem(m.Id, difficultyId, actionItemId));

    public static Decision Escalate(Meeting m, Guid difficultyId, Guid escalationId) =>
        RequireFollowUpPossible(m) ?? RequirePending(m, difficultyId, notFound: false)
        ?? Decision.Append(m.Id, new DifficultyEscalated(m.Id, difficultyId, escalationId));

    public static Decision RecordConclusion(Meeting m, ChairConclusion c, Guid conclusionId) =>
        RequireRecordOpen(m) ?? Decision.Append(m.Id, new ConclusionRecorded(m.Id, conclusionId, c.Text));

    public static Decision PublishMinutes(Meeting m, MinutesPublication c, DateOnly today)
    {
        if (m.Status == MeetingStatus.MinutesPublished) return Rejection.Conflict("minutes-already-published", "The minutes are already published; change them by an amendment.");
        if (MeetingRules.RequireStatus(m, MeetingStatus.Held, "given minutes") is { } wrong) return wrong;
        return Decision.Append(m.Id, new MinutesPublished(m.Id, today, c.Summary, m.Conclusions.Count));
    }

    public static Decision Amend(Meeting m, MinutesAmendment c, DateTimeOffset now) =>
        m.Status != MeetingStatus.MinutesPublished
            ? Rejection.Conflict("minutes-not-published", "Only published minutes are amended; until then record the change directly.")
            : Decision.Append(m.Id, new MinutesAmended(m.Id, c.Reason, c.Change, now));

    public static void Map(RouteGroupBuilder meetings)
    {
        meetings.MapPost("/{id:guid}/difficulties", (Guid id, RaiseDifficultyRequest body, HttpContext http) =>
                WithNewIdAsync(http, id, Parse(body), RaiseDifficulty))
            .WithSummary("Record a difficulty an invited enterprise raised at the meeting.").Produces<CreatedWithId>(StatusCodes.Status201Created).ProducesCommandProblems()
            .Writes(PlatformPolicies.DepartmentWrite);
        meetings.MapPost("/{id:guid}/difficulties/{difficultyId:guid}/resolution", (Guid id, Guid difficultyId, ResolveDifficultyRequest body, HttpContext http) =>
                http.RunAsync<Meeting, DifficultyResolution>(id, Parse(body), (m, c) => ResolveDifficulty(m, difficultyId, c), MeetingRules.NotFound(id)))
            .WithSummary("Record that a difficulty was resolved at the meeting. (Turn it into an action item or escalate it through those endpoints.)")
            .Writes(PlatformPolicies.DepartmentWrite);
        meetings.MapPost("/{id:guid}/conclusions", (Guid id, ConclusionRequest body, HttpContext http) =>
                WithNewIdAsync(http, id, Parse(body), RecordConclusion))
            .WithSummary("Record a conclusion of the chair.").Produces<CreatedWithId>(StatusCodes.Status201Created).ProducesCommandProblems()
            .Writes(PlatformPolicies.DepartmentWrite);
        meetings.MapPost("/{id:guid}/minutes", (Guid id, PublishMinutesRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<Meeting, MinutesPublication>(id, Parse(body), (m, c) => PublishMinutes(m, c, DepartmentClock.Today(clock)), MeetingRules.NotFound(id)))
            .WithSummary("Publish the minutes; afterwards the record changes only by amendment.")
            .Writes(PlatformPolicies.DepartmentWrite);
        meetings.MapPost("/{id:guid}/amendments", (Guid id, AmendMinutesRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<Meeting, MinutesAmendment>(id, Parse(body), (m, c) => Amend(m, c, clock.GetUtcNow()), MeetingRules.NotFound(id)))
            .WithSummary("Amend published minutes: the change and its reason.")
            .Writes(PlatformPolicies.DepartmentWrite);
    }

    /// <summary>A change that adds an item with a new id to the meeting: 201 with the item's id.</summary>
    private static async Task<IResult> WithNewIdAsync<TCommand>(HttpContext http, Guid id, Parsed<TCommand> parsed, Func<Meeting, TCommand, Guid, Decision> decide)
        where TCommand : notnull
    {
        var itemId = Guid.CreateVersion7();
        var (version, refused) = await http.RunCommandAsync(id,
            CommandRunner.On<Meeting, TCommand>(id, MeetingRules.NotFound(id), parsed, (m, c) => decide(m, c, itemId)), IfMatch.Optional);
        return refused ?? Results.Created($"/api/meetings/meetings/{id}", new CreatedWithId(id, itemId, version));
    }

    /// <summary>Difficulties, resolutions and conclusions belong to a held meeting whose minutes are not yet published.</summary>
    private static Rejection? RequireRecordOpen(Meeting m) => m.Status switch
    {
        MeetingStatus.Held => null,
        MeetingStatus.MinutesPublished => Rejection.Conflict("minutes-published", "The minutes are published; the record changes only by an amendment with a reason."),
        _ => Rejection.Conflict($"meeting-{Codes.Of(m.Status)}", $"The meeting is {Codes.Of(m.Status)}; its record is kept once it has been held."),
    };

    private static Rejection? RequireFollowUpPossible(Meeting m) => m.Status is MeetingStatus.Held or MeetingStatus.MinutesPublished
        ? null
        : Rejection.Conflict($"meeting-{Codes.Of(m.Status)}", $"The meeting is {Codes.Of(m.Status)}; follow-up needs a meeting that was held.");

    private static Rejection? RequirePending(Meeting m, Guid difficultyId, bool notFound) => m.FindDifficulty(difficultyId) switch
    {
        null => notFound ? Rejection.NotFound($"The meeting has no difficulty with id {difficultyId}.")
            : Rejection.Unprocessable("unknown-difficulty", $"The meeting has no difficulty with id {difficultyId}."),
        { Response: not DifficultyResponse.Pending } d => Rejection.Conflict("difficulty-already-answered", $"The difficulty was already answered ({Codes.Of(d.Response)})."),
        _ => null,
    };
}
