using System.Security.Claims;

namespace Microsoft.Extensions.Hosting;

/// <summary>The roles a token can carry (claim <c>role</c>), and who the caller acts for.</summary>
public static class PlatformRoles
{
    public const string Officer = "department-officer";
    public const string Manager = "department-manager";
    public const string Representative = "enterprise-representative";
    public const string Auditor = "auditor";
    public const string ExternalSystem = "external-system";

    public static readonly string[] All = [Officer, Manager, Representative, Auditor, ExternalSystem];

    /// <summary>Claim naming the one enterprise an enterprise representative may act for.</summary>
    public const string EnterpriseIdClaim = "enterprise_id";

    public static bool IsDepartment(this ClaimsPrincipal user) => user.IsInRole(Officer) || user.IsInRole(Manager);

    /// <summary>Department staff and auditors read everything; nobody else does.</summary>
    public static bool ReadsEverything(this ClaimsPrincipal user) => user.IsDepartment() || user.IsInRole(Auditor);

    /// <summary>The enterprise a representative acts for; null for everyone else.</summary>
    public static Guid? RepresentedEnterprise(this ClaimsPrincipal user) =>
        user.IsInRole(Representative) && Guid.TryParse(user.FindFirstValue(EnterpriseIdClaim), out var id) ? id : null;

    /// <summary>May this caller act (change things) for this enterprise: Department staff for any, a representative for its own.</summary>
    public static bool MayActFor(this ClaimsPrincipal user, Guid enterpriseId) =>
        user.IsDepartment() || user.RepresentedEnterprise() == enterpriseId;

    /// <summary>May this caller see this enterprise's own data (reports, requests, licences): Department and auditors, or its representative.</summary>
    public static bool MayReadFor(this ClaimsPrincipal user, Guid enterpriseId) =>
        user.ReadsEverything() || user.RepresentedEnterprise() == enterpriseId;
}
