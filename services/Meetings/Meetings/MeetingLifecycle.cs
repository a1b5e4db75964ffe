using Marten;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;

namespace Platform.Meetings.Meetings;

public sealed record RescheduleRequest(DateOnly? Date, string? Place, string? Reason);
public sealed record ReasonRequest(string? Reason);
public sealed record AttendanceInput(Guid? InviteeId, string? Presence, string? DelegateName);
public sealed record HoldMeetingRequest(AttendanceInput[]? Attendance);

public sealed record MeetingMove(DateOnly Date, string? Place, string Reason);
public sealed record MeetingCancellation(string Reason);
public sealed record AttendanceMark(Guid InviteeId, Presence Presence, string? DelegateName);
public sealed record MeetingAttendance(IReadOnlyList<AttendanceMark> Marks);

/// <summary>A scheduled meeting is moved, cancelled, or held (attendance only for invitees).</summary>
public static class MeetingLifecycle
{
    public static Parsed<MeetingMove> Parse(RescheduleRequest r)
    {
        var errors = new FieldErrors();
        var reason = errors.Text(r.Reason, "reason");
        var date = errors.Date(r.Date, "date");
        var place = errors.OptionalText(r.Place, "place", 300);
        return Parsed<MeetingMove>.Unless(errors, () => new MeetingMove(date, place, reason));
    }

    public static Parsed<MeetingCancellation> Parse(ReasonRequest r)
    {
        var errors = new FieldErrors();
        var reason = errors.Text(r.Reason, "reason");
        return Parsed<MeetingCancellation>.Unless(errors, () => new MeetingCancellation(reason));
    }

    /// <summary>Each invitee at most once; a delegate needs a name.</summary>
    public static Parsed<MeetingAttendance> Parse(HoldMeetingRequest r)
    {
        var errors = new FieldErrors();
        var marks = new List<AttendanceMark>();
        foreach (var (a, i) in (r.Attendance ?? []).Select((a, i) => (a, i)))
        {
            errors.When(a?.InviteeId is null, $"attendance[{i}].inviteeId", "is required");
            if (!Codes.TryParse<Presence>(a?.Presence, out var presence))
                errors.Add($"attendance[{i}].presence", $"must be one of: {string.Join(", ", Codes.All<Presence>())}");
            else if (presence == Presence.Delegate) errors.Require(a!.DelegateName, $"attendance[{i}].delegateName", 200);
            if (a?.InviteeId is { } id) marks.Add(new AttendanceMark(id, presence, presence == Presence.Delegate ? VietnameseText.Clean(a.DelegateName) : null));
        }
        errors.When(marks.Select(p => p.InviteeId).Distinct().Count() != marks.Count, "attendance", "lists an invitee more than once");
        return Parsed<MeetingAttendance>.Unless(errors, () => new MeetingAttendance(marks));
    }

    public static Decision Reschedule(Meeting m, MeetingMove c)
    {
        if (MeetingRules.RequireStatus(m, MeetingStatus.Scheduled, "rescheduled") is { } wrong) return wrong;
        return Decision.Append(m.Id, new MeetingRescheduled(m.Id, c.Date, c.Place ?? m.Place, c.Reason));
    }

    public static Decision Cancel(Meeting m, MeetingCancellation c)
    {
        if (MeetingRules.RequireStatus(m, MeetingStatus.Scheduled, "cancelled") is { } wrong) return wrong;
        return Decision.Append(m.Id, new MeetingCancelled(m.Id, c.Reason));
    }

    /// <summary>Records attendance: only invitees may appear; invitees not listed were absent.</summary>
    public static Decision Hold(Meeting m, MeetingAttendance c, DateOnly today)
    {
        if (MeetingRules.RequireStatus(m, MeetingStatus.Scheduled, "held") is { } wrong) return wrong;
        if (m.Date > today) return Rejection.Unprocessable("meeting-not-yet-due", $"The meeting is scheduled for {m.Date:yyyy-MM-dd}; attendance is recorded on or after that day.");
        if (c.Marks.Where(p => !m.IsInvitee(p.InviteeId)).Select(p => (Guid?)p.InviteeId).FirstOrDefault() is { } stranger)
            return Rejection.Unprocessable("not-invited", $"{stranger} was not invited to this meeting; attendance is recorded for invitees only.");

        var byId = c.Marks.ToDictionary(p => p.InviteeId);
        var attendance = m.Enterprises.Select(e => Entry(e.Id, e.Name, true))
            .Concat(m.Officials.Select(o => Entry(o.Id, $"{o.Name} – {o.Title}, {o.Organisation}", false))).ToList();
        return Decision.Append(m.Id, new MeetingHeld(m.Id, m.Date, attendance));

        AttendanceEntry Entry(Guid id, string name, bool isEnterprise) =>
            byId.TryGetValue(id, out var p) ? new(id, name, isEnterprise, p.Presence, p.DelegateName) : new(id, name, isEnterprise, Presence.Absent, null);
    }

    public static void Map(RouteGroupBuilder meetings)
    {
        meetings.MapPost("/{id:guid}/rescheduling", (Guid id, RescheduleRequest body, HttpContext http) =>
                http.RunAsync<Meeting, MeetingMove>(id, Parse(body), Reschedule, MeetingRules.NotFound(id)))
            .WithSummary("Move a scheduled meeting to another date (and place), with a reason.")
            .Writes(PlatformPolicies.DepartmentWrite);
        meetings.MapPost("/{id:guid}/cancellation", (Guid id, ReasonRequest body, HttpContext http) =>
                http.RunAsync<Meeting, MeetingCancellation>(id, Parse(body), Cancel, MeetingRules.NotFound(id)))
            .WithSummary("Cancel a scheduled meeting, with a reason (a Department manager).")
            .Writes(PlatformPolicies.DepartmentManager);
        meetings.MapPost("/{id:guid}/holding", (Guid id, HoldMeetingRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<Meeting, MeetingAttendance>(id, Parse(body), (m, c) => Hold(m, c, DepartmentClock.Today(clock)), MeetingRules.NotFound(id)))
            .WithSummary("Record that the meeting was held, with attendance per invitee (present, delegate with name, absent); unlisted invitees were absent.")
            .Writes(PlatformPolicies.DepartmentWrite);
    }
}
