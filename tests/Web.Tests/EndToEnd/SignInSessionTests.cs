using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Npgsql;
using Platform.Identity;
using Platform.Identity.Accounts;
using Platform.Registry;
using Platform.Testing;
using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>
/// The console's sign-in outside the role picker, in headless Chromium: two console replicas on one session database,
/// the identity service and the Registry (for a page with data). Sessions live on the server (the cookie is a key),
/// survive a restart, are read by either replica and end at sign-out; the access token is renewed with the refresh
/// token and a disabled account's session ends at that refresh; a manager enrols a second factor at the provider.
/// </summary>
public sealed class SignInSessionTests(SignInUnderTest platform, ITestOutputHelper output) : IClassFixture<SignInUnderTest>
{
    private const string Password = "Mat-khau-2026";

    [Fact]
    public async Task A_session_is_kept_on_the_server_read_by_both_replicas_survives_a_restart_and_ends_at_sign_out()
    {
        var (userName, accountId) = await platform.CreateAccountAsync(PlatformRoles.Officer, "Hoàng Thị Phiên");
        var page = await platform.NewSessionAsync();
        await platform.SignInAtProviderAsync(page, platform.ConsoleA, userName, Password);

        // The cookie is a session key, not the tokens (an access token alone is longer than this).
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "platform.web");
        Assert.True(cookie.Value.Length < 600, $"the session cookie is {cookie.Value.Length} characters: tokens in it?");
        Assert.Single(await platform.SessionKeysAsync(accountId));

        // The other replica reads the same session.
        await page.GotoAsync(new Uri(platform.ConsoleB.Address, "/doanh-nghiep").ToString());
        await Assertions.Expect(page.Locator("[data-testid=who]")).ToContainTextAsync("Hoàng Thị Phiên");

        // A restarted console still knows it.
        await platform.RestartConsoleAAsync();
        await page.GotoAsync(new Uri(platform.ConsoleA.Address, "/doanh-nghiep").ToString());
        await Assertions.Expect(page.Locator("[data-testid=who]")).ToContainTextAsync("Hoàng Thị Phiên");
        await Assertions.Expect(page.Locator("#directory")).ToBeVisibleAsync(); // and its token still reaches the Registry

