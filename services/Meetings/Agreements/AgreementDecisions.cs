using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;

namespace Platform.Meetings.Agreements;

public sealed record CommitmentInput(string? Text, string? Category, string? Party, string? Cadence);
public sealed record DraftAgreementRequest(int? Year, string? Title, Guid[]? EnterpriseIds, CommitmentInput[]? Commitments);
/// <summary>Omit <c>enterpriseId</c> when the Department signs.</summary>
public sealed record SignRequest(Guid? EnterpriseId, string? SignedBy, DateOnly? SignedOn);

public static class AgreementDecisions
{
    public static Decision Draft(DraftAgreementRequest r, Guid id, IReadOnlyDictionary<Guid, KnownEnterprise> known, bool yearTaken, Func<Guid> newId)
    {
        var errors = new FieldErrors().Require(r.Title, "title", 500)
            .When(r.Year is null or < 2000 or > 2100, "year", "must be a year between 2000 and 2100")
            .When(r.EnterpriseIds is null || r.EnterpriseIds.Length == 0, "enterpriseIds", "at least one enterprise is required")
            .When(r.EnterpriseIds is { } ids && ids.Distinct().Count() != ids.Length, "enterpriseIds", "must not repeat an enterprise")
            .When(r.Commitments is null || r.Commitments.Length == 0, "commitments", "at least one commitment is required");
        var commitments = new List<Commitment>();
        foreach (var (c, i) in (r.Commitments ?? []).Select((c, i) => (c, i)))
        {
            errors.Require(c?.Text, $"commitments[{i}].text", 2000);
            var ok = Parse<CommitmentCategory>(c?.Category, $"commitments[{i}].category", errors, out var category)
                   & Parse<CommitmentParty>(c?.Party, $"commitments[{i}].party", errors, out var party)
                   & Parse(c?.Cadence ?? "none", $"commitments[{i}].cadence", errors, out Cadence cadence);
            if (ok && !string.IsNullOrWhiteSpace(c!.Text)) commitments.Add(new Commitment(newId(), VietnameseText.Clean(c.Text), category, party, cadence));
        }
        if (errors.Any) return errors.ToRejection();
        if (yearTaken) return Rejection.Conflict("agreement-exists-for-year", $"A cooperation agreement for {r.Year} already exists.");
        foreach (var enterpriseId in r.EnterpriseIds!)
            if (KnownEnterprise.RequireActive(known.GetValueOrDefault(enterpriseId), enterpriseId, "enterpriseIds") is { } inactive) return inactive;

        List<AgreementParty> parties = [new(null, CooperationAgreement.DepartmentName), .. r.EnterpriseIds.Select(e => new AgreementParty(e, known[e].ShortName))];
        return Decision.Start<CooperationAgreement>(id, new AgreementDrafted(id, r.Year!.Value, VietnameseText.Clean(r.Title), parties, commitments, null));
    }

    /// <summary>Records one party's signature; the last one brings the agreement into force.</summary>
    public static Decision Sign(CooperationAgreement a, SignRequest r, DateOnly today)
    {
        var errors = new FieldErrors().Require(r.SignedBy, "signedBy", 200).When(r.SignedOn is null, "signedOn", "is required (yyyy-MM-dd)");
        if (errors.Any) return errors.ToRejection();
        if (r.EnterpriseId is { } gone && a.Removed.FirstOrDefault(p => p.EnterpriseId == gone) is { } removed)
            return Rejection.Conflict("party-removed", $"{removed.Name} is no longer a party: {removed.Reason}");
        if (a.Parties.FirstOrDefault(p => p.EnterpriseId == r.EnterpriseId) is not { } party)
            return Rejection.Unprocessable("not-a-party", $"Enterprise {r.EnterpriseId} is not a party to this agreement.");
        if (a.SignatureOf(r.EnterpriseId) is { } signed)
            return Rejection.Conflict("already-signed", $"{party.Name} already signed on {signed.SignedOn:yyyy-MM-dd} ({signed.SignedBy}).");
        if (a.IsExpired(today)) return Rejection.Unprocessable("agreement-expired", $"The {a.Year} agreement expired on {a.ExpiresOn:yyyy-MM-dd}.");
        if (r.SignedOn > today) return Rejection.Unprocessable("signed-in-future", $"{r.SignedOn:yyyy-MM-dd} is after today.");

        var signature = new AgreementSigned(a.Id, a.Year, party.EnterpriseId, party.Name, VietnameseText.Clean(r.SignedBy), r.SignedOn!.Value);
        var after = CooperationAgreement.When(a, signature)!;
        return InForceIfAllSigned(after) is { } inForce ? Decision.Append(a.Id, signature, inForce) : Decision.Append(a.Id, signature);
    }

