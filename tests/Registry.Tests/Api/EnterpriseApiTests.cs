using Platform.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Xunit;

namespace Registry.Tests.Api;

public class EnterpriseApiTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Register_then_read_returns_the_enterprise_with_its_version_as_etag()
    {
        var taxCode = TestData.NewTaxCode();
        var response = await _client.PostAsJsonAsync("/api/registry/enterprises", TestData.Enterprise(taxCode));
        var created = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/registry/enterprises/{id}", response.Headers.Location!.ToString());

        var read = await _client.GetAsync($"/api/registry/enterprises/{id}");
        var view = await read.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);
        Assert.Equal(taxCode, view.GetProperty("taxCode").GetString());
        Assert.Equal("Tổng công ty Viễn thông MobiFone – chi nhánh Lào Cai", view.GetProperty("legalName").GetString());
        Assert.Equal("active", view.GetProperty("status").GetString());
        Assert.Equal(["network-operator"], view.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        var history = view.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal("enterprise_registered", history.Single().GetProperty("event").GetString());
    }

    [Fact]
    public async Task Decomposed_vietnamese_is_stored_composed()
    {
        var decomposed = "Công ty Điện tử Bảo Thắng".Normalize(NormalizationForm.FormD);
        var id = await host.RegisterAsync(_client, TestData.Enterprise(legalName: decomposed, shortName: "ĐT Bảo Thắng"));
        var view = await (await _client.GetAsync($"/api/registry/enterprises/{id}")).Json();
        var stored = view.GetProperty("legalName").GetString()!;
        Assert.Equal("Công ty Điện tử Bảo Thắng", stored);
        Assert.True(stored.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public async Task Invalid_registration_is_400_with_field_names_and_appends_nothing()
    {
        var before = await host.EventCountAsync();
        var body = TestData.Enterprise(taxCode: "0100109107", sectors: [], kinds: ["satellite"]);
        body["contact"] = new { phone = "0214", email = "nope" };
        var problem = await (await _client.PostAsJsonAsync("/api/registry/enterprises", body)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["contact.email", "kinds", "sectors", "taxCode"], problem.FieldErrors());
        Assert.Equal("validation", problem.GetProperty("code").GetString());
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var response = await _client.PostAsync("/api/registry/enterprises", new StringContent("{ not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_second_enterprise_with_the_same_tax_code_is_409_and_appends_nothing()
    {
        var taxCode = TestData.NewTaxCode();
        await host.RegisterAsync(_client, TestData.Enterprise(taxCode));
        var before = await host.EventCountAsync();
        var problem = await (await _client.PostAsJsonAsync("/api/registry/enterprises", TestData.Enterprise(taxCode, shortName: "Khác")))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("duplicate-tax-code", problem.GetProperty("code").GetString());
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task Amend_with_current_etag_succeeds_and_with_a_stale_one_is_412_and_writes_nothing()
    {
        var id = await host.RegisterAsync(_client);
        var amended = TestData.Enterprise(shortName: "MobiFone Lào Cai");
        amended.Remove("taxCode");
        amended["reason"] = "Đổi tên giao dịch";

        var ok = await _client.SendAsync(HttpMethod.Put, $"/api/registry/enterprises/{id}/details", amended, "\"1\"");
        await ok.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", ok.Headers.ETag!.Tag);

        var before = await host.EventCountAsync();
        amended["shortName"] = "Lost update";
        var stale = await _client.SendAsync(HttpMethod.Put, $"/api/registry/enterprises/{id}/details", amended, "\"1\"");
        var problem = await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed); // an edit: a failed precondition, RFC 9110
        Assert.Equal("concurrency-conflict", problem.GetProperty("code").GetString());
        Assert.Equal(before, await host.EventCountAsync());
        var view = await (await _client.GetAsync($"/api/registry/enterprises/{id}")).Json();
        Assert.Equal("MobiFone Lào Cai", view.GetProperty("shortName").GetString());
    }

    [Fact]
    public async Task Amend_without_if_match_is_428_and_writes_nothing_but_a_transition_without_it_applies()
    {
        var id = await host.RegisterAsync(_client);
        var amended = TestData.Enterprise(shortName: "Không đọc trước");
        amended.Remove("taxCode");
        var before = await host.EventCountAsync();

        var blind = await _client.SendAsync(HttpMethod.Put, $"/api/registry/enterprises/{id}/details", amended);
        var problem = await blind.ExpectProblemAsync((HttpStatusCode)428);
        Assert.Equal("if-match-required", problem.GetProperty("code").GetString());
        Assert.Equal(before, await host.EventCountAsync());

        await (await _client.PostAsJsonAsync($"/api/registry/enterprises/{id}/suspension", new { reason = "Vi phạm" })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrent_changes_at_the_same_version_commit_exactly_one()
    {
        var id = await host.RegisterAsync(_client);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            _client.SendAsync(HttpMethod.Post, $"/api/registry/enterprises/{id}/suspension", new { reason = $"Lý do {i}" }, "\"1\"")));
        Assert.Equal(1, attempts.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(attempts.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        await using var query = host.Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(id);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public async Task Unparseable_if_match_is_400()
    {
        var id = await host.RegisterAsync(_client);
        var problem = await (await _client.SendAsync(HttpMethod.Post, $"/api/registry/enterprises/{id}/suspension", new { reason = "x" }, "\"abc\""))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["If-Match"], problem.FieldErrors());
    }

    [Fact]
    public async Task Lifecycle_through_the_api_and_ceased_is_final()
    {
        var id = await host.RegisterAsync(_client);
        var url = $"/api/registry/enterprises/{id}";
        await (await _client.PostAsJsonAsync($"{url}/suspension", new { reason = "Chậm nộp báo cáo" })).ExpectAsync(HttpStatusCode.OK);
        var conflict = await (await _client.PostAsJsonAsync($"{url}/suspension", new { reason = "again" })).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("already-suspended", conflict.GetProperty("code").GetString());
        await (await _client.PostAsJsonAsync($"{url}/reinstatement", new { note = "Đã khắc phục" })).ExpectAsync(HttpStatusCode.OK);
        var invalid = await (await _client.PostAsJsonAsync($"{url}/cessation", new { reason = "" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["reason"], invalid.FieldErrors());
        var ceased = await _client.PostAsJsonAsync($"{url}/cessation", new { reason = "Giải thể" });
        await ceased.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"4\"", ceased.Headers.ETag!.Tag);

        var before = await host.EventCountAsync();
        var final = await (await _client.PostAsJsonAsync($"{url}/reinstatement", new { })).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("enterprise-ceased", final.GetProperty("code").GetString());
        Assert.Equal(before, await host.EventCountAsync());

        var view = await (await _client.GetAsync(url)).Json();
        Assert.Equal("ceased", view.GetProperty("status").GetString());
        Assert.Equal("Giải thể", view.GetProperty("statusReason").GetString());
        Assert.Equal(["enterprise_registered", "enterprise_suspended", "enterprise_reinstated", "enterprise_ceased"],
            view.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("event").GetString()));
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PUT", "/details")]
    [InlineData("POST", "/suspension")]
    [InlineData("POST", "/reinstatement")]
    [InlineData("POST", "/cessation")]
    [InlineData("POST", "/licences")]
    public async Task Unknown_enterprise_is_404(string method, string suffix)
    {
        // Each endpoint gets only its own fields: unknown JSON fields are refused with 400 (see tests/BadInput.Tests).
        var details = TestData.Enterprise();
        details.Remove("taxCode");
        object? body = suffix switch
        {
            "" => null,
            "/details" => details,
            "/reinstatement" => new { note = "x" },
            "/licences" => new { number = "1", type = "postal", issuingAuthority = "ministry", issuedOn = "2024-01-01", expiresOn = "2030-01-01" },
            _ => new { reason = "x" },
        };
        var response = await _client.SendAsync(new HttpMethod(method), $"/api/registry/enterprises/{Guid.NewGuid()}{suffix}", body);
        var problem = await response.ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("No enterprise", problem.GetProperty("detail").GetString());
    }
}
