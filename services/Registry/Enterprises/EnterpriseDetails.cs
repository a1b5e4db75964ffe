namespace Platform.Registry.Enterprises;

/// <summary>Head office. District and commune are the province's administrative units.</summary>
public sealed record Address(string Street, string Commune, string District);

/// <summary>The legal representative (người đại diện theo pháp luật) and the contact for the Department.</summary>
public sealed record Representative(string Name, string Title);

public sealed record Contact(string Phone, string Email);

/// <summary>Everything about an enterprise that an amendment may change (the tax code never changes).</summary>
public sealed record EnterpriseDetails(
    string LegalName, string ShortName,
    IReadOnlyList<Sector> Sectors, IReadOnlyList<EnterpriseKind> Kinds,
    Address HeadOffice, Representative Representative, Contact Contact);