        // Signing out deletes the session: the same cookie, replayed, opens nothing.
        await page.ClickAsync("text=Đăng xuất");
        await page.WaitForURLAsync($"{platform.ConsoleA.Address}dang-nhap");
        Assert.Empty(await platform.SessionKeysAsync(accountId));
        var replay = await platform.NewSessionAsync();
        await replay.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = cookie.Name, Value = cookie.Value, Domain = cookie.Domain, Path = cookie.Path }]);
        await replay.GotoAsync(new Uri(platform.ConsoleA.Address, "/doanh-nghiep").ToString());
        await replay.WaitForURLAsync("**/dang-nhap?ReturnUrl=%2Fdoanh-nghiep");
    }

    [Fact]
    public async Task The_access_token_is_renewed_and_a_token_for_a_disabled_account_is_refused_at_the_next_refresh()
    {
        var (userName, accountId) = await platform.CreateAccountAsync(PlatformRoles.Officer, "Trịnh Văn Gia Hạn");
        var page = await platform.NewSessionAsync();
        // Console B renews at every request (RenewBefore longer than the token's lifetime): no waiting 18 minutes.
        await platform.SignInAtProviderAsync(page, platform.ConsoleB, userName, Password);
        var first = await platform.AccessTokenAsync(platform.ConsoleB, accountId);

        await page.GotoAsync(new Uri(platform.ConsoleB.Address, "/doanh-nghiep").ToString());
        await Assertions.Expect(page.Locator("#directory")).ToBeVisibleAsync();
        var renewed = await platform.AccessTokenAsync(platform.ConsoleB, accountId);
        Assert.NotEqual(first, renewed);

        // A manager disables the account (what POST /api/identity/accounts/{id}/disable runs).
        await using (var scope = platform.Identity.Services.CreateAsyncScope())
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<AccountChanges>().DisableAsync(accountId, "Nghỉ việc", "test-manager"));

        // The next request's refresh is refused: the session ends and the console asks to sign in.
        await page.GotoAsync(new Uri(platform.ConsoleB.Address, "/doanh-nghiep").ToString());
        await page.WaitForURLAsync("**/dang-nhap?ReturnUrl=%2Fdoanh-nghiep");
        Assert.Empty(await platform.SessionKeysAsync(accountId));
    }

    [Fact]
    public async Task A_manager_enrols_an_authenticator_at_the_provider_and_then_signs_in_with_its_code()
    {
        var (userName, _) = await platform.CreateAccountAsync(PlatformRoles.Manager, "Lý Thị Hai Bước");
        var page = await platform.NewSessionAsync();
        await platform.SignInAtProviderAsync(page, platform.ConsoleA, userName, Password);

        // From the console to the provider's enrolment page (signed in there already).
        await page.GotoAsync(new Uri(platform.ConsoleA.Address, "/tai-khoan/xac-thuc-hai-buoc").ToString());
        await page.WaitForURLAsync($"{platform.Identity.Address}tai-khoan/xac-thuc-hai-buoc");
        await Accessibility.ExpectAccessibleAsync(page, "identity provider: authenticator enrolment", output);
        var key = (await page.InnerTextAsync("#khoa")).Replace(" ", "");
        await page.FillAsync("input[name=Code]", Totp.Code(key) == "000000" ? "111111" : "000000");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("không đúng");
        await Accessibility.ExpectAccessibleAsync(page, "identity provider: authenticator enrolment with a wrong code", output);
        await page.FillAsync("input[name=Code]", Totp.Code(key));
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#trang-thai")).ToContainTextAsync("Đã bật");
        await Accessibility.ExpectAccessibleAsync(page, "identity provider: authenticator enrolled", output);

        // Signed out (at the provider too), the password alone no longer signs in: the code is asked.
        await page.GotoAsync(new Uri(platform.ConsoleA.Address, "/doanh-nghiep").ToString());
        await page.ClickAsync("text=Đăng xuất");
        await page.WaitForURLAsync($"{platform.ConsoleA.Address}dang-nhap");
        await page.ClickAsync("#sign-in-oidc");
        await page.WaitForURLAsync($"{platform.Identity.Address}dang-nhap**");
        await page.FillAsync("input[name=UserName]", userName);
        await page.FillAsync("input[name=Password]", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{platform.Identity.Address}dang-nhap/ma-xac-thuc**");
        await Accessibility.ExpectAccessibleAsync(page, "identity provider: sign-in code", output);
        await page.FillAsync("input[name=Code]", Totp.Code(key));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{platform.ConsoleA.Address}");
        await Assertions.Expect(page.Locator("[data-testid=who]")).ToContainTextAsync("Lý Thị Hai Bước");
    }
}

/// <summary>The identity service, the Registry and two consoles (A: renews shortly before expiry as in production;
/// B: at every request) on one session database, and headless Chromium.</summary>
public sealed class SignInUnderTest : IAsyncLifetime
{
    private const string ConsoleSecret = "sessions-e2e-secret";
    private readonly Dictionary<string, string?> _consoleSettings = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _sessions = "";

