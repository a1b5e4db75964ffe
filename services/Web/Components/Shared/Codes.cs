using Platform.Contracts;
using Platform.Contracts.Infrastructure;
using Platform.Contracts.Registry;

namespace Platform.Web.Components.Shared;

/// <summary>The codes the APIs accept, read from the code lists the services parse with (Platform.Contracts), so the
/// console offers exactly what they accept; the labels are in the resource file ("code.&lt;code&gt;").</summary>
public static class Codes
{
    public static readonly IReadOnlyList<string> Sectors = CodeList.All<Sector>();
    public static readonly IReadOnlyList<string> Kinds = CodeList.All<EnterpriseKind>();
    public static readonly IReadOnlyList<string> EnterpriseStatuses = CodeList.All<EnterpriseStatus>();
    public static readonly IReadOnlyList<string> RefusalReasons = CodeList.All<RefusalReason>();
    public static readonly IReadOnlyList<string> LicenceTypes = CodeList.All<LicenceType>();
    public static readonly IReadOnlyList<string> IssuingAuthorities = CodeList.All<IssuingAuthority>();
    public static readonly IReadOnlyList<string> SiteKinds = CodeList.All<SiteKind>();
    public static readonly IReadOnlyList<string> PlanZones = CodeList.All<PlanZone>();
    public static readonly IReadOnlyList<string> WorksKinds = CodeList.All<WorksKind>();
}
