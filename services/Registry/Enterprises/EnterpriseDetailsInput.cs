using System.Net.Mail;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Geography;
using Platform.Geography;

namespace Platform.Registry.Enterprises;

public sealed record AddressInput(string? Street, string? Commune, string? District);
public sealed record RepresentativeInput(string? Name, string? Title);
public sealed record ContactInput(string? Phone, string? Email);

/// <summary>The details as a client sends them: codes as strings (e.g. "telecom", "network-operator"),
/// so an unknown code gets a field error instead of a deserialization failure.</summary>
public sealed record EnterpriseDetailsInput(
    string? LegalName, string? ShortName, string[]? Sectors, string[]? Kinds,
    AddressInput? HeadOffice, RepresentativeInput? Representative, ContactInput? Contact)
{
    /// <summary>Validates every field (all errors at once) and returns clean, NFC-normalised details. The head office's
    /// commune is a unit of the province's official list (code or name, folded): with a district a commune before
    /// 1 July 2025, without one a current commune; unknown → the field named with the closest names.</summary>
    public EnterpriseDetails? Validate(FieldErrors errors, ProvinceGeography geography)
    {
        errors.Require(LegalName, "legalName", 300).Require(ShortName, "shortName", 100);
        var sectors = ParseCodes<Sector>(Sectors, "sectors", errors);
        var kinds = ParseCodes<EnterpriseKind>(Kinds, "kinds", errors);
        errors.Require(HeadOffice?.Street, "headOffice.street", 300)
              .Optional(HeadOffice?.Commune, "headOffice.commune", 100)
              .Optional(HeadOffice?.District, "headOffice.district", 100)
              .Require(Representative?.Name, "representative.name", 200)
              .Require(Representative?.Title, "representative.title", 200)
              .Require(Contact?.Phone, "contact.phone", 30)
              .Require(Contact?.Email, "contact.email", 200);
        if (!string.IsNullOrWhiteSpace(Contact?.Phone) && !Contact.Phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '.' or '-' or '(' or ')'))
            errors.Add("contact.phone", "may contain only digits, spaces and + . - ( )");
        if (!string.IsNullOrWhiteSpace(Contact?.Email) && !MailAddress.TryCreate(Contact.Email.Trim(), out _))
            errors.Add("contact.email", "is not an e-mail address");
        var unit = errors.Any && (HeadOffice?.Commune?.Length > 100 || HeadOffice?.District?.Length > 100) ? null
            : geography.ResolveCommune(HeadOffice?.Commune, string.IsNullOrWhiteSpace(HeadOffice?.District) ? null : HeadOffice.District,
                "headOffice.commune", "headOffice.district");
        if (unit is not null) errors.Add(unit);
        if (errors.Any) return null;

        return new EnterpriseDetails(
            VietnameseText.Clean(LegalName), VietnameseText.Clean(ShortName), sectors, kinds,
            Locate(VietnameseText.Clean(HeadOffice!.Street), unit!.Unit!, geography),
            new Representative(VietnameseText.Clean(Representative!.Name), VietnameseText.Clean(Representative.Title)),
            new Contact(Contact!.Phone!.Trim(), Contact.Email!.Trim()));
    }

    /// <summary>The stored address: the unit's code and generation and official spelling, and (before 1 July 2025) its district's.</summary>
    public static Address Locate(string street, AdministrativeUnit unit, ProvinceGeography geography) =>
        new(street, unit.Name, unit.Generation == UnitGeneration.ThreeTier ? geography.OldDistricts.First(d => d.Code == unit.ParentCode).Name : "",
            unit.Code, unit.Generation);

    private static IReadOnlyList<T> ParseCodes<T>(string[]? codes, string field, FieldErrors errors) where T : struct, Enum
    {
        if (codes is null || codes.Length == 0)
        {
            errors.Add(field, $"at least one is required: {string.Join(", ", Codes.All<T>())}");
            return [];
        }
        var parsed = new List<T>();
        foreach (var code in codes)
        {
            if (Codes.TryParse<T>(code, out var value)) { if (!parsed.Contains(value)) parsed.Add(value); }
            else errors.Add(field, $"'{code}' is not one of: {string.Join(", ", Codes.All<T>())}");
        }
        return parsed;
    }
}
