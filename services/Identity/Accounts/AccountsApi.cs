using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;
using Platform.Identity.Server;

namespace Platform.Identity.Accounts;

public sealed record AccountView(string Id, string UserName, string FullName, string Role, Guid? EnterpriseId, bool Disabled,
    string? DisabledReason, bool SecondFactor, DateTimeOffset? LockedOutUntil, DateTimeOffset CreatedAt)
{
    public static AccountView Of(Account a) => new(a.Id, a.UserName ?? "", a.FullName, a.Role, a.EnterpriseId, a.Disabled,
        a.DisabledReason, a.TwoFactorEnabled, a.LockoutEnd > DateTimeOffset.UtcNow ? a.LockoutEnd : null, a.CreatedAt);
}

public sealed record CreateAccountRequest(string? UserName, string? FullName, string? Role, Guid? EnterpriseId, string? Password);
public sealed record DisableAccountRequest(string? Reason);
public sealed record ChangeRoleRequest(string? Role, Guid? EnterpriseId);
public sealed record ResetPasswordRequest(string? NewPassword);
public sealed record SecondFactorKeyView(string SharedKey, string AuthenticatorUri, bool Enabled);
public sealed record EnableSecondFactorRequest(string? Code);
public sealed record AuditEntryView(long Id, DateTimeOffset At, string Kind, string? AccountId, string? UserName, string Actor, string? Detail, string? Address);

