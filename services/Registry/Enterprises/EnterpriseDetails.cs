using Platform.Geography;

namespace Platform.Registry.Enterprises;

/// <summary>Head office (the register keeps no branches). The commune is one of the province's official units, kept with the code
/// and generation it was entered with (<c>three-tier</c>: a commune before 1 July 2025, with its district's name;
/// <c>two-tier</c>: a current one, district empty), names in their official spelling. Records from before the reference
/// data have the names as typed and no code until <see cref="AddressCoding"/> codes them.</summary>
public sealed record Address(string Street, string Commune, string District, string? CommuneCode = null, UnitGeneration? Generation = null);

/// <summary>The legal representative (người đại diện theo pháp luật) and the contact for the Department.</summary>
public sealed record Representative(string Name, string Title);

public sealed record Contact(string Phone, string Email);

/// <summary>Everything about an enterprise that an amendment may change (the tax code never changes).</summary>
public sealed record EnterpriseDetails(
    string LegalName, string ShortName,
    IReadOnlyList<Sector> Sectors, IReadOnlyList<EnterpriseKind> Kinds,
    Address HeadOffice, Representative Representative, Contact Contact);
