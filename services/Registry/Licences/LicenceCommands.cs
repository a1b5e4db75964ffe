using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;
using Platform.Registry.Enterprises;

namespace Platform.Registry.Licences;

public sealed record GrantLicenceRequest(string? Number, string? Type, string? IssuingAuthority, DateOnly? IssuedOn, DateOnly? ExpiresOn);

public sealed record RenewLicenceRequest(DateOnly? ExpiresOn);

public sealed record GrantLicence(string Number, LicenceType Type, IssuingAuthority Authority, DateOnly IssuedOn, DateOnly ExpiresOn);
public sealed record RenewLicence(DateOnly ExpiresOn);
public sealed record RevokeLicence(string Reason);

/// <summary>Grant, renew, revoke and expire: the licence rules, decided on the holder's state.</summary>
public static class LicenceCommands
{
    public static Parsed<GrantLicence> Parse(GrantLicenceRequest request)
    {
        var errors = new FieldErrors();
        var number = errors.Text(request.Number, "number", 100);
        var type = errors.Code<LicenceType>(request.Type, "type");
        var authority = errors.Code<IssuingAuthority>(request.IssuingAuthority, "issuingAuthority");
        var issuedOn = errors.Date(request.IssuedOn, "issuedOn");
        var expiresOn = errors.Date(request.ExpiresOn, "expiresOn");
        errors.When(request.ExpiresOn <= request.IssuedOn, "expiresOn", "must be after issuedOn");
        return Parsed<GrantLicence>.Unless(errors, () => new GrantLicence(number, type, authority, issuedOn, expiresOn));
    }

    public static Parsed<RenewLicence> ParseRenewal(RenewLicenceRequest request)
    {
        var errors = new FieldErrors();
        var expiresOn = errors.Date(request.ExpiresOn, "expiresOn");
        return Parsed<RenewLicence>.Unless(errors, () => new RenewLicence(expiresOn));
    }

    public static Parsed<RevokeLicence> ParseRevocation(ReasonRequest request)
    {
        var errors = new FieldErrors();
        var reason = errors.Text(request.Reason, "reason", 500);
        return Parsed<RevokeLicence>.Unless(errors, () => new RevokeLicence(reason));
    }

    public static Decision Grant(Enterprise state, GrantLicence command, Guid licenceId)
    {
        if (state.Status == EnterpriseStatus.Ceased)
            return Rejection.Conflict("enterprise-ceased", "A ceased enterprise cannot be granted a licence.");
        if (state.Licences.Any(l => l.Number == command.Number && l.Type == command.Type))
            return Rejection.Conflict("duplicate-licence", $"Licence {command.Number} of this type is already recorded for this enterprise.");
        return Decision.Append(state.Id, new LicenceGranted(state.Id, licenceId, command.Number, command.Type, command.Authority, command.IssuedOn, command.ExpiresOn));
    }

    public static Decision Renew(Enterprise state, Guid licenceId, RenewLicence command)
    {
        if (state.FindLicence(licenceId) is not { } licence) return LicenceNotFound(licenceId);
        if (licence.Status != LicenceStatus.Valid)
            return Rejection.Conflict($"licence-{Codes.Of(licence.Status)}", $"Licence {licence.Number} is {Codes.Of(licence.Status)}; only a valid licence can be renewed.");
        if (command.ExpiresOn <= licence.ExpiresOn)
            return Rejection.Unprocessable("renewal-not-later", $"A renewal must move the expiry past {licence.ExpiresOn:yyyy-MM-dd}.");
        return Decision.Append(state.Id, new LicenceRenewed(state.Id, licenceId, command.ExpiresOn));
    }

    public static Decision Revoke(Enterprise state, Guid licenceId, RevokeLicence command)
    {
        if (state.FindLicence(licenceId) is not { } licence) return LicenceNotFound(licenceId);
        if (licence.Status != LicenceStatus.Valid)
            return Rejection.Conflict($"licence-{Codes.Of(licence.Status)}", $"Licence {licence.Number} is already {Codes.Of(licence.Status)}.");
        return Decision.Append(state.Id, new LicenceRevoked(state.Id, licenceId, command.Reason));
    }

    /// <summary>Expires every valid licence whose last valid day is before <paramref name="today"/>.
    /// Deciding again on the new state yields nothing, so concurrent or repeated runs are harmless.</summary>
    public static Decision ExpireOverdue(Enterprise state, DateOnly today) =>
        Decision.Append(state.Id, state.Licences
            .Where(l => l.Status == LicenceStatus.Valid && l.ExpiresOn < today)
            .Select(l => (object)new LicenceExpired(state.Id, l.Id, l.ExpiresOn))
            .ToArray());

    public static void Map(RouteGroupBuilder enterprises)
    {
        enterprises.MapPost("/{id:guid}/licences", async (Guid id, GrantLicenceRequest request, HttpContext http) =>
            {
                var licenceId = Guid.CreateVersion7();
                var (version, refused) = await http.RunCommandAsync(id,
                    CommandRunner.On<Enterprise, GrantLicence>(id, ChangeEnterprise.NotFound(id), Parse(request), (state, command) => Grant(state, command, licenceId)), IfMatch.Optional);
                return refused ?? Results.Created($"/api/registry/enterprises/{id}#licence-{licenceId}", new LicenceGrantedResponse(id, licenceId, version));
            })
            .WithSummary("Record a licence granted to the enterprise.")
            .Produces<LicenceGrantedResponse>(StatusCodes.Status201Created)
            .ProducesCommandProblems()
            .Writes(PlatformPolicies.DepartmentWrite);
        enterprises.MapPost("/{id:guid}/licences/{licenceId:guid}/renewal", (Guid id, Guid licenceId, RenewLicenceRequest request, HttpContext http) =>
                http.RunAsync<Enterprise, RenewLicence>(id, ParseRenewal(request), (state, command) => Renew(state, licenceId, command), ChangeEnterprise.NotFound(id)))
            .WithSummary("Extend a valid licence's expiry date.")
            .Writes(PlatformPolicies.DepartmentWrite);
        enterprises.MapPost("/{id:guid}/licences/{licenceId:guid}/revocation", (Guid id, Guid licenceId, ReasonRequest request, HttpContext http) =>
                http.RunAsync<Enterprise, RevokeLicence>(id, ParseRevocation(request), (state, command) => Revoke(state, licenceId, command), ChangeEnterprise.NotFound(id)))
            .WithSummary("Revoke a valid licence, with a reason.")
            .Writes(PlatformPolicies.DepartmentManager);
    }

    private static Rejection LicenceNotFound(Guid licenceId) => Rejection.NotFound($"The enterprise holds no licence with id {licenceId}.");
}

public sealed record LicenceGrantedResponse(Guid Id, Guid LicenceId, long Version);
