using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts.Registry;
using Platform.Identity.Accounts;
using Platform.Testing;
using Xunit;

namespace Identity.Tests;

/// <summary>Managers manage accounts; auditors read the trail; a ceased enterprise's representatives lose access.</summary>
public sealed class AccountsApiTests(TestServers servers) : IAsyncLifetime
{
    private readonly IdentityHost _host = new(servers);
    private HttpClient _manager = null!;

    public async ValueTask InitializeAsync()
    {
        await _host.InitializeAsync();
        _manager = await _host.ClientAsManagerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _manager.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_manager_creates_a_representative_who_then_signs_in_for_that_enterprise()
    {
        var enterprise = Guid.NewGuid();
        var response = await _manager.PostAsJsonAsync("/api/identity/accounts", new
        {
            userName = "daidien.viettel", fullName = "Phạm Văn Đại Diện", role = PlatformRoles.Representative, enterpriseId = enterprise, password = "Mat-khau-2026",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(enterprise, created.GetProperty("enterpriseId").GetGuid());

        var tokens = await _host.NewCodeFlow().SignInAsync("daidien.viettel", "Mat-khau-2026");
        Assert.Equal(enterprise.ToString(), new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.AccessToken).GetClaim("enterprise_id").Value);
        var audit = await _manager.GetFromJsonAsync<JsonElement[]>($"/api/identity/audit?accountId={created.GetProperty("id").GetString()}");
        Assert.Equal(["signed-in", "account-created"], audit!.Select(e => e.GetProperty("kind").GetString()!));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_problem_details_naming_each_field()
    {
        var response = await _manager.PostAsJsonAsync("/api/identity/accounts", new { userName = "", fullName = "A", role = PlatformRoles.Representative, password = "ngan" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("userName", out _));
        Assert.True(errors.TryGetProperty("enterpriseId", out _));

        // The password policy, field by field.
        var weak = await _manager.PostAsJsonAsync("/api/identity/accounts", new { userName = "canbo.yeu", fullName = "Cán Bộ", role = PlatformRoles.Officer, password = "ngan" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _));

        // external-system is for OAuth clients, never a person.
        var system = await _manager.PostAsJsonAsync("/api/identity/accounts", new { userName = "he.thong", fullName = "Hệ thống", role = PlatformRoles.ExternalSystem, password = "Mat-khau-2026" });
        Assert.Equal(HttpStatusCode.BadRequest, system.StatusCode);

        var missing = await _manager.PostAsJsonAsync("/api/identity/accounts/khong-co/disable", new { reason = "Thử" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Only_managers_manage_accounts_and_only_managers_and_auditors_read_the_audit()
    {
        using var officer = await _host.ClientWithTokenAsync(PlatformRoles.Officer);
        using var auditor = await _host.ClientWithTokenAsync(PlatformRoles.Auditor);
        using var anonymous = new HttpClient { BaseAddress = _host.Address };
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/identity/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/identity/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/identity/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/identity/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/identity/audit")).StatusCode);
        // The development key means nothing here, even in Development.
        using var developer = new HttpClient { BaseAddress = _host.Address };
        developer.DefaultRequestHeaders.Authorization = new("Bearer", DevelopmentTokens.Issue(PlatformRoles.Manager));
        Assert.Equal(HttpStatusCode.Unauthorized, (await developer.GetAsync("/api/identity/accounts")).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_by_a_manager_unlocks_and_replaces_the_password()
    {
        var account = await _host.CreateAccountAsync(PlatformRoles.Officer, "Mat-khau-2026");
        for (var i = 0; i < 3; i++) await _host.NewCodeFlow().TryPasswordAsync(account.UserName!, "Sai-mat-khau-1");

        var reset = await _manager.PostAsJsonAsync($"/api/identity/accounts/{account.Id}/password-reset", new { newPassword = "Mat-khau-moi-2027" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.NewCodeFlow().TryPasswordAsync(account.UserName!, "Mat-khau-2026")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.NewCodeFlow().SignInAsync(account.UserName!, "Mat-khau-moi-2027")).Status);
    }

    [Fact]
    public async Task A_role_change_reaches_the_next_sign_in()
    {
        var account = await _host.CreateAccountAsync(PlatformRoles.Officer, "Mat-khau-2026");
        var changed = await _manager.PutAsJsonAsync($"/api/identity/accounts/{account.Id}/role", new { role = PlatformRoles.Auditor });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var tokens = await _host.NewCodeFlow().SignInAsync(account.UserName!, "Mat-khau-2026");
        Assert.Equal(PlatformRoles.Auditor, new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.AccessToken).GetClaim("role").Value);
    }

    [Fact]
    public async Task A_change_whose_audit_line_cannot_be_written_is_not_made()
    {
        var account = await _host.CreateAccountAsync(PlatformRoles.Officer, "Mat-khau-2026");
        var flow = _host.NewCodeFlow();
        var tokens = await flow.SignInAsync(account.UserName!, "Mat-khau-2026");
        // The audit table refuses this one reason, as a full disk or a lost connection would refuse the last write: the
        // account's flag, its security stamp and its revoked tokens are saved before the audit line, each by its own store.
        const string refused = "lý do không ghi được";
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            const string refuse = $$"""
                CREATE FUNCTION refuse_test_audit() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'audit line refused by the test'; END $$;
                CREATE TRIGGER refuse_test_audit BEFORE INSERT ON audit FOR EACH ROW
                WHEN (NEW."Detail" = '{{refused}}') EXECUTE FUNCTION refuse_test_audit();
                """;
            await scope.ServiceProvider.GetRequiredService<IdentityDb>().Database.ExecuteSqlRawAsync(refuse);
        }

        var disable = await _manager.PostAsJsonAsync($"/api/identity/accounts/{account.Id}/disable", new { reason = refused });
        Assert.Equal(HttpStatusCode.InternalServerError, disable.StatusCode);

        // Nothing of the change is kept: not disabled, the session's refresh token still works, no audit line.
        Assert.False((await _manager.GetFromJsonAsync<JsonElement>($"/api/identity/accounts/{account.Id}")).GetProperty("disabled").GetBoolean());
        Assert.Null((await flow.RefreshAsync(tokens.RefreshToken!)).Error);
        var audit = await _manager.GetFromJsonAsync<JsonElement[]>($"/api/identity/audit?accountId={account.Id}");
        Assert.DoesNotContain(audit!, e => e.GetProperty("kind").GetString() == "account-disabled");

        // With a reason the audit takes, the same request goes through and is audited.
        var again = await _manager.PostAsJsonAsync($"/api/identity/accounts/{account.Id}/disable", new { reason = "Nghỉ hưu" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await _manager.GetFromJsonAsync<JsonElement>($"/api/identity/accounts/{account.Id}")).GetProperty("disabled").GetBoolean());
        audit = await _manager.GetFromJsonAsync<JsonElement[]>($"/api/identity/audit?accountId={account.Id}");
        Assert.Contains(audit!, e => e.GetProperty("kind").GetString() == "account-disabled" && e.GetProperty("detail").GetString() == "Nghỉ hưu");
    }

    [Fact]
    public async Task A_ceased_enterprise_whose_first_try_fails_at_the_audit_line_is_applied_whole_on_the_retry()
    {
        var enterprise = Guid.NewGuid();
        var representative = await _host.CreateAccountAsync(PlatformRoles.Representative, "Mat-khau-2026", enterprise);
        // The audit table refuses this account's first line only (a sequence counts the tries: it is not rolled back).
        var id = Guid.Parse(representative.Id); // SQL below built from a Guid only
        var tag = id.ToString("N");
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var refuseFirst = $$"""
                CREATE SEQUENCE refusals_{{tag}};
                CREATE FUNCTION refuse_first_{{tag}}() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN
                  IF nextval('refusals_{{tag}}') = 1 THEN RAISE EXCEPTION 'first audit line refused by the test'; END IF;
                  RETURN NEW;
                END $$;
                CREATE TRIGGER refuse_first_{{tag}} BEFORE INSERT ON audit FOR EACH ROW
                WHEN (NEW."AccountId" = '{{id}}') EXECUTE FUNCTION refuse_first_{{tag}}();
                """;
            await scope.ServiceProvider.GetRequiredService<IdentityDb>().Database.ExecuteSqlRawAsync(refuseFirst);
        }

        await _host.Services.GetRequiredService<IBus>().Publish(new EnterpriseCeasedV1(Guid.NewGuid(), enterprise, 3, DateTimeOffset.UtcNow, "Sáp nhập"));

        // The first try changed nothing that stayed; the retry (a fraction of a second later) disables and audits.
        var audit = await Eventually.Until(() => _manager.GetFromJsonAsync<JsonElement[]>($"/api/identity/audit?accountId={representative.Id}"),
            lines => lines!.Any(e => e.GetProperty("kind").GetString() == "account-disabled"), TimeSpan.FromSeconds(30), "the retry's audit line");
        Assert.Single(audit!, e => e.GetProperty("kind").GetString() == "account-disabled" && e.GetProperty("actor").GetString() == "registry");
        Assert.True((await _manager.GetFromJsonAsync<JsonElement>($"/api/identity/accounts/{representative.Id}")).GetProperty("disabled").GetBoolean());
        // And the first try was indeed refused: the trigger ran twice (refused, then let through).
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var triesSql = $"SELECT last_value AS \"Value\" FROM refusals_{tag}";
            var tries = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Database.SqlQueryRaw<long>(triesSql).SingleAsync();
            Assert.Equal(2, tries);
        }
    }

    [Fact]
    public async Task An_enterprise_that_ceases_disables_its_representatives_and_no_one_else()
    {
        var enterprise = Guid.NewGuid();
        var representative = await _host.CreateAccountAsync(PlatformRoles.Representative, "Mat-khau-2026", enterprise);
        var other = await _host.CreateAccountAsync(PlatformRoles.Representative, "Mat-khau-2026", Guid.NewGuid());
        var flow = _host.NewCodeFlow();
        var tokens = await flow.SignInAsync(representative.UserName!, "Mat-khau-2026");

        // The Registry's contract, through RabbitMQ.
        await _host.Services.GetRequiredService<IBus>().Publish(new EnterpriseCeasedV1(Guid.NewGuid(), enterprise, 3, DateTimeOffset.UtcNow, "Giải thể"));

        await Eventually.Until(async () => (await _manager.GetFromJsonAsync<JsonElement>($"/api/identity/accounts/{representative.Id}")).GetProperty("disabled").GetBoolean(),
            disabled => disabled, TimeSpan.FromSeconds(30), "representative disabled");
        Assert.Equal("invalid_grant", (await flow.RefreshAsync(tokens.RefreshToken!)).Error);
        Assert.False((await _manager.GetFromJsonAsync<JsonElement>($"/api/identity/accounts/{other.Id}")).GetProperty("disabled").GetBoolean());
        var audit = await _manager.GetFromJsonAsync<JsonElement[]>($"/api/identity/audit?accountId={representative.Id}");
        Assert.Contains(audit!, e => e.GetProperty("kind").GetString() == "account-disabled" && e.GetProperty("actor").GetString() == "registry");
    }
}
