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

/// <summary>A scheduled meeting is moved, cancelled, or held (attendance only for invitees).</summary>
public static class MeetingLifecycle
{
    public static Decision Reschedule(Meeting m, RescheduleRequest r)
    {
        var errors = new FieldErrors().Require(r.Reason, "reason").When(r.Date is null, "date", "is required (yyyy-MM-dd)")
            .Optional(r.Place, "place", 300);
        if (errors.Any) return errors.ToRejection();
        if (MeetingRules.RequireStatus(m, MeetingStatus.Scheduled, "rescheduled") is { } wrong) return wrong;
        return Decision.Append(m.Id, new MeetingRescheduled(m.Id, r.Date!.Value, string.IsNullOrWhiteSpace(r.Place) ? m.Place : VietnameseText.Clean(r.Place), VietnameseText.Clean(r.Reason)));
    }

    public static Decision Cancel(Meeting m, ReasonRequest r)
    {
        var errors = new FieldErrors().Require(r.Reason, "reason");
        if (errors.Any) return errors.ToRejection();
        if (MeetingRules.RequireStatus(m, MeetingStatus.Scheduled, "cancelled") is { } wrong) return wrong;
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

        if (MeetingRules.RequireStatus(m, MeetingStatus.Scheduled, "held") is { } wrong) return wrong;
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

    public static void Map(RouteGroupBuilder meetings)
    {
        meetings.MapPost("/{id:guid}/rescheduling", (Guid id, RescheduleRequest body, HttpContext http) =>
                http.RunAsync<Meeting>(id, m => Reschedule(m, body), MeetingRules.NotFound(id)))
            .WithSummary("Move a scheduled meeting to another date (and place), with a reason.")
            .Writes(PlatformPolicies.DepartmentWrite);
        meetings.MapPost("/{id:guid}/cancellation", (Guid id, ReasonRequest body, HttpContext http) =>
                http.RunAsync<Meeting>(id, m => Cancel(m, body), MeetingRules.NotFound(id)))
            .WithSummary("Cancel a scheduled meeting, with a reason (a Department manager).")
            .Writes(PlatformPolicies.DepartmentManager);
        meetings.MapPost("/{id:guid}/holding", (Guid id, HoldMeetingRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<Meeting>(id, m => Hold(m, body, DepartmentClock.Today(clock)), MeetingRules.NotFound(id)))
            .WithSummary("Record that the meeting was held, with attendance per invitee (present, delegate with name, absent); unlisted invitees were absent.")
            .Writes(PlatformPolicies.DepartmentWrite);
    }
}
