using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;
using Platform.Registry.Enterprises;

namespace Platform.Registry.Licences;

public sealed record GrantLicenceRequest(string? Number, string? Type, string? IssuingAuthority, DateOnly? IssuedOn, DateOnly? ExpiresOn);

public sealed record RenewLicenceRequest(DateOnly? ExpiresOn);

/// <summary>Grant, renew, revoke and expire: the licence rules, decided on the holder's state.</summary>
public static class LicenceCommands
{
    public static Decision Grant(Enterprise state, GrantLicenceRequest request, Guid licenceId)
    {
        var errors = new FieldErrors().Require(request.Number, "number", 100);
        if (!Codes.TryParse<LicenceType>(request.Type, out var type))
            errors.Add("type", $"must be one of: {string.Join(", ", Codes.All<LicenceType>())}");
        if (!Codes.TryParse<IssuingAuthority>(request.IssuingAuthority, out var authority))
            errors.Add("issuingAuthority", $"must be one of: {string.Join(", ", Codes.All<IssuingAuthority>())}");
        errors.When(request.IssuedOn is null, "issuedOn", "is required (yyyy-MM-dd)")
              .When(request.ExpiresOn is null, "expiresOn", "is required (yyyy-MM-dd)")
              .When(request.ExpiresOn <= request.IssuedOn, "expiresOn", "must be after issuedOn");
        if (errors.Any) return errors.ToRejection();

        if (state.Status == EnterpriseStatus.Ceased)
            return Rejection.Conflict("enterprise-ceased", "A ceased enterprise cannot be granted a licence.");
        var number = VietnameseText.Clean(request.Number);
        if (state.Licences.Any(l => l.Number == number && l.Type == type))
            return Rejection.Conflict("duplicate-licence", $"Licence {number} of this type is already recorded for this enterprise.");
        return Decision.Append(state.Id, new LicenceGranted(state.Id, licenceId, number, type, authority, request.IssuedOn!.Value, request.ExpiresOn!.Value));
    }

    public static Decision Renew(Enterprise state, Guid licenceId, RenewLicenceRequest request)
    {
        if (request.ExpiresOn is null) return Rejection.Invalid("expiresOn", "is required (yyyy-MM-dd)");
        if (state.FindLicence(licenceId) is not { } licence) return LicenceNotFound(licenceId);
        if (licence.Status != LicenceStatus.Valid)
            return Rejection.Conflict($"licence-{Codes.Of(licence.Status)}", $"Licence {licence.Number} is {Codes.Of(licence.Status)}; only a valid licence can be renewed.");
        if (request.ExpiresOn <= licence.ExpiresOn)
            return Rejection.Unprocessable("renewal-not-later", $"A renewal must move the expiry past {licence.ExpiresOn:yyyy-MM-dd}.");
        return Decision.Append(state.Id, new LicenceRenewed(state.Id, licenceId, request.ExpiresOn.Value));
    }

    public static Decision Revoke(Enterprise state, Guid licenceId, ReasonRequest request)
    {
        var errors = new FieldErrors().Require(request.Reason, "reason", 500);
        if (errors.Any) return errors.ToRejection();
        if (state.FindLicence(licenceId) is not { } licence) return LicenceNotFound(licenceId);
        if (licence.Status != LicenceStatus.Valid)
            return Rejection.Conflict($"licence-{Codes.Of(licence.Status)}", $"Licence {licence.Number} is already {Codes.Of(licence.Status)}.");
        return Decision.Append(state.Id, new LicenceRevoked(state.Id, licenceId, VietnameseText.Clean(request.Reason)));
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
                    CommandRunner.On<Enterprise>(id, ChangeEnterprise.NotFound(id), state => Grant(state, request, licenceId)), IfMatch.Optional);
                return refused ?? Results.Created($"/api/registry/enterprises/{id}#licence-{licenceId}", new LicenceGrantedResponse(id, licenceId, version));
            })
            .WithSummary("Record a licence granted to the enterprise.")
            .Produces<LicenceGrantedResponse>(StatusCodes.Status201Created)
            .Writes(PlatformPolicies.DepartmentWrite);
        enterprises.MapPost("/{id:guid}/licences/{licenceId:guid}/renewal", (Guid id, Guid licenceId, RenewLicenceRequest request, HttpContext http) =>
                http.RunAsync<Enterprise>(id, state => Renew(state, licenceId, request), ChangeEnterprise.NotFound(id)))
            .WithSummary("Extend a valid licence's expiry date.")
            .Writes(PlatformPolicies.DepartmentWrite);
        enterprises.MapPost("/{id:guid}/licences/{licenceId:guid}/revocation", (Guid id, Guid licenceId, ReasonRequest request, HttpContext http) =>
                http.RunAsync<Enterprise>(id, state => Revoke(state, licenceId, request), ChangeEnterprise.NotFound(id)))
            .WithSummary("Revoke a valid licence, with a reason.")
            .Writes(PlatformPolicies.DepartmentManager);
    }

    private static Rejection LicenceNotFound(Guid licenceId) => Rejection.NotFound($"The enterprise holds no licence with id {licenceId}.");
}

public sealed record LicenceGrantedResponse(Guid Id, Guid LicenceId, long Version);
