using Microsoft.AspNetCore.Authorization;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The named authorization policies every service uses. Policies say which roles may call an
/// endpoint at all; an endpoint that concerns one enterprise also checks, in its handler, that a
/// representative acts only for its own (<see cref="PlatformRoles.MayActFor"/>).
/// </summary>
public static class PlatformPolicies
{
    /// <summary>Create and edit: officers and managers.</summary>
    public const string DepartmentWrite = "department-write";
    /// <summary>Approve, mediate, escalate, accept/return reports, publish indicators, sanction: managers.</summary>
    public const string DepartmentManager = "department-manager";
    /// <summary>Read everything: Department staff and auditors.</summary>
    public const string DepartmentRead = "department-read";
    /// <summary>Act for an enterprise: Department staff, or a representative (for its own enterprise).</summary>
    public const string EnterpriseAct = "enterprise-act";
    /// <summary>Read an enterprise's own data: Department, auditors, or its representative.</summary>
    public const string EnterpriseRead = "enterprise-read";
    /// <summary>Change feeds and bulk snapshots: Department, auditors and outside systems.</summary>
    public const string Feeds = "feeds";
    /// <summary>Public read models (directory, public site register): every role.</summary>
    public const string PublicRead = "public-read";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(DepartmentWrite, p => p.RequireRole(PlatformRoles.Officer, PlatformRoles.Manager));
        options.AddPolicy(DepartmentManager, p => p.RequireRole(PlatformRoles.Manager));
        options.AddPolicy(DepartmentRead, p => p.RequireRole(PlatformRoles.Officer, PlatformRoles.Manager, PlatformRoles.Auditor));
        options.AddPolicy(EnterpriseAct, p => p.RequireAssertion(c => c.User.IsDepartment() || c.User.RepresentedEnterprise() is not null));
        options.AddPolicy(EnterpriseRead, p => p.RequireAssertion(c => c.User.ReadsEverything() || c.User.RepresentedEnterprise() is not null));
        options.AddPolicy(Feeds, p => p.RequireRole(PlatformRoles.Officer, PlatformRoles.Manager, PlatformRoles.Auditor, PlatformRoles.ExternalSystem));
        options.AddPolicy(PublicRead, p => p.RequireRole(PlatformRoles.All));
        // Anything not marked otherwise needs a signed-in caller with a Platform role.
        options.FallbackPolicy = options.GetPolicy(PublicRead);
    }
}
