using System.Security.Claims;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;

namespace Platform.Meetings.Agreements;

/// <summary>Omit <c>enterpriseId</c> when the Department signs.</summary>
public sealed record SignRequest(Guid? EnterpriseId, string? SignedBy, DateOnly? SignedOn);

/// <summary>A party's signature; no enterprise id for the Department's.</summary>
public sealed record PartySignature(Guid? EnterpriseId, string SignedBy, DateOnly SignedOn);

/// <summary>A party signs; the last signature brings the agreement into force.</summary>
public static class SignAgreement
{
    public static Parsed<PartySignature> Parse(SignRequest r)
    {
        var errors = new FieldErrors();
        var signedBy = errors.Text(r.SignedBy, "signedBy", 200);
        var signedOn = errors.Date(r.SignedOn, "signedOn");
        return Parsed<PartySignature>.Unless(errors, () => new PartySignature(r.EnterpriseId, signedBy, signedOn));
    }

    /// <summary>Records one party's signature; the last one brings the agreement into force.</summary>
    public static Decision Decide(CooperationAgreement a, PartySignature r, DateOnly today)
    {
        if (r.EnterpriseId is { } gone && a.Removed.FirstOrDefault(p => p.EnterpriseId == gone) is { } removed)
            return Rejection.Conflict("party-removed", $"{removed.Name} is no longer a party: {removed.Reason}");
        if (a.Parties.FirstOrDefault(p => p.EnterpriseId == r.EnterpriseId) is not { } party)
            return Rejection.Unprocessable("not-a-party", $"Enterprise {r.EnterpriseId} is not a party to this agreement.");
        if (a.SignatureOf(r.EnterpriseId) is { } signed)
            return Rejection.Conflict("already-signed", $"{party.Name} already signed on {signed.SignedOn:yyyy-MM-dd} ({signed.SignedBy}).");
        if (a.IsExpired(today)) return Rejection.Unprocessable("agreement-expired", $"The {a.Year} agreement expired on {a.ExpiresOn:yyyy-MM-dd}.");
        if (r.SignedOn > today) return Rejection.Unprocessable("signed-in-future", $"{r.SignedOn:yyyy-MM-dd} is after today.");

        var signature = new AgreementSigned(a.Id, a.Year, party.EnterpriseId, party.Name, r.SignedBy, r.SignedOn);
        var after = CooperationAgreement.When(a, signature)!;
        return InForceIfAllSigned(after) is { } inForce ? Decision.Append(a.Id, signature, inForce) : Decision.Append(a.Id, signature);
    }

    public static void Map(RouteGroupBuilder agreements) =>
        agreements.MapPost("/{id:guid}/signatures", (Guid id, SignRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<CooperationAgreement, PartySignature>(id, Parse(body), (a, c) => Decide(a, c, DepartmentClock.Today(clock)), AgreementRegister.NotFound(id),
                    mayAct: a => MaySign(http.User, a, body.EnterpriseId)))
            .WithSummary("Record a party's signature (omit enterpriseId for the Department); the last signature brings the agreement into force. A representative records only its own enterprise's signature.")
            .Writes(PlatformPolicies.EnterpriseAct);

    /// <summary>Department staff record any party's signature (the Department's included); a representative only its
    /// own enterprise's, on an agreement its enterprise is a party to.</summary>
    internal static bool MaySign(ClaimsPrincipal user, CooperationAgreement a, Guid? party) =>
        user.IsDepartment() || party is { } enterprise && user.MayActFor(enterprise) && a.Involves(enterprise);

    internal static AgreementCameIntoForce? InForceIfAllSigned(CooperationAgreement a) =>
        a.Status == AgreementStatus.Draft && !a.Pending.Any() && a.Parties.Any(p => p.EnterpriseId is not null)
            ? new AgreementCameIntoForce(a.Id, a.Year, a.Signatures.Max(s => s.SignedOn), a.ExpiresOn,
                a.Parties.Where(p => p.EnterpriseId is not null).Select(p => p.EnterpriseId!.Value).ToList(),
                a.Commitments.Select(c => c.Category).Distinct().ToList())
            : null;
}
