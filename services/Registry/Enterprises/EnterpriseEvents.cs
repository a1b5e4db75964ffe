namespace Platform.Registry.Enterprises;

// Domain events of the enterprise stream. They never leave the Registry; RegistryIntegrationEvents
// maps them to the public contracts.

public sealed record EnterpriseRegistered(Guid EnterpriseId, string TaxCode, EnterpriseDetails Details, DateTimeOffset RegisteredAt);

public sealed record EnterpriseDetailsAmended(Guid EnterpriseId, EnterpriseDetails Details, string? Reason);

public sealed record EnterpriseSuspended(Guid EnterpriseId, string Reason);

public sealed record EnterpriseReinstated(Guid EnterpriseId, string? Note);

public sealed record EnterpriseCeased(Guid EnterpriseId, string Reason);

/// <summary>The one-off migration gave a head office entered by names (before the reference data) its unit's code
/// (<see cref="AddressCoding"/>); carries the whole details after it, as an amendment does.</summary>
public sealed record EnterpriseAddressCoded(Guid EnterpriseId, EnterpriseDetails Details);
