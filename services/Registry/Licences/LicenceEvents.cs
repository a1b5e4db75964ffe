namespace Platform.Registry.Licences;

public enum LicenceStatus { Valid, Revoked, Expired }

// Licences live in their holder's enterprise stream: every licence rule depends on the holder's state.

public sealed record LicenceGranted(
    Guid EnterpriseId, Guid LicenceId, string Number, LicenceType Type, IssuingAuthority Authority,
    DateOnly IssuedOn, DateOnly ExpiresOn);

public sealed record LicenceRenewed(Guid EnterpriseId, Guid LicenceId, DateOnly ExpiresOn);

public sealed record LicenceRevoked(Guid EnterpriseId, Guid LicenceId, string Reason);

public sealed record LicenceExpired(Guid EnterpriseId, Guid LicenceId, DateOnly ExpiredOn);
