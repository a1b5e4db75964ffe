using System.Security.Claims;

namespace Platform.Web.Account;

/// <summary>Who is using the console, for what the pages offer (the APIs still decide what is allowed).</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    public ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public string Name => Principal.FindFirstValue("name") ?? "";
    public string? Role => Principal.FindFirstValue("role");
    public bool IsDepartment => Principal.IsDepartment();
    public bool IsManager => Principal.IsInRole(PlatformRoles.Manager);
    public bool ReadsEverything => Principal.ReadsEverything();

    /// <summary>The enterprise a representative acts for: the console shows it only its own enterprise's pages.</summary>
    public Guid? Enterprise => Principal.RepresentedEnterprise();

    public bool MayActFor(Guid enterpriseId) => Principal.MayActFor(enterpriseId);
}
