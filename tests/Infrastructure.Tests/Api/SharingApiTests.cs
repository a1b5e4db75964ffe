using Platform.BuildingBlocks.Hosting;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;
using Xunit;

namespace Infrastructure.Tests.Api;

public class SharingApiTests(InfrastructureHost host) : IClassFixture<InfrastructureHost>
{
    private readonly HttpClient _client = host.CreateClient();
    private const string Requests = "/api/infrastructure/sharing-requests";

    private async Task<Guid> SubmitAsync(Guid site, Guid requester)
    {
        var response = await _client.PostAsJsonAsync(Requests, new { siteId = site, requesterId = requester, purpose = "Lắp 3 anten 4G ở độ cao 30 m" });
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        return (await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private async Task<JsonElement> RequestAsync(Guid id) => (await (await _client.GetAsync($"{Requests}/{id}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("request");

    [Fact]
    public async Task Submission_offer_acceptance_makes_the_requester_a_tenant_and_full_sites_refuse_more()
    {
        var owner = await host.KnownEnterpriseAsync("Viettel");
        var (mobifone, vinaphone) = (await host.KnownEnterpriseAsync("MobiFone"), await host.KnownEnterpriseAsync("Vinaphone"));
        var tower = await host.OperationalTowerAsync(_client, owner, capacity: 1);
        var first = await SubmitAsync(tower, mobifone);
        var second = await SubmitAsync(tower, vinaphone);

        var duplicate = await (await _client.PostAsJsonAsync(Requests, new { siteId = tower, requesterId = mobifone, purpose = "lại" })).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("request-already-open", duplicate.GetProperty("code").GetString());

        await (await _client.SendAsync(HttpMethod.Post, $"{Requests}/{first}/offer", new { monthlyFeeVnd = 5_000_000, termMonths = 60, technicalConditions = "Độ cao 30 m" }, "\"1\"")).ExpectAsync(HttpStatusCode.OK);
        await (await _client.PostAsJsonAsync($"{Requests}/{second}/offer", new { monthlyFeeVnd = 7_000_000, termMonths = 60, technicalConditions = "Độ cao 30 m" })).ExpectAsync(HttpStatusCode.OK);
        var flagged = await RequestAsync(second);
        Assert.True(flagged.GetProperty("offer").GetProperty("feeFlagged").GetBoolean()); // 40% above the owner's other offer
        Assert.Equal(40.0m, flagged.GetProperty("offer").GetProperty("feeDeviationPercent").GetDecimal());
        var flaggedList = await (await _client.GetAsync($"{Requests}?flaggedOnly=true&enterpriseId={owner}")).Json();
        Assert.Equal([second], flaggedList.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        // Paged: the owner's two requests one a page; a page size over 200 is refused.
        var pages = new List<Guid>();
        foreach (var n in new[] { 1, 2, 3 })
        {
            var page = await (await _client.GetAsync($"{Requests}?enterpriseId={owner}&page={n}&pageSize=1")).Json();
            Assert.Equal((2, n), (page.GetProperty("total").GetInt32(), page.GetProperty("page").GetInt32()));
            pages.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        }
        Assert.Equal(new[] { first, second }.Order(), pages.Order()); // each on its own page (both submitted today), the third page empty
        Assert.Equal(["pageSize"], (await (await _client.GetAsync($"{Requests}?pageSize=201")).ExpectProblemAsync(HttpStatusCode.BadRequest)).FieldErrors());

        var accepted = await _client.SendAsync(HttpMethod.Post, $"{Requests}/{first}/acceptance", null, "\"2\"");
        await accepted.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"3\"", accepted.Headers.ETag!.Tag);
        Assert.Equal("concluded", (await RequestAsync(first)).GetProperty("status").GetString());
        var site = (await (await _client.GetAsync($"/api/infrastructure/sites/{tower}")).Json()).GetProperty("site");
        Assert.Equal([mobifone], site.GetProperty("tenants").EnumerateArray().Select(t => t.GetGuid()));

        var before = await host.EventCountAsync();
        var full = await (await _client.PostAsync($"{Requests}/{second}/acceptance", null)).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("site-full", full.GetProperty("code").GetString());
        Assert.Equal(before, await host.EventCountAsync());

        var again = await (await _client.PostAsJsonAsync(Requests, new { siteId = tower, requesterId = mobifone, purpose = "thêm" })).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("already-tenant", again.GetProperty("code").GetString());

        var ratio = await (await _client.GetAsync("/api/infrastructure/sharing-ratio")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(ratio.EnumerateArray(), r => r.GetProperty("operator").GetString() == "Viettel" && r.GetProperty("tenants").GetInt32() >= 1);
        var coverage = await (await _client.GetAsync("/api/infrastructure/coverage")).ExpectAsync(HttpStatusCode.OK);
        // Coverage is by current communes: old Phường Cốc Lếu is part of Phường Lào Cai since 1 July 2025.
        var laoCai = coverage.GetProperty("byCommune").EnumerateArray().Single(c => c.GetProperty("commune").GetString() == "Phường Lào Cai");
        Assert.True(laoCai.GetProperty("byOperator").GetProperty("MobiFone").GetInt32() >= 1);
    }

    [Fact]
    public async Task The_disputes_are_paged_and_a_page_past_the_end_keeps_the_total()
    {
        var owner = await host.KnownEnterpriseAsync("Viettel");
        var requester = await host.KnownEnterpriseAsync("EVN Telecom");
        var disputed = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var id = await SubmitAsync(await host.OperationalTowerAsync(_client, owner), requester);
            await (await _client.PostAsJsonAsync($"{Requests}/{id}/refusal", new { reason = "technical" })).ExpectAsync(HttpStatusCode.OK);
            await (await _client.PostAsJsonAsync($"{Requests}/{id}/dispute", new { raisedBy = requester, grounds = "Cột còn chỗ" })).ExpectAsync(HttpStatusCode.OK);
            disputed.Add(id);
        }
        var notDisputed = await SubmitAsync(await host.OperationalTowerAsync(_client, owner), requester);

        async Task<(long Total, int PageSize, List<Guid> Ids)> PageAsync(string query)
        {
            var read = await (await _client.GetAsync($"/api/infrastructure/disputes{query}")).ExpectAsync(HttpStatusCode.OK);
            return (read.GetProperty("total").GetInt64(), read.GetProperty("pageSize").GetInt32(),
                read.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList());
        }
        // Every dispute of this host (other tests of the class add theirs), 50 a page unless asked; the request not disputed is not one.
        var all = await PageAsync("");
        Assert.Equal(50, all.PageSize);
        Assert.Equal(all.Total, all.Ids.Count);
        Assert.Superset(disputed.ToHashSet(), all.Ids.ToHashSet());
        Assert.DoesNotContain(notDisputed, all.Ids);
        // Two a page: the same disputes in the same order, each page counting them all; past the end, none and the same total.
        var paged = new List<Guid>();
        for (var page = 1; page <= (all.Total + 1) / 2; page++)
        {
            var read = await PageAsync($"?page={page}&pageSize=2");
            Assert.Equal((all.Total, 2), (read.Total, read.PageSize));
            Assert.InRange(read.Ids.Count, 1, 2);
            paged.AddRange(read.Ids);
        }
        Assert.Equal(all.Ids, paged);
        var past = await PageAsync($"?page={(all.Total + 1) / 2 + 1}&pageSize=2");
        Assert.Equal((all.Total, 0), (past.Total, past.Ids.Count));
        Assert.Equal(["pageSize"], (await (await _client.GetAsync("/api/infrastructure/disputes?pageSize=201")).ExpectProblemAsync(HttpStatusCode.BadRequest)).FieldErrors());
    }

    [Fact]
    public async Task Refusal_dispute_and_mediation_overturned_concludes_on_the_mediated_terms()
    {
        var owner = await host.KnownEnterpriseAsync("Viettel");
        var requester = await host.KnownEnterpriseAsync("EVN Telecom");
        var tower = await host.OperationalTowerAsync(_client, owner);
        var id = await SubmitAsync(tower, requester);

        var badReason = await (await _client.PostAsJsonAsync($"{Requests}/{id}/refusal", new { reason = "busy" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["reason"], badReason.FieldErrors());
        await (await _client.PostAsJsonAsync($"{Requests}/{id}/refusal", new { reason = "technical" })).ExpectAsync(HttpStatusCode.OK);
        var notParty = await (await _client.PostAsJsonAsync($"{Requests}/{id}/dispute", new { raisedBy = Guid.NewGuid(), grounds = "x" })).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("not-a-party", notParty.GetProperty("code").GetString());
        await (await _client.PostAsJsonAsync($"{Requests}/{id}/dispute", new { raisedBy = requester, grounds = "Cột còn chỗ; lý do kỹ thuật chưa rõ" })).ExpectAsync(HttpStatusCode.OK);

        var disputes = await (await _client.GetAsync("/api/infrastructure/disputes")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("disputed", disputes.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == id).GetProperty("status").GetString());

        var missingTerms = await (await _client.PostAsJsonAsync($"{Requests}/{id}/mediation", new { outcome = "overturned", decision = "Cho thuê" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["monthlyFeeVnd", "termMonths"], missingTerms.FieldErrors());
        await (await _client.PostAsJsonAsync($"{Requests}/{id}/mediation",
            new { outcome = "overturned", decision = "Sở TT&TT quyết định cho thuê 4.000.000 đ/tháng", monthlyFeeVnd = 4_000_000, termMonths = 36 })).ExpectAsync(HttpStatusCode.OK);

        var resolved = await RequestAsync(id);
        Assert.Equal(("resolved", "overturned"), (resolved.GetProperty("status").GetString(), resolved.GetProperty("mediationOutcome").GetString()));
        var site = (await (await _client.GetAsync($"/api/infrastructure/sites/{tower}")).Json()).GetProperty("site");
        Assert.Contains(requester, site.GetProperty("tenants").EnumerateArray().Select(t => t.GetGuid()));
        var history = (await (await _client.GetAsync($"{Requests}/{id}")).Json()).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("event").GetString());
        Assert.Equal(["sharing_request_submitted", "sharing_refused", "sharing_dispute_raised", "sharing_dispute_resolved", "sharing_agreement_concluded"], history);
    }

    [Fact]
    public async Task Unanswered_requests_become_overdue_after_the_answer_period()
    {
        var owner = await host.KnownEnterpriseAsync("Viettel");
        var tower = await host.OperationalTowerAsync(_client, owner);
        var id = await SubmitAsync(tower, await host.KnownEnterpriseAsync("S-Fone"));
        Assert.DoesNotContain((await (await _client.GetAsync($"{Requests}?overdueOnly=true&pageSize=200")).Json()).GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        host.Clock.Shift = TimeSpan.FromDays(31);
        try
        {
            var overdue = (await (await _client.GetAsync($"{Requests}?overdueOnly=true&pageSize=200")).Json()).GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
            Assert.Equal(31, overdue.GetProperty("ageDays").GetInt32());
            Assert.True(overdue.GetProperty("overdue").GetBoolean());
            // The operators' gauge counts what the board lists as overdue (a query of its own, same rule).
            var gauges = host.Services.GetRequiredService<BusinessGauges>();
            await gauges.CountAllAsync(default);
            var listed = (await (await _client.GetAsync($"{Requests}?overdueOnly=true")).Json()).GetProperty("total").GetInt32();
            Assert.Equal(listed, gauges.Current("platform.sharing_requests.overdue"));
        }
        finally
        {
            host.Clock.Shift = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Sharing_errors_are_problems()
    {
        await (await _client.PostAsJsonAsync($"{Requests}/{Guid.NewGuid()}/offer", new { monthlyFeeVnd = 1, termMonths = 1, technicalConditions = "x" })).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostAsync($"{Requests}/{Guid.NewGuid()}/acceptance", null)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"{Requests}/{Guid.NewGuid()}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        var unknownSite = await (await _client.PostAsJsonAsync(Requests, new { siteId = Guid.NewGuid(), requesterId = Guid.NewGuid(), purpose = "x" })).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknown-site", unknownSite.GetProperty("code").GetString());
        var invalid = await (await _client.PostAsJsonAsync(Requests, new { purpose = "" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["purpose", "requesterId", "siteId"], invalid.FieldErrors());
        await (await _client.GetAsync($"{Requests}?status=maybe")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }
}