    public TestServers Servers { get; } = new();
    public KestrelServiceHost<IdentityApi> Identity { get; private set; } = null!;
    public KestrelServiceHost<RegistryApi> Registry { get; private set; } = null!;
    public ConsoleHost ConsoleA { get; private set; } = new();
    public ConsoleHost ConsoleB { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Identity = new(Servers, "identitydb");
        foreach (var (i, console) in new[] { ConsoleA, ConsoleB }.Index())
        {
            Identity.ExtraSettings[$"Identity:Clients:platform-web:RedirectUris:{i}"] = new Uri(console.Address, "/signin-oidc").ToString();
            Identity.ExtraSettings[$"Identity:Clients:platform-web:PostLogoutRedirectUris:{i}"] = new Uri(console.Address, "/signout-callback-oidc").ToString();
        }
        Identity.ExtraSettings["Identity:Clients:platform-web:Secret"] = ConsoleSecret;
        Identity.ExtraSettings["Identity:Clients:platform-services:Secret"] = ConsoleSecret + "-services";
        Identity.ExtraSettings["Identity:Clients:platform-services:Role"] = PlatformRoles.ExternalSystem;
        await Identity.InitializeAsync();

        Registry = new(Servers, "registrydb");
        Registry.ExtraSettings["Authentication:Schemes:Bearer:Authority"] = Identity.Address.ToString();
        Registry.ExtraSettings["Authentication:Schemes:Bearer:ValidAudiences:0"] = "platform";
        Registry.ExtraSettings["Authentication:Schemes:Bearer:RequireHttpsMetadata"] = "false";
        Registry.ExtraSettings["Authentication:ServiceClient:TokenEndpoint"] = new Uri(Identity.Address, "/connect/token").ToString();
        Registry.ExtraSettings["Authentication:ServiceClient:ClientId"] = "platform-services";
        Registry.ExtraSettings["Authentication:ServiceClient:ClientSecret"] = ConsoleSecret + "-services";
        await Registry.InitializeAsync();

        _sessions = await Servers.CreateDatabaseAsync("websessions");
        _consoleSettings["ConnectionStrings:webdb"] = _sessions;
        _consoleSettings["Authentication:Oidc:Authority"] = Identity.Address.ToString();
        _consoleSettings["Authentication:Oidc:ClientId"] = "platform-web";
        _consoleSettings["Authentication:Oidc:ClientSecret"] = ConsoleSecret;
        _consoleSettings["Authentication:Oidc:RequireHttpsMetadata"] = "false";
        // Pages other than the directory are not visited; their services are not started.
        foreach (var name in new[] { "infrastructure", "meetings", "reporting" }) _consoleSettings[$"services:{name}:http:0"] = "http://127.0.0.1:1/";
        _consoleSettings["services:registry:http:0"] = Registry.Address.ToString();
        await StartAsync(ConsoleA);
        foreach (var (key, value) in _consoleSettings) ConsoleB.Settings[key] = value;
        ConsoleB.Settings["Authentication:Oidc:RenewBefore"] = "1.00:00:00";
        await ConsoleB.StartAsync();

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = PlatformUnderTest.ChromiumPath, Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    private async Task StartAsync(ConsoleHost console)
    {
        foreach (var (key, value) in _consoleSettings) console.Settings[key] = value;
        await console.StartAsync();
    }

    /// <summary>Stops console A and starts it again on the same port and database.</summary>
    public async Task RestartConsoleAAsync()
    {
        var port = ConsoleA.Port;
        await ConsoleA.DisposeAsync();
        ConsoleA = new ConsoleHost(port);
        await StartAsync(ConsoleA);
    }

    public async Task<IPage> NewSessionAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", TimezoneId = "Asia/Ho_Chi_Minh" });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>The code flow in the browser: the console's sign-in page, the provider's password page, back to the directory.</summary>
    public async Task SignInAtProviderAsync(IPage page, ConsoleHost console, string userName, string password)
    {
        await page.GotoAsync(new Uri(console.Address, "/doanh-nghiep").ToString());
        await page.WaitForURLAsync("**/dang-nhap?ReturnUrl=%2Fdoanh-nghiep");
        await page.ClickAsync("#sign-in-oidc");
        await page.WaitForURLAsync($"{Identity.Address}dang-nhap**");
        await page.FillAsync("input[name=UserName]", userName);
        await page.FillAsync("input[name=Password]", password);
        await page.ClickAsync("button[type=submit]");
        try
        {
            // Wait for the address only, then for the signed-in user on the page: waiting for the "load" event after the
            // provider's redirect chain once timed out in CI with the signed-in page already shown.
            await page.WaitForURLAsync($"{console.Address}doanh-nghiep", new() { WaitUntil = WaitUntilState.Commit });
            await page.WaitForSelectorAsync("[data-testid=who]");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"not signed in: the browser is at {page.Url} showing: {await page.InnerTextAsync("body")}", ex);
        }
    }

    public async Task<(string UserName, string Id)> CreateAccountAsync(string role, string fullName)
    {
        await using var scope = Identity.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = new Account { UserName = $"tk{Guid.NewGuid():N}"[..12], FullName = fullName, Role = role, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(account, "Mat-khau-2026");
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return (account.UserName!, account.Id);
    }

    /// <summary>The account's sessions in the console's database.</summary>
    public async Task<List<string>> SessionKeysAsync(string subject)
    {
        await using var connection = new NpgsqlConnection(_sessions);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT key FROM console_sessions WHERE subject = $1", connection) { Parameters = { new() { Value = subject } } };
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        return keys;
    }

    /// <summary>The access token the console holds for the account's session (read through the console's own store).</summary>
    public async Task<string?> AccessTokenAsync(ConsoleHost console, string subject)
    {
        var key = Assert.Single(await SessionKeysAsync(subject));
        var ticket = await console.Services.GetRequiredService<ITicketStore>().RetrieveAsync(key);
        return ticket?.Properties.GetTokenValue("access_token");
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        await ConsoleA.DisposeAsync();
        await ConsoleB.DisposeAsync();
        if (Registry is not null) await Registry.DisposeAsync();
        if (Identity is not null) await Identity.DisposeAsync();
        if (_sessions.Length > 0) await Servers.DropDatabaseAsync(_sessions);
        await Servers.DisposeAsync();
    }
}
