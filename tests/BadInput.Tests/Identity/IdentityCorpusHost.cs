using System.Text.RegularExpressions;
using BadInput.Tests.Corpus;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Identity;
using Platform.Identity.Accounts;
using Platform.Testing;

namespace BadInput.Tests.Identity;

/// <summary>
/// The identity service with one officer account {A} to aim at, and a manager signed in through the code flow whose
/// token the corpus client carries. Its management API (<c>/api/identity</c>) is what the corpus covers; the
/// OpenID Connect endpoints answer in OAuth's own error format (RFC 6749) and the sign-in form in HTML, so they are
/// left out. A refusal must leave the accounts and the audit trail unchanged (every accepted change writes a line).
/// </summary>
public sealed class IdentityCorpusHost(TestServers servers) : CorpusServiceHost<IdentityApi>(servers, "identitydb", "identity")
{
    private const string RedirectUri = "http://localhost/signin-oidc";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Identity:Clients:corpus-web:Secret"] = "corpus-secret",
        ["Identity:Clients:corpus-web:RedirectUris:0"] = RedirectUri,
    };

    public override async Task<long> CountAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        return await db.Users.CountAsync() + await db.Audit.CountAsync();
    }

    public override IReadOnlyList<string> WriteEndpoints() => base.WriteEndpoints().Where(e => e.Contains(" /api/identity/")).ToList();

    protected override async Task SetUpAsync()
    {
        Values["A"] = (await CreateAsync(PlatformRoles.Officer)).Id;
        Values["ENT"] = Guid.NewGuid().ToString();
        var manager = await CreateAsync(PlatformRoles.Manager);
        var browser = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Authorization = null;
        var tokens = await new OidcCodeFlow(browser, new OidcClient("corpus-web", "corpus-secret", RedirectUri)).SignInAsync(manager.UserName!, Password);
        Client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
    }

    private const string Password = "Mat-khau-2026";

    private async Task<Account> CreateAsync(string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = new Account { UserName = $"corpus-{role}", FullName = "Người Thử", Role = role, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(account, Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        return account;
    }
}
