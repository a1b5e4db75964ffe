using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;

namespace Platform.Registry.Enterprises;

public sealed record AmendDetailsRequest(
    string? LegalName, string? ShortName, string[]? Sectors, string[]? Kinds,
    AddressInput? HeadOffice, RepresentativeInput? Representative, ContactInput? Contact, string? Reason);

public sealed record ReasonRequest(string? Reason);

public sealed record NoteRequest(string? Note);

/// <summary>Amendment and the lifecycle: active → suspended → reinstated (active); ceased is final.</summary>
public static class ChangeEnterprise
{
    public static Decision Amend(Enterprise state, AmendDetailsRequest request)
    {
        if (state.Status == EnterpriseStatus.Ceased) return CeasedIsFinal(state);
        var errors = new FieldErrors();
        var details = new EnterpriseDetailsInput(request.LegalName, request.ShortName, request.Sectors, request.Kinds,
            request.HeadOffice, request.Representative, request.Contact).Validate(errors);
        errors.Optional(request.Reason, "reason", 500);
        if (errors.Any) return errors.ToRejection();
        if (SameDetails(details!, state.Details)) return Decision.Nothing; // nothing changed, nothing recorded
        return Decision.Append(state.Id, new EnterpriseDetailsAmended(state.Id, details!, Optional(request.Reason)));
    }

    public static Decision Suspend(Enterprise state, ReasonRequest request)
    {
        if (RequireReason(request.Reason) is { } invalid) return invalid;
        return state.Status switch
        {
            EnterpriseStatus.Active => Decision.Append(state.Id, new EnterpriseSuspended(state.Id, VietnameseText.Clean(request.Reason))),
            EnterpriseStatus.Suspended => Rejection.Conflict("already-suspended", "The enterprise is already suspended."),
            _ => CeasedIsFinal(state),
        };
    }

    public static Decision Reinstate(Enterprise state, NoteRequest request)
    {
        var errors = new FieldErrors().Optional(request.Note, "note", 500);
        if (errors.Any) return errors.ToRejection();
        return state.Status switch
        {
            EnterpriseStatus.Suspended => Decision.Append(state.Id, new EnterpriseReinstated(state.Id, Optional(request.Note))),
            EnterpriseStatus.Active => Rejection.Conflict("not-suspended", "Only a suspended enterprise can be reinstated."),
            _ => CeasedIsFinal(state),
        };
    }

    public static Decision Cease(Enterprise state, ReasonRequest request)
    {
        if (RequireReason(request.Reason) is { } invalid) return invalid;
        return state.Status == EnterpriseStatus.Ceased
            ? CeasedIsFinal(state)
            : Decision.Append(state.Id, new EnterpriseCeased(state.Id, VietnameseText.Clean(request.Reason)));
    }

    public static void Map(RouteGroupBuilder enterprises)
    {
        enterprises.MapPut("/{id:guid}/details", (Guid id, AmendDetailsRequest request, HttpContext http) =>
                http.RunAsync<Enterprise>(id, state => Amend(state, request), NotFound(id), ifMatch: IfMatch.Required))
            .WithSummary("Amend an enterprise's details; If-Match with the ETag you read is required (428 without).")
            .Writes(PlatformPolicies.DepartmentWrite);
        enterprises.MapPost("/{id:guid}/suspension", (Guid id, ReasonRequest request, HttpContext http) =>
                http.RunAsync<Enterprise>(id, state => Suspend(state, request), NotFound(id)))
            .WithSummary("Suspend an active enterprise, with a reason.")
            .Writes(PlatformPolicies.DepartmentManager);
        enterprises.MapPost("/{id:guid}/reinstatement", (Guid id, NoteRequest request, HttpContext http) =>
                http.RunAsync<Enterprise>(id, state => Reinstate(state, request), NotFound(id)))
            .WithSummary("Reinstate a suspended enterprise.")
            .Writes(PlatformPolicies.DepartmentManager);
        enterprises.MapPost("/{id:guid}/cessation", (Guid id, ReasonRequest request, HttpContext http) =>
                http.RunAsync<Enterprise>(id, state => Cease(state, request), NotFound(id)))
            .WithSummary("Record that an enterprise ceased operating (final).")
            .Writes(PlatformPolicies.DepartmentManager);
    }

    internal static string NotFound(Guid id) => $"No enterprise with id {id}.";

    private static Rejection CeasedIsFinal(Enterprise state) =>
        Rejection.Conflict("enterprise-ceased", $"{state.Details.ShortName} has ceased operating; its record can no longer change.");

    private static Rejection? RequireReason(string? reason)
    {
        var errors = new FieldErrors().Require(reason, "reason", 500);
        return errors.Any ? errors.ToRejection() : null;
    }

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : VietnameseText.Clean(text);

    // Records compare lists by reference; compare their contents.
    private static bool SameDetails(EnterpriseDetails a, EnterpriseDetails b) =>
        a with { Sectors = b.Sectors, Kinds = b.Kinds } == b && a.Sectors.SequenceEqual(b.Sectors) && a.Kinds.SequenceEqual(b.Kinds);
}
