using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Identity;
using Platform.Infrastructure;
using Platform.Meetings;
using Platform.Registry;
using Platform.Reporting;
using Platform.Testing;
using Platform.Web;
using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>
/// The whole platform on loopback ports, as a browser needs it: the four services (Kestrel, each on its own fresh
/// database, all on one fresh RabbitMQ vhost so the Registry's events reach the others), the web console pointed at
/// them through service discovery settings, and headless Chromium from Debian driven by Playwright.
/// </summary>
public sealed class PlatformUnderTest : IAsyncLifetime
{
    /// <summary>Debian's package; Playwright never downloads a browser here.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("PLATFORM_CHROMIUM") ?? "/usr/bin/chromium";

    // Without the background-networking flags Chromium keeps calling Google's services, which the closed network refuses.
    private static readonly string[] ChromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    public TestServers Servers { get; } = new();
    public KestrelServiceHost<RegistryApi> Registry { get; private set; } = null!;
    public KestrelServiceHost<InfrastructureApi> Infrastructure { get; private set; } = null!;
    public KestrelServiceHost<MeetingsApi> Meetings { get; private set; } = null!;
    public KestrelServiceHost<ReportingApi> Reporting { get; private set; } = null!;
    public ConsoleHost Web { get; } = new();
    /// <summary>The identity service: the console signs in there (OpenID Connect), the APIs trust it by its authority.</summary>
    public KestrelServiceHost<IdentityApi> Identity { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Screenshots Screenshots { get; } = new();
    /// <summary>Each test's own agreement years, report months and tax codes on this shared platform.</summary>
    public Allocations Allocate { get; } = new(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)));

    private IPlaywright? _playwright;
    private Uri? _vhost;

    public async ValueTask InitializeAsync()
    {
        // One vhost for the four services, owned (and deleted) here, so the Registry's events reach the other three.
        _vhost = await Servers.CreateVirtualHostAsync("web-e2e");
        Registry = new(Servers, "registrydb") { SharedMessaging = _vhost };
        Infrastructure = new(Servers, "infrastructuredb") { SharedMessaging = _vhost };
        Meetings = new(Servers, "meetingsdb") { SharedMessaging = _vhost };
        Reporting = new(Servers, "reportingdb") { SharedMessaging = _vhost };
        Identity = new(Servers, "identitydb") { SharedMessaging = _vhost };
        foreach (var (key, value) in IdentitySettings(Web.Address)) Identity.ExtraSettings[key] = value;
        await Identity.InitializeAsync();
        // Each finds the others (and the console finds all four) the way Aspire's service discovery passes addresses.
        var discovery = new Dictionary<string, string?>
        {
            ["services:registry:http:0"] = Registry.Address.ToString(),
            ["services:infrastructure:http:0"] = Infrastructure.Address.ToString(),
            ["services:meetings:http:0"] = Meetings.Address.ToString(),
            ["services:reporting:http:0"] = Reporting.Address.ToString(),
        };
        foreach (var (key, value) in ApiTrust(Identity.Address)) discovery[key] = value;
        foreach (var (key, value) in ConsoleSignIn(Identity.Address)) Web.Settings[key] = value;
        foreach (var (key, value) in discovery)
        {
            Registry.ExtraSettings[key] = value;
            Infrastructure.ExtraSettings[key] = value;
            Meetings.ExtraSettings[key] = value;
            Reporting.ExtraSettings[key] = value;
            Web.Settings[key] = value;
        }
        Reporting.ExtraSettings["Reporting:ScheduleInterval"] = "00:00:01"; // obligations open a second after the Registry's event arrives

        await Task.WhenAll(Registry.InitializeAsync().AsTask(), Infrastructure.InitializeAsync().AsTask(), Meetings.InitializeAsync().AsTask(), Reporting.InitializeAsync().AsTask());
        await Web.StartAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>A fresh browser session (its own cookies) at the console's size, in Vietnamese (or a browser set to another
    /// locale: the console's dates and amounts must not follow it).</summary>
    public async Task<IPage> NewSessionAsync(string locale = "vi-VN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Web.Address.ToString(), Locale = locale, TimezoneId = "Asia/Ho_Chi_Minh", ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in on the development sign-in page as a role (and, for a representative, its enterprise).</summary>
    public async Task<IPage> SignInAsync(string role, string userName, Guid? enterprise = null, string locale = "vi-VN")
    {
        var page = await NewSessionAsync(locale);
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/dang-nhap**"); // not signed in: the console sends the user to sign in
        await page.SelectOptionAsync("#role", role);
        if (enterprise is { } id) await page.SelectOptionAsync("#enterprise", id.ToString());
        await page.FillAsync("#user-name", userName);
        await page.ClickAsync("#sign-in");
        try
        {
            await page.WaitForSelectorAsync("[data-testid=who]");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"not signed in as {role}: the browser is at {page.Url} showing: {await page.InnerTextAsync("body")}", ex);
        }
        return page;
    }

    /// <summary>Signs in as <see cref="SignInAsync"/> does and opens <paramref name="address"/>: the preamble of most steps.</summary>
    public async Task<IPage> OpenAsAsync(string role, string userName, string address, Guid? enterprise = null, string locale = "vi-VN")
    {
        var page = await SignInAsync(role, userName, enterprise, locale);
        await page.GotoAsync(address);
        return page;
    }

    /// <summary>Finds enterprises in a console picker (its search box, posted with the form): the pickers list only the first
    /// enterprises by name, and this platform holds every test's enterprises.</summary>
    public static async Task FindEnterpriseAsync(IPage page, string pickerId, string nameOrTaxCode)
    {
        await page.FillAsync($"#{pickerId}-search", nameOrTaxCode);
        await page.ClickAsync($"#{pickerId}-find"); // waits for the post it starts
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Registers an enterprise of its own (an allocated tax code) at the Registry, as a manager; its id.</summary>
    public async Task<Guid> RegisterEnterpriseAsync(string legalName, string shortName, string kind = "network-operator")
    {
        using var registry = Registry.CreateClient();
        var response = await registry.PostAsJsonAsync("/api/registry/enterprises", new
        {
            taxCode = Allocate.TaxCode(), legalName, shortName, sectors = new[] { "telecom" }, kinds = new[] { kind },
            headOffice = new { street = "Số 1 đường Hoàng Liên", commune = "Phường Cốc Lếu", district = "Thành phố Lào Cai" },
            representative = new { name = "Nguyễn Văn An", title = "Giám đốc" }, contact = new { phone = "0214 3800 100", email = "lienhe@example.invalid" },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Registers an enterprise of its own (<see cref="RegisterEnterpriseAsync"/>) and waits until each of <paramref name="knownTo"/>
    /// knows it (<see cref="KnownAsync"/>).</summary>
    public async Task<Guid> RegisterKnownEnterpriseAsync(string legalName, string shortName, params IServiceProvider[] knownTo)
    {
        var id = await RegisterEnterpriseAsync(legalName, shortName);
        await KnownAsync(id, knownTo);
        return id;
    }

    /// <summary>Waits until each service has the Registry's enterprise (its copy from the Registry's event): a site, a meeting
    /// or a task for an enterprise a service does not know yet is refused.</summary>
    public async Task KnownAsync(Guid enterprise, params IServiceProvider[] services)
    {
        foreach (var store in services.Select(s => s.GetRequiredService<Marten.IDocumentStore>()))
            await Eventually.Until(async () =>
            {
                await using var session = store.QuerySession();
                return await session.LoadAsync<Platform.BuildingBlocks.Enterprises.KnownEnterprise>(enterprise);
            }, known => known is not null, TimeSpan.FromSeconds(60), $"enterprise {enterprise} known to every service");
    }

    public const string ConsoleClientSecret = "web-e2e-secret";
    public const string ServicesClientSecret = "services-e2e-secret";

    /// <summary>The console's client (code flow back to its address), the services' feed-reading client, a quick lockout.</summary>
    private static Dictionary<string, string?> IdentitySettings(Uri console) => new()
    {
        ["Identity:Clients:platform-web:Secret"] = ConsoleClientSecret,
        ["Identity:Clients:platform-web:RedirectUris:0"] = new Uri(console, "/signin-oidc").ToString(),
        ["Identity:Clients:platform-web:PostLogoutRedirectUris:0"] = new Uri(console, "/signout-callback-oidc").ToString(),
        ["Identity:Clients:platform-services:Secret"] = ServicesClientSecret,
        ["Identity:Clients:platform-services:Role"] = PlatformRoles.ExternalSystem,
        ["Identity:Policy:Lockout:MaxFailedAccessAttempts"] = "3",
    };

    /// <summary>The APIs trust the identity service by its authority, and (Development) the development key too,
    /// which the role picker's tokens use.</summary>
    private static Dictionary<string, string?> ApiTrust(Uri identity) => new()
    {
        ["Authentication:Schemes:Bearer:Authority"] = identity.ToString(),
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = "platform",
        ["Authentication:Schemes:Bearer:RequireHttpsMetadata"] = "false",
        ["Authentication:AcceptDevelopmentTokens"] = "true",
        ["Authentication:ServiceClient:TokenEndpoint"] = new Uri(identity, "/connect/token").ToString(),
        ["Authentication:ServiceClient:ClientId"] = "platform-services",
        ["Authentication:ServiceClient:ClientSecret"] = ServicesClientSecret,
    };

    private static Dictionary<string, string?> ConsoleSignIn(Uri identity) => new()
    {
        ["Authentication:Oidc:Authority"] = identity.ToString(),
        ["Authentication:Oidc:ClientId"] = "platform-web",
        ["Authentication:Oidc:ClientSecret"] = ConsoleClientSecret,
        ["Authentication:Oidc:RequireHttpsMetadata"] = "false",
        ["Console:DevelopmentSignIn"] = "true",
    };

    /// <summary>An account at the identity service, straight in its store.</summary>
    public async Task<string> CreateAccountAsync(string role, string fullName, string password)
    {
        await using var scope = Identity.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Platform.Identity.Accounts.Account>>();
        var userName = $"tk{Guid.NewGuid():N}"[..12];
        var created = await users.CreateAsync(new Platform.Identity.Accounts.Account
        {
            UserName = userName, FullName = fullName, Role = role, CreatedAt = DateTimeOffset.UtcNow,
        }, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return userName;
    }

    public async ValueTask DisposeAsync()
    {
        Screenshots.PrintSummary();
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await Web.DisposeAsync();
        foreach (var host in new IAsyncDisposable?[] { Registry, Infrastructure, Meetings, Reporting, Identity })
            if (host is not null) await host.DisposeAsync();
        if (_vhost is not null) await Servers.DeleteVirtualHostAsync(_vhost);
        await Servers.DisposeAsync();
    }
}

/// <summary>The web console on a loopback port, in Development (the development sign-in is switched on by the settings).</summary>
public sealed class ConsoleHost : WebApplicationFactory<WebApp>
{
    /// <param name="port">Null: a free one; a port of a stopped console: that console restarted.</param>
    public ConsoleHost(int? port = null)
    {
        Port = port ?? FreePort.Next();
        UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
    }

    public int Port { get; }
    public Uri Address => new($"http://127.0.0.1:{Port}");
    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    public async Task StartAsync()
    {
        StartServer();
        using var client = new HttpClient { BaseAddress = Address };
        await Eventually.Until(async () => (await client.GetAsync("/health")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "web console healthy");
    }
}