/// <summary>
/// Department managers manage accounts: create, disable/enable, role and enterprise, password reset, second factor
/// reset. Auditors (and managers) list the audit trail. Refusals are RFC 9457 problem details.
/// </summary>
public static class AccountsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(OidcServerSetup.ManageAccounts)
            .AddEndpointFilter(InOneTransaction);
        accounts.MapGet("", ListAccounts);
        accounts.MapGet("/{id}", GetAccount);
        accounts.MapPost("", CreateAccount);
        accounts.MapPost("/{id}/disable", DisableAccount);
        accounts.MapPost("/{id}/enable", EnableAccount);
        accounts.MapPut("/{id}/role", ChangeRole);
        accounts.MapPost("/{id}/password-reset", ResetPassword);
        accounts.MapDelete("/{id}/second-factor", ResetSecondFactor);
        api.MapGet("/audit", ListAudit).WithTags("Audit").RequireAuthorization(OidcServerSetup.ReadAudit);
        // A manager's own second factor: the key for an authenticator app, then a first code switches it on.
        var me = api.MapGroup("/me/second-factor").WithTags("Second factor").RequireAuthorization(OidcServerSetup.ManageAccounts)
            .AddEndpointFilter(InOneTransaction);
        me.MapGet("", SecondFactorKey);
        me.MapPost("", EnableSecondFactor);
    }

    /// <summary>A change to an account commits with its audit entry or not at all: Identity's stores save after each step
    /// (account, security stamp, tokens, audit line), and a crash between two must not leave a change nobody audited.</summary>
    private static async ValueTask<object?> InOneTransaction(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (HttpMethods.IsGet(context.HttpContext.Request.Method)) return await next(context);
        var db = context.HttpContext.RequestServices.GetRequiredService<IdentityDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(context.HttpContext.RequestAborted);
        var result = await next(context);
        await transaction.CommitAsync(CancellationToken.None);
        return result;
    }

    private static async Task<Ok<AccountView[]>> ListAccounts(IdentityDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Users.AsNoTracking().OrderBy(a => a.UserName).ToListAsync(ct)).Select(AccountView.Of).ToArray());

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> GetAccount(string id, UserManager<Account> users) =>
        await users.FindByIdAsync(id) is { } account ? TypedResults.Ok(AccountView.Of(account)) : NotFound(id);

    private static async Task<Results<Created<AccountView>, ValidationProblem, ProblemHttpResult>> CreateAccount(
        CreateAccountRequest request, UserManager<Account> users, AuditLog audit, TimeProvider clock, ClaimsPrincipal manager)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "userName", request.UserName, 64);
        Text(errors, "fullName", request.FullName, 200);
        Text(errors, "password", request.Password, MaxPassword);
        RoleErrors(request.Role, request.EnterpriseId, errors);
        if (errors.Count > 0) return Invalid(errors);
        var account = new Account
        {
            UserName = request.UserName!.Trim(), FullName = request.FullName!.Trim(), Role = request.Role!,
            EnterpriseId = request.Role == PlatformRoles.Representative ? request.EnterpriseId : null, CreatedAt = clock.GetUtcNow(),
        };
        if (await users.FindByNameAsync(account.UserName) is not null)
            return Problem(Rejection.Conflict("user-name-taken", $"An account named {account.UserName} exists already."));
        var created = await users.CreateAsync(account, request.Password!);
        if (!created.Succeeded) return Invalid(IdentityErrors(created));
        await audit.RecordAsync(AuditKinds.Created, account, Actor(manager), $"role {account.Role}" + (account.EnterpriseId is { } e ? $", enterprise {e}" : ""));
        return TypedResults.Created($"/api/identity/accounts/{account.Id}", AccountView.Of(account));
    }

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> DisableAccount(
        string id, DisableAccountRequest request, AccountChanges changes, ClaimsPrincipal manager)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "reason", request.Reason, 500);
        if (errors.Count > 0) return Invalid(errors);
        return await changes.DisableAsync(id, request.Reason!.Trim(), Actor(manager)) is { } account
            ? TypedResults.Ok(AccountView.Of(account)) : NotFound(id);
    }

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> EnableAccount(
        string id, UserManager<Account> users, AuditLog audit, ClaimsPrincipal manager)
    {
        if (await users.FindByIdAsync(id) is not { } account) return NotFound(id);
        account.Disabled = false;
        account.DisabledReason = null;
        await users.UpdateAsync(account);
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        await audit.RecordAsync(AuditKinds.Enabled, account, Actor(manager));
        return TypedResults.Ok(AccountView.Of(account));
    }

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> ChangeRole(
        string id, ChangeRoleRequest request, UserManager<Account> users, AuditLog audit, IOpenIddictTokenManager tokens, ClaimsPrincipal manager)
    {
        var errors = new Dictionary<string, string[]>();
        RoleErrors(request.Role, request.EnterpriseId, errors);
        if (errors.Count > 0) return Invalid(errors);
        if (await users.FindByIdAsync(id) is not { } account) return NotFound(id);
        account.Role = request.Role!;
        account.EnterpriseId = request.Role == PlatformRoles.Representative ? request.EnterpriseId : null;
        await users.UpdateAsync(account);
        await users.UpdateSecurityStampAsync(account);
        await tokens.RevokeBySubjectAsync(account.Id); // the old role's refresh tokens end here; the next sign-in carries the new one
        await audit.RecordAsync(AuditKinds.RoleChanged, account, Actor(manager), $"role {account.Role}" + (account.EnterpriseId is { } e ? $", enterprise {e}" : ""));
        return TypedResults.Ok(AccountView.Of(account));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetPassword(
        string id, ResetPasswordRequest request, UserManager<Account> users, AuditLog audit, ClaimsPrincipal manager)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "newPassword", request.NewPassword, MaxPassword);
        if (errors.Count > 0) return Invalid(errors);
        if (await users.FindByIdAsync(id) is not { } account) return NotFound(id);
        var token = await users.GeneratePasswordResetTokenAsync(account);
        var reset = await users.ResetPasswordAsync(account, token, request.NewPassword!);
        if (!reset.Succeeded) return Invalid(IdentityErrors(reset, "newPassword"));
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        await audit.RecordAsync(AuditKinds.PasswordReset, account, Actor(manager));
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ResetSecondFactor(
        string id, UserManager<Account> users, AuditLog audit, ClaimsPrincipal manager)
    {
        if (await users.FindByIdAsync(id) is not { } account) return NotFound(id);
        await users.SetTwoFactorEnabledAsync(account, false);
        await users.ResetAuthenticatorKeyAsync(account);
        await audit.RecordAsync(AuditKinds.SecondFactorReset, account, Actor(manager));
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SecondFactorKeyView>, ProblemHttpResult>> SecondFactorKey(UserManager<Account> users, ClaimsPrincipal me)
    {
        if (await users.FindByIdAsync(Actor(me)) is not { } account) return NotFound(Actor(me));
        var (key, uri) = await SecondFactor.KeyAsync(users, account);
        return TypedResults.Ok(new SecondFactorKeyView(key, uri, account.TwoFactorEnabled));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> EnableSecondFactor(
        EnableSecondFactorRequest request, UserManager<Account> users, AuditLog audit, ClaimsPrincipal me)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "code", request.Code, 10);
        if (errors.Count > 0) return Invalid(errors);
        if (await users.FindByIdAsync(Actor(me)) is not { } account) return NotFound(Actor(me));
        if (!await SecondFactor.EnableAsync(users, audit, account, request.Code!))
            return Invalid(new Dictionary<string, string[]> { ["code"] = ["is not the authenticator's current code"] });
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AuditEntryView[]>, ValidationProblem>> ListAudit(IdentityDb db, string? accountId, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > 1000) return Invalid(new Dictionary<string, string[]> { ["limit"] = ["between 1 and 1000"] });
        var query = db.Audit.AsNoTracking();
        if (!string.IsNullOrEmpty(accountId)) query = query.Where(a => a.AccountId == accountId);
        var entries = await query.OrderByDescending(a => a.Id).Take(limit ?? 200).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(a => new AuditEntryView(a.Id, a.At, a.Kind, a.AccountId, a.UserName, a.Actor, a.Detail, a.Address)).ToArray());
    }

    private const int MaxPassword = 128;

    /// <summary>A required text field: present, not too long, no control characters or broken UTF-16.</summary>
    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = ["is required"];
        else if (value.Trim().Length > max) errors[field] = [$"at most {max} characters"];
        else if (VietnameseText.Unreadable(value) is { } why) errors[field] = [why];
    }

    private static void RoleErrors(string? role, Guid? enterpriseId, Dictionary<string, string[]> errors)
    {
        // external-system belongs to OAuth clients (client credentials), never to a person.
        if (role is null || !PlatformRoles.All.Contains(role) || role == PlatformRoles.ExternalSystem)
            errors["role"] = [$"one of {PlatformRoles.Officer}, {PlatformRoles.Manager}, {PlatformRoles.Representative}, {PlatformRoles.Auditor}"];
        else if (role == PlatformRoles.Representative && (enterpriseId is null || enterpriseId == Guid.Empty))
            errors["enterpriseId"] = ["a representative names its enterprise"];
    }

    private static Dictionary<string, string[]> IdentityErrors(IdentityResult result, string passwordField = "password") =>
        result.Errors.GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField
                : e.Code.Contains("UserName", StringComparison.Ordinal) ? "userName" : "account")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());

    internal static string Actor(ClaimsPrincipal user) => user.FindFirstValue("sub") ?? "unknown";

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, "One or more fields are invalid.", type: Problems.TypeBase + "validation",
            title: "The request is invalid.", extensions: new Dictionary<string, object?> { ["code"] = "validation" });

    private static ProblemHttpResult NotFound(string id) => Problem(Rejection.NotFound($"No account {id}."));

    private static ProblemHttpResult Problem(Rejection rejection) => TypedResults.Problem(rejection.Detail,
        statusCode: rejection.Kind == RejectionKind.NotFound ? 404 : 409,
        type: rejection.Kind == RejectionKind.NotFound ? Problems.TypeBase + "not-found" : Problems.TypeBase + rejection.Code,
        title: rejection.Kind == RejectionKind.NotFound ? "Not found." : "Conflict with the current state.",
        extensions: new Dictionary<string, object?> { ["code"] = rejection.Code });
}

