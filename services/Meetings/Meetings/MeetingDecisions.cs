using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;

namespace Platform.Meetings.Meetings;

public sealed record OfficialInput(string? Name, string? Title, string? Organisation);
public sealed record ScheduleMeetingRequest(
    string? Kind, string? Title, DateOnly? Date, string? Place, string? Chair, string[]? Agenda,
    Guid[]? InvitedEnterpriseIds, OfficialInput[]? InvitedOfficials);
public sealed record RescheduleRequest(DateOnly? Date, string? Place, string? Reason);
public sealed record ReasonRequest(string? Reason);
public sealed record AttendanceInput(Guid? InviteeId, string? Presence, string? DelegateName);
public sealed record HoldMeetingRequest(AttendanceInput[]? Attendance);
public sealed record RaiseDifficultyRequest(Guid? EnterpriseId, string? Topic, string? Text);
public sealed record ResolveDifficultyRequest(string? Resolution);
public sealed record ConclusionRequest(string? Text);
public sealed record PublishMinutesRequest(string? Summary);
public sealed record AmendMinutesRequest(string? Reason, string? Change);

/// <summary>The meeting's rules: the lifecycle, attendance only for invitees, and no change to the record
/// once the minutes are published except by an amendment with a reason.</summary>
public static class MeetingDecisions
{
    public static Decision Schedule(ScheduleMeetingRequest r, Guid id, IReadOnlyDictionary<Guid, KnownEnterprise> known, Func<Guid> newId)
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

    public static Decision Reschedule(Meeting m, RescheduleRequest r)
    {
        var errors = new FieldErrors().Require(r.Reason, "reason").When(r.Date is null, "date", "is required (yyyy-MM-dd)")
            .Optional(r.Place, "place", 300);
        if (errors.Any) return errors.ToRejection();
        if (RequireStatus(m, MeetingStatus.Scheduled, "rescheduled") is { } wrong) return wrong;
        return Decision.Append(m.Id, new MeetingRescheduled(m.Id, r.Date!.Value, string.IsNullOrWhiteSpace(r.Place) ? m.Place : VietnameseText.Clean(r.Place), VietnameseText.Clean(r.Reason)));
    }

    public static Decision Cancel(Meeting m, ReasonRequest r)
    {
        var errors = new FieldErrors().Require(r.Reason, "reason");
        if (errors.Any) return errors.ToRejection();
        if (RequireStatus(m, MeetingStatus.Scheduled, "cancelled") is { } wrong) return wrong;
        return Decision.Append(m.Id, new MeetingCancelled(m.Id, VietnameseText.Clean(r.Reason)));
    }

    /// <summary>Records attendance: only invitees may appear; a delegate needs a name; invitees not listed were absent.</summary>
    public static Decision Hold(Meeting m, HoldMeetingRequest r, DateOnly today)
    {
        var input = r.Attendance ?? [];
        var errors = new FieldErrors();
        var parsed = new List<(Guid Id, Presence Presence, string? Delegate)>();
        foreach (var (a, i) in input.Select((a, i) => (a, i)))
        {
            errors.When(a?.InviteeId is null, $"attendance[{i}].inviteeId", "is required");
            if (!Codes.TryParse<Presence>(a?.Presence, out var presence))
                errors.Add($"attendance[{i}].presence", $"must be one of: {string.Join(", ", Codes.All<Presence>())}");
            else if (presence == Presence.Delegate) errors.Require(a!.DelegateName, $"attendance[{i}].delegateName", 200);
            if (a?.InviteeId is { } id) parsed.Add((id, presence, presence == Presence.Delegate ? VietnameseText.Clean(a.DelegateName) : null));
        }
        errors.When(parsed.Select(p => p.Id).Distinct().Count() != parsed.Count, "attendance", "lists an invitee more than once");
        if (errors.Any) return errors.ToRejection();

        if (RequireStatus(m, MeetingStatus.Scheduled, "held") is { } wrong) return wrong;
        if (m.Date > today) return Rejection.Unprocessable("meeting-not-yet-due", $"The meeting is scheduled for {m.Date:yyyy-MM-dd}; attendance is recorded on or after that day.");
        if (parsed.Where(p => !m.IsInvitee(p.Id)).Select(p => (Guid?)p.Id).FirstOrDefault() is { } stranger)
            return Rejection.Unprocessable("not-invited", $"{stranger} was not invited to this meeting; attendance is recorded for invitees only.");

        var byId = parsed.ToDictionary(p => p.Id);
        var attendance = m.Enterprises.Select(e => Entry(e.Id, e.Name, true))
            .Concat(m.Officials.Select(o => Entry(o.Id, $"{o.Name} – {o.Title}, {o.Organisation}", false))).ToList();
        return Decision.Append(m.Id, new MeetingHeld(m.Id, m.Date, attendance));

        AttendanceEntry Entry(Guid id, string name, bool isEnterprise) =>
            byId.TryGetValue(id, out var p) ? new(id, name, isEnterprise, p.Presence, p.Delegate) : new(id, name, isEnterprise, Presence.Absent, null);
    }

