using BadInput.Tests.Corpus;
using Microsoft.Extensions.Hosting;
using static BadInput.Tests.Corpus.Corpus;

namespace BadInput.Tests.Identity;

public static class IdentityCorpus
{
    private const string S = "identity";

    public static readonly WriteEndpoint Create = new("POST", "/api/identity/accounts",
        """{"userName":"daidien.hoanglien","fullName":"Phạm Văn Đại Diện","role":"enterprise-representative","enterpriseId":"{ENT}","password":"Mat-khau-2026"}""");
    public static readonly WriteEndpoint Disable = new("POST", "/api/identity/accounts/{A}/disable", """{"reason":"Nghỉ việc"}""");
    public static readonly WriteEndpoint Enable = new("POST", "/api/identity/accounts/{A}/enable");
    public static readonly WriteEndpoint ChangeRole = new("PUT", "/api/identity/accounts/{A}/role", """{"role":"enterprise-representative","enterpriseId":"{ENT}"}""");
    public static readonly WriteEndpoint ResetPassword = new("POST", "/api/identity/accounts/{A}/password-reset", """{"newPassword":"Mat-khau-moi-2027"}""");
    public static readonly WriteEndpoint ResetSecondFactor = new("DELETE", "/api/identity/accounts/{A}/second-factor");

    public static readonly WriteEndpoint EnableSecondFactor = new("POST", "/api/identity/me/second-factor", """{"code":"000000"}""");

    public static readonly WriteEndpoint[] Endpoints = [Create, Disable, Enable, ChangeRole, ResetPassword, ResetSecondFactor, EnableSecondFactor];

    /// <summary>An enterprise's id where an account's goes.</summary>
    private static readonly Dictionary<string, string> WrongKind = new() { ["A"] = "ENT" };

    public static IEnumerable<CorpusCase> Cases() => Endpoints.SelectMany(e => Generic(S, e, WrongKind)).Concat(Specific());

    private static CorpusCase Case(WriteEndpoint e, string name, Func<ICorpusHost, Task<Probe>> build) => new(S, e.Key, name, build, BadRequest);

    private static IEnumerable<CorpusCase> Specific()
    {
        yield return Case(Create, "userName missing", Field(Create, "userName", Remove));
        yield return Case(Create, "userName blank", Field(Create, "userName", "   "));
        yield return Case(Create, "role unknown", Field(Create, "role", "admin"));
        yield return Case(Create, "role external-system (clients only)", Field(Create, "role", PlatformRoles.ExternalSystem));
        yield return Case(Create, "representative without enterprise", Field(Create, "enterpriseId", Remove));
        yield return Case(Create, "representative with the empty GUID", Field(Create, "enterpriseId", Guid.Empty.ToString()));
        yield return Case(Create, "enterpriseId not a GUID", Field(Create, "enterpriseId", "vien-thong"));
        yield return Case(Create, "password too short", Field(Create, "password", "Ab1"));
        yield return Case(Create, "password without a digit", Field(Create, "password", "Mat-khau-khong-so"));
        yield return Case(Create, "password without upper case", Field(Create, "password", "mat-khau-2026"));
        yield return Case(ChangeRole, "role missing", Field(ChangeRole, "role", Remove));
        yield return Case(ChangeRole, "representative without enterprise", Field(ChangeRole, "enterpriseId", Remove));
        yield return Case(Disable, "reason blank", Field(Disable, "reason", ""));
        yield return Case(ResetPassword, "newPassword too weak", Field(ResetPassword, "newPassword", "abc"));
        yield return Case(ResetPassword, "newPassword missing", Field(ResetPassword, "newPassword", Remove));
        yield return Case(EnableSecondFactor, "a code that is not the authenticator's", Field(EnableSecondFactor, "code", "000000"));
        yield return Case(EnableSecondFactor, "code missing", Field(EnableSecondFactor, "code", Remove));
    }
}