/// <summary>Disabling an account, shared by a manager's request and a ceased enterprise; each runs it in its transaction.</summary>
public sealed class AccountChanges(UserManager<Account> users, AuditLog audit, IOpenIddictTokenManager tokens)
{
    public async Task<Account?> DisableAsync(string id, string reason, string actor)
    {
        if (await users.FindByIdAsync(id) is not { } account) return null;
        if (account.Disabled) return account;
        account.Disabled = true;
        account.DisabledReason = reason;
        await users.UpdateAsync(account);
        // A new stamp ends the account's session at this provider; revoking its tokens ends refreshes at once
        // (the token endpoint also refuses a disabled account, whatever token it presents).
        await users.UpdateSecurityStampAsync(account);
        await tokens.RevokeBySubjectAsync(account.Id);
        await audit.RecordAsync(AuditKinds.Disabled, account, actor, reason);
        return account;
    }
}

/// <summary>A manager's TOTP second factor: the key for an authenticator app, then a first code switches it on. The
/// API (<c>/api/identity/me/second-factor</c>) and the enrolment page share it.</summary>
public static class SecondFactor
{
    public static async Task<(string Key, string Uri)> KeyAsync(UserManager<Account> users, Account account)
    {
        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account);
            key = await users.GetAuthenticatorKeyAsync(account);
        }
        var issuer = Uri.EscapeDataString("Sở TT&TT");
        return (key!, $"otpauth://totp/{issuer}:{Uri.EscapeDataString(account.UserName!)}?secret={key}&issuer={issuer}&digits=6");
    }

    /// <summary>Switches the second factor on when the code is the authenticator's current one (audited).</summary>
    public static async Task<bool> EnableAsync(UserManager<Account> users, AuditLog audit, Account account, string code)
    {
        code = code.Replace(" ", "").Replace("-", "");
        if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code)) return false;
        await users.SetTwoFactorEnabledAsync(account, true);
        await audit.RecordAsync(AuditKinds.SecondFactorEnabled, account, account.Id);
        return true;
    }
}
