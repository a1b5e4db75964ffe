namespace Platform.Meetings.Agreements;

public enum AgreementStatus { Draft, InForce }

public sealed record Commitment(Guid Id, string Text, CommitmentCategory Category, CommitmentParty Party, Cadence Cadence);

/// <summary>A signing party: an enterprise, or the Department itself (<see cref="EnterpriseId"/> null).</summary>
public sealed record AgreementParty(Guid? EnterpriseId, string Name);

public sealed record Signature(Guid? EnterpriseId, string SignedBy, DateOnly SignedOn);

public sealed record RemovedParty(Guid EnterpriseId, string Name, string Reason);

// Domain events of the agreement stream.
public sealed record AgreementDrafted(
    Guid AgreementId, int Year, string Title, IReadOnlyList<AgreementParty> Parties, IReadOnlyList<Commitment> Commitments, Guid? RenewedFrom);
public sealed record AgreementSigned(Guid AgreementId, int Year, Guid? EnterpriseId, string PartyName, string SignedBy, DateOnly SignedOn);
// Commitments is copied here so the public event can say what the agreement binds its parties to (null in older events).
public sealed record AgreementCameIntoForce(Guid AgreementId, int Year, DateOnly InForceFrom, DateOnly ExpiresOn, IReadOnlyList<Guid> EnterpriseIds,
    IReadOnlyList<CommitmentCategory>? Commitments = null);
public sealed record AgreementPartyRemoved(Guid AgreementId, Guid EnterpriseId, string Name, string Reason);

/// <summary>The yearly cooperation programme (memorandum of understanding) between the Department and the postal
/// and telecom enterprises. In force once every party has signed; expires at the end of its year.</summary>
public sealed record CooperationAgreement(
    Guid Id, int Year, string Title, IReadOnlyList<AgreementParty> Parties, IReadOnlyList<Commitment> Commitments,
    IReadOnlyList<Signature> Signatures, IReadOnlyList<RemovedParty> Removed, AgreementStatus Status, DateOnly? InForceFrom,
    Guid? RenewedFrom, long Version)
{
    public static readonly string DepartmentName = "Sở Thông tin và Truyền thông";

    public DateOnly ExpiresOn => new(Year, 12, 31);

    public bool IsExpired(DateOnly today) => today > ExpiresOn;

    public Signature? SignatureOf(Guid? enterpriseId) => Signatures.FirstOrDefault(s => s.EnterpriseId == enterpriseId);

    public IEnumerable<AgreementParty> Pending => Parties.Where(p => SignatureOf(p.EnterpriseId) is null);

    /// <summary>Is this enterprise a party (or was it, before it was removed)? Its representative may read the agreement.</summary>
    public bool Involves(Guid enterpriseId) =>
        Parties.Any(p => p.EnterpriseId == enterpriseId) || Removed.Any(r => r.EnterpriseId == enterpriseId);

    public static CooperationAgreement? When(CooperationAgreement? state, object @event) => (state, @event) switch
    {
        (null, AgreementDrafted e) => new CooperationAgreement(e.AgreementId, e.Year, e.Title, e.Parties, e.Commitments, [], [], AgreementStatus.Draft, null, e.RenewedFrom, 0),
        (null, _) => null,
        (_, AgreementSigned e) => state with { Signatures = [.. state.Signatures, new Signature(e.EnterpriseId, e.SignedBy, e.SignedOn)] },
        (_, AgreementCameIntoForce e) => state with { Status = AgreementStatus.InForce, InForceFrom = e.InForceFrom },
        (_, AgreementPartyRemoved e) => state with
        {
            Parties = state.Parties.Where(p => p.EnterpriseId != e.EnterpriseId).ToList(),
            Removed = [.. state.Removed, new RemovedParty(e.EnterpriseId, e.Name, e.Reason)],
        },
        _ => state,
    };
}
