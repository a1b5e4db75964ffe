using Microsoft.AspNetCore.Identity;

namespace Platform.Identity.Accounts;

/// <summary>
/// A person who signs in: Department staff, an auditor, or an enterprise's representative. One Platform role
/// per account (the APIs' <c>role</c> claim); a representative also names its enterprise (<c>enterprise_id</c>).
/// Passwords, lockout and the TOTP authenticator key are ASP.NET Core Identity's own columns.
/// </summary>
public sealed class Account : IdentityUser
{
    public string FullName { get; set; } = "";
    public string Role { get; set; } = "";
    public Guid? EnterpriseId { get; set; }

    /// <summary>Disabled by a manager or because its enterprise ceased: no sign-in, no refreshed token.</summary>
    public bool Disabled { get; set; }
    public string? DisabledReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One line of the audit trail: a sign-in, a refusal, or a change to an account.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>What happened (<see cref="AuditKinds"/>).</summary>
    public string Kind { get; set; } = "";
    /// <summary>The account concerned (null when a sign-in named no known account).</summary>
    public string? AccountId { get; set; }
    public string? UserName { get; set; }
    /// <summary>Who did it: the manager's subject, "self" for a sign-in, "registry" for a ceased enterprise.</summary>
    public string Actor { get; set; } = "";
    public string? Detail { get; set; }
    public string? Address { get; set; }
}

public static class AuditKinds
{
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignedOut = "signed-out";
    public const string SecondFactorFailed = "second-factor-failed";
    public const string TokenRefused = "token-refused";
    public const string Created = "account-created";
    public const string Disabled = "account-disabled";
    public const string Enabled = "account-enabled";
    public const string RoleChanged = "role-changed";
    public const string PasswordReset = "password-reset";
    public const string SecondFactorEnabled = "second-factor-enabled";
    public const string SecondFactorReset = "second-factor-reset";
}
