using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;
using Platform.Geography;

namespace Platform.Registry.Enterprises;

public sealed record AmendDetailsRequest(
    string? LegalName, string? ShortName, string[]? Sectors, string[]? Kinds,
    AddressInput? HeadOffice, RepresentativeInput? Representative, ContactInput? Contact, string? Reason);

public sealed record ReasonRequest(string? Reason);

public sealed record NoteRequest(string? Note);

public sealed record AmendEnterpriseDetails(EnterpriseDetails Details, string? Reason);
public sealed record SuspendEnterprise(string Reason);
public sealed record ReinstateEnterprise(string? Note);
public sealed record CeaseEnterprise(string Reason);

/// <summary>Amendment and the lifecycle: active → suspended → reinstated (active); ceased is final.</summary>
public static class ChangeEnterprise
{
    public static Parsed<AmendEnterpriseDetails> Parse(AmendDetailsRequest request, ProvinceGeography geography)
    {
        var errors = new FieldErrors();
        var details = new EnterpriseDetailsInput(request.LegalName, request.ShortName, request.Sectors, request.Kinds,
            request.HeadOffice, request.Representative, request.Contact).Validate(errors, geography);
        var reason = errors.OptionalText(request.Reason, "reason", 500);
        return Parsed<AmendEnterpriseDetails>.Unless(errors, () => new AmendEnterpriseDetails(details!, reason));
    }

    public static Parsed<SuspendEnterprise> ParseSuspension(ReasonRequest request)
    {
        var errors = new FieldErrors();
        var reason = errors.Text(request.Reason, "reason", 500);
        return Parsed<SuspendEnterprise>.Unless(errors, () => new SuspendEnterprise(reason));
    }

    public static Parsed<ReinstateEnterprise> ParseReinstatement(NoteRequest request)
    {
        var errors = new FieldErrors();
        var note = errors.OptionalText(request.Note, "note", 500);
        return Parsed<ReinstateEnterprise>.Unless(errors, () => new ReinstateEnterprise(note));
    }

    public static Parsed<CeaseEnterprise> ParseCessation(ReasonRequest request)
    {
        var errors = new FieldErrors();
        var reason = errors.Text(request.Reason, "reason", 500);
        return Parsed<CeaseEnterprise>.Unless(errors, () => new CeaseEnterprise(reason));
    }

    public static Decision Amend(Enterprise state, AmendEnterpriseDetails command)
    {
        if (state.Status == EnterpriseStatus.Ceased) return CeasedIsFinal(state);
        if (SameDetails(command.Details, state.Details)) return Decision.Nothing; // nothing changed, nothing recorded
        return Decision.Append(state.Id, new EnterpriseDetailsAmended(state.Id, command.Details, command.Reason));
    }

    public static Decision Suspend(Enterprise state, SuspendEnterprise command) => state.Status switch
    {
        EnterpriseStatus.Active => Decision.Append(state.Id, new EnterpriseSuspended(state.Id, command.Reason)),
        EnterpriseStatus.Suspended => Rejection.Conflict("already-suspended", "The enterprise is already suspended."),
        _ => CeasedIsFinal(state),
    };

    public static Decision Reinstate(Enterprise state, ReinstateEnterprise command) => state.Status switch
    {
        EnterpriseStatus.Suspended => Decision.Append(state.Id, new EnterpriseReinstated(state.Id, command.Note)),
        EnterpriseStatus.Active => Rejection.Conflict("not-suspended", "Only a suspended enterprise can be reinstated."),
        _ => CeasedIsFinal(state),
    };

    public static Decision Cease(Enterprise state, CeaseEnterprise command) =>
        state.Status == EnterpriseStatus.Ceased
            ? CeasedIsFinal(state)
            : Decision.Append(state.Id, new EnterpriseCeased(state.Id, command.Reason));

    public static void Map(RouteGroupBuilder enterprises)
    {
        enterprises.MapPut("/{id:guid}/details", (Guid id, AmendDetailsRequest request, ProvinceGeography geography, HttpContext http) =>
                http.RunAsync<Enterprise, AmendEnterpriseDetails>(id, Parse(request, geography), Amend, NotFound(id), ifMatch: IfMatch.Required))
            .WithSummary("Amend an enterprise's details; If-Match with the ETag you read is required (428 without).")
            .Writes(PlatformPolicies.DepartmentWrite);
        enterprises.MapPost("/{id:guid}/suspension", (Guid id, ReasonRequest request, HttpContext http) =>
                http.RunAsync<Enterprise, SuspendEnterprise>(id, ParseSuspension(request), Suspend, NotFound(id)))
            .WithSummary("Suspend an active enterprise, with a reason.")
            .Writes(PlatformPolicies.DepartmentManager);
        enterprises.MapPost("/{id:guid}/reinstatement", (Guid id, NoteRequest request, HttpContext http) =>
                http.RunAsync<Enterprise, ReinstateEnterprise>(id, ParseReinstatement(request), Reinstate, NotFound(id)))
            .WithSummary("Reinstate a suspended enterprise.")
            .Writes(PlatformPolicies.DepartmentManager);
        enterprises.MapPost("/{id:guid}/cessation", (Guid id, ReasonRequest request, HttpContext http) =>
                http.RunAsync<Enterprise, CeaseEnterprise>(id, ParseCessation(request), Cease, NotFound(id)))
            .WithSummary("Record that an enterprise ceased operating (final).")
            .Writes(PlatformPolicies.DepartmentManager);
    }

    internal static string NotFound(Guid id) => $"No enterprise with id {id}.";

    private static Rejection CeasedIsFinal(Enterprise state) =>
        Rejection.Conflict("enterprise-ceased", $"{state.Details.ShortName} has ceased operating; its record can no longer change.");

    // Records compare lists by reference; compare their contents.
    private static bool SameDetails(EnterpriseDetails a, EnterpriseDetails b) =>
        a with { Sectors = b.Sectors, Kinds = b.Kinds } == b && a.Sectors.SequenceEqual(b.Sectors) && a.Kinds.SequenceEqual(b.Kinds);
}