    /// <summary>Registry link: a ceased enterprise that has not signed leaves the agreement, with the reason kept.
    /// If everyone left has signed, the agreement comes into force. Nothing to do otherwise.</summary>
    public static Decision RemoveCeasedParty(CooperationAgreement a, Guid enterpriseId, string reason)
    {
        if (a.Status != AgreementStatus.Draft || a.Pending.FirstOrDefault(p => p.EnterpriseId == enterpriseId) is not { } party) return Decision.Nothing;
        var removed = new AgreementPartyRemoved(a.Id, enterpriseId, party.Name, reason);
        var after = CooperationAgreement.When(a, removed)!;
        return InForceIfAllSigned(after) is { } inForce ? Decision.Append(a.Id, removed, inForce) : Decision.Append(a.Id, removed);
    }

    /// <summary>Drafts next year's agreement from this one: same title and commitments, the enterprises that are
    /// still active (the others are left out, with the reason kept on the new draft).</summary>
    public static Decision Renew(CooperationAgreement a, Guid id, IReadOnlyDictionary<Guid, KnownEnterprise> known, bool nextYearTaken, Func<Guid> newId)
    {
        if (a.Status != AgreementStatus.InForce) return Rejection.Conflict("agreement-not-in-force", "Only an agreement that came into force is renewed.");
        if (nextYearTaken) return Rejection.Conflict("agreement-exists-for-year", $"A cooperation agreement for {a.Year + 1} already exists.");
        var parties = a.Parties.Where(p => p.EnterpriseId is null || known.GetValueOrDefault(p.EnterpriseId.Value) is { IsActive: true })
            .Select(p => p.EnterpriseId is { } e ? p with { Name = known[e].ShortName } : p).ToList();
        if (parties.Count < 2) return Rejection.Unprocessable("no-active-enterprise", "None of the enterprises of this agreement is still active.");
        var drafted = new AgreementDrafted(id, a.Year + 1, a.Title.Replace(a.Year.ToString(), (a.Year + 1).ToString()), parties,
            a.Commitments.Select(c => c with { Id = newId() }).ToList(), a.Id);
        var leftOut = a.Parties.Where(p => p.EnterpriseId is { } e && parties.All(q => q.EnterpriseId != e))
            .Select(p => (object)new AgreementPartyRemoved(id, p.EnterpriseId!.Value, p.Name,
                known.GetValueOrDefault(p.EnterpriseId.Value) is { } k ? $"{k.Status}{(k.StatusReason is null ? "" : $": {k.StatusReason}")}" : "unknown to the Registry"));
        return Decision.Start<CooperationAgreement>(id, [drafted, .. leftOut]);
    }

    private static AgreementCameIntoForce? InForceIfAllSigned(CooperationAgreement a) =>
        a.Status == AgreementStatus.Draft && !a.Pending.Any() && a.Parties.Any(p => p.EnterpriseId is not null)
            ? new AgreementCameIntoForce(a.Id, a.Year, a.Signatures.Max(s => s.SignedOn), a.ExpiresOn,
                a.Parties.Where(p => p.EnterpriseId is not null).Select(p => p.EnterpriseId!.Value).ToList(),
                a.Commitments.Select(c => c.Category).Distinct().ToList())
            : null;

    private static bool Parse<T>(string? code, string field, FieldErrors errors, out T value) where T : struct, Enum
    {
        if (Codes.TryParse(code, out value)) return true;
        errors.Add(field, $"must be one of: {string.Join(", ", Codes.All<T>())}");
        return false;
    }
}