    public static Decision RaiseDifficulty(Meeting m, RaiseDifficultyRequest r, Guid difficultyId)
    {
        var errors = new FieldErrors().Require(r.Text, "text", 4000).When(r.EnterpriseId is null, "enterpriseId", "is required")
            .When(!Codes.TryParse<DifficultyTopic>(r.Topic, out var topic), "topic", $"must be one of: {string.Join(", ", Codes.All<DifficultyTopic>())}");
        if (errors.Any) return errors.ToRejection();
        if (RequireRecordOpen(m) is { } closed) return closed;
        if (m.Enterprises.FirstOrDefault(e => e.Id == r.EnterpriseId) is not { } enterprise)
            return Rejection.Unprocessable("not-invited", "Only an enterprise invited to the meeting can raise a difficulty there.");
        return Decision.Append(m.Id, new DifficultyRaised(m.Id, difficultyId, enterprise.Id, enterprise.Name, topic, VietnameseText.Clean(r.Text)));
    }

    public static Decision ResolveDifficulty(Meeting m, Guid difficultyId, ResolveDifficultyRequest r)
    {
        var errors = new FieldErrors().Require(r.Resolution, "resolution", 4000);
        if (errors.Any) return errors.ToRejection();
        if (RequireRecordOpen(m) is { } closed) return closed;
        if (RequirePending(m, difficultyId, notFound: true) is { } refused) return refused;
        return Decision.Append(m.Id, new DifficultyResolvedAtMeeting(m.Id, difficultyId, VietnameseText.Clean(r.Resolution)));
    }

    /// <summary>Follow-up (an action item, an escalation) may come after the minutes: it answers a difficulty
    /// still pending without rewriting what was said at the meeting.</summary>
    public static Decision TurnIntoActionItem(Meeting m, Guid difficultyId, Guid actionItemId) =>
        RequireFollowUpPossible(m) ?? RequirePending(m, difficultyId, notFound: false)
        ?? Decision.Append(m.Id, new DifficultyTurnedIntoActionItem(m.Id, difficultyId, actionItemId));

    public static Decision Escalate(Meeting m, Guid difficultyId, Guid escalationId) =>
        RequireFollowUpPossible(m) ?? RequirePending(m, difficultyId, notFound: false)
        ?? Decision.Append(m.Id, new DifficultyEscalated(m.Id, difficultyId, escalationId));

    public static Decision RecordConclusion(Meeting m, ConclusionRequest r, Guid conclusionId)
    {
        var errors = new FieldErrors().Require(r.Text, "text", 4000);
        if (errors.Any) return errors.ToRejection();
        return RequireRecordOpen(m) ?? Decision.Append(m.Id, new ConclusionRecorded(m.Id, conclusionId, VietnameseText.Clean(r.Text)));
    }

    public static Decision PublishMinutes(Meeting m, PublishMinutesRequest r, DateOnly today)
    {
        if (new FieldErrors().Optional(r.Summary, "summary", 4000) is { Any: true } invalid) return invalid.ToRejection();
        if (m.Status == MeetingStatus.MinutesPublished) return Rejection.Conflict("minutes-already-published", "The minutes are already published; change them by an amendment.");
        if (RequireStatus(m, MeetingStatus.Held, "given minutes") is { } wrong) return wrong;
        return Decision.Append(m.Id, new MinutesPublished(m.Id, today, string.IsNullOrWhiteSpace(r.Summary) ? null : VietnameseText.Clean(r.Summary), m.Conclusions.Count));
    }

    public static Decision Amend(Meeting m, AmendMinutesRequest r, DateTimeOffset now)
    {
        var errors = new FieldErrors().Require(r.Reason, "reason").Require(r.Change, "change", 4000);
        if (errors.Any) return errors.ToRejection();
        if (m.Status != MeetingStatus.MinutesPublished)
            return Rejection.Conflict("minutes-not-published", "Only published minutes are amended; until then record the change directly.");
        return Decision.Append(m.Id, new MinutesAmended(m.Id, VietnameseText.Clean(r.Reason), VietnameseText.Clean(r.Change), now));
    }

    /// <summary>Registry link: a ceased enterprise is no longer invited to meetings still to come. Nothing
    /// to do (no events) for past, held or cancelled meetings, or when it was not invited.</summary>
    public static Decision WithdrawInvitation(Meeting m, Guid enterpriseId, string reason, DateOnly today) =>
        m.Status == MeetingStatus.Scheduled && m.Date >= today && m.Enterprises.FirstOrDefault(e => e.Id == enterpriseId) is { } invited
            ? Decision.Append(m.Id, new InvitationWithdrawn(m.Id, enterpriseId, invited.Name, reason))
            : Decision.Nothing;

    private static Rejection? RequireStatus(Meeting m, MeetingStatus required, string verb) => m.Status == required
        ? null
        : Rejection.Conflict($"meeting-{Codes.Of(m.Status)}", $"The meeting is {Codes.Of(m.Status)}; only a {Codes.Of(required)} meeting can be {verb}.");

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
