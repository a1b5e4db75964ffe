using System.Net;
using System.Net.Http.Json;
using Platform.Contracts;
using Platform.Contracts.Meetings;
using Platform.Testing;
using Xunit;
using static Meetings.Tests.MeetingsHost;

namespace Meetings.Tests.Api;

public class AgreementApiTests(MeetingsHost host) : IClassFixture<MeetingsHost>
{
    private readonly HttpClient _client = host.CreateClient();
    private const string Agreements = "/api/meetings/agreements";
    private static int _year = 2030;

    private static object Draft(int year, params Guid[] enterprises) => new
    {
        year, title = $"Chương trình phối hợp năm {year}", enterpriseIds = enterprises,
        commitments = new[]
        {
            new { text = "Giao ban 6 tháng một lần", category = "briefing", party = "both", cadence = "six-monthly" },
            new { text = "Báo cáo định kỳ", category = "reporting", party = "enterprises", cadence = "none" },
        },
    };

    [Fact]
    public async Task An_agreement_is_signed_into_force_published_and_renewed()
    {
        await using var outside = await OutsideConsumer.StartAsync(host.MessagingUri,
            IntegrationEventNames.ExchangeFor<AgreementSignedV1>(), IntegrationEventNames.ExchangeFor<AgreementInForceV1>());
        var (viettel, vnpt) = (await host.KnownEnterpriseAsync("Viettel"), await host.KnownEnterpriseAsync("VNPT"));
        var year = DateOnly.Parse(Today).Year;
        var created = await _client.PostAsJsonAsync(Agreements, Draft(year, viettel, vnpt));
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var id = await IdOf(created);
        var duplicate = await (await _client.PostAsJsonAsync(Agreements, Draft(year, viettel))).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("agreement-exists-for-year", duplicate.GetProperty("code").GetString());

        await (await _client.PostAsJsonAsync($"{Agreements}/{id}/signatures", new { signedBy = "Giám đốc Sở", signedOn = Today })).ExpectAsync(HttpStatusCode.OK);
        await (await _client.PostAsJsonAsync($"{Agreements}/{id}/signatures", new { enterpriseId = viettel, signedBy = "Giám đốc Viettel Trà Vinh", signedOn = Today })).ExpectAsync(HttpStatusCode.OK);
        var twice = await (await _client.PostAsJsonAsync($"{Agreements}/{id}/signatures", new { enterpriseId = viettel, signedBy = "x", signedOn = Today })).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("already-signed", twice.GetProperty("code").GetString());
        var stranger = await (await _client.PostAsJsonAsync($"{Agreements}/{id}/signatures", new { enterpriseId = Guid.NewGuid(), signedBy = "x", signedOn = Today })).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("not-a-party", stranger.GetProperty("code").GetString());
        await (await _client.PostAsJsonAsync($"{Agreements}/{id}/signatures", new { enterpriseId = vnpt })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var draft = await (await _client.GetAsync($"{Agreements}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal([true, true, false], draft.GetProperty("signatures").EnumerateArray().Select(s => s.GetProperty("signed").GetBoolean()));
        var notInForce = await (await _client.PostAsync($"{Agreements}/{id}/renewal", null)).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("agreement-not-in-force", notInForce.GetProperty("code").GetString());

        var last = await _client.SendAsync(HttpMethod.Post, $"{Agreements}/{id}/signatures", new { enterpriseId = vnpt, signedBy = "Giám đốc VNPT Trà Vinh", signedOn = Today }, "\"3\"");
        await last.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"5\"", last.Headers.ETag?.Tag); // the signature and the coming into force
        var inForce = await (await _client.GetAsync($"{Agreements}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("in-force", $"{year}-12-31"), (inForce.GetProperty("status").GetString(), inForce.GetProperty("expiresOn").GetString()));
        var compliance = inForce.GetProperty("compliance").EnumerateArray().ToList();
        Assert.Equal(2, compliance[0].GetProperty("expected").GetInt32());
        Assert.Equal(("reports-on-time", "on-track", 0), (compliance[1].GetProperty("measure").GetString(), compliance[1].GetProperty("status").GetString(), compliance[1].GetProperty("expected").GetInt32())); // no reports of these parties known

        // Wait for the very messages asserted (this agreement's three signatures and its coming into force), not a count.
        bool Of(System.Text.Json.JsonElement body) => body.GetProperty("agreementId").GetGuid() == id;
        var messages = await Eventually.Until(() => Task.FromResult(outside.Received.ToList()), m =>
            m.Any(x => Of(x.Body) && x.Body.TryGetProperty("expiresOn", out _)) && m.Count(x => Of(x.Body) && x.Body.TryGetProperty("signedBy", out _)) >= 3,
            what: "3 signatures + in force");
        var published = messages.Single(m => m.Body.TryGetProperty("expiresOn", out _)).Body;
        Assert.Equal([viettel, vnpt], published.GetProperty("enterpriseIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal(["briefing", "reporting"], published.GetProperty("commitmentCategories").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(5, published.GetProperty("streamVersion").GetInt64());

        var renewed = await _client.PostAsync($"{Agreements}/{id}/renewal", null);
        var next = await IdOf(renewed);
        var nextView = await (await _client.GetAsync($"{Agreements}/{next}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((year + 1, "draft", id), (nextView.GetProperty("year").GetInt32(), nextView.GetProperty("status").GetString(), nextView.GetProperty("renewedFrom").GetGuid()));
        Assert.Equal(2, nextView.GetProperty("commitments").GetArrayLength());
        var list = (await (await _client.GetAsync($"{Agreements}?year={year + 1}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal([next], list.EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        await (await _client.GetAsync($"{Agreements}/{Guid.NewGuid()}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostAsync($"{Agreements}/{Guid.NewGuid()}/renewal", null)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Drafting_refuses_invalid_input_and_inactive_enterprises()
    {
        var invalid = await (await _client.PostAsJsonAsync(Agreements, new { year = 1800, commitments = new[] { new { text = "x", category = "gifts", party = "both" } } }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["commitments[0].category", "enterpriseIds", "title", "year"], invalid.FieldErrors());
        var unknown = await (await _client.PostAsJsonAsync(Agreements, Draft(Interlocked.Increment(ref _year), Guid.NewGuid()))).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknown-enterprise", unknown.GetProperty("code").GetString());
    }
    [Fact]
    public async Task Agreements_are_read_a_page_at_a_time_newest_year_first()
    {
        var viettel = await host.KnownEnterpriseAsync("Viettel");
        var drafted = new List<Guid>();
        foreach (var year in new[] { 2041, 2043, 2042 }) drafted.Add(await IdOf(await _client.PostAsJsonAsync(Agreements, Draft(year, viettel))));

        var all = await PagedLists.AllPagesAsync(_client, Agreements, pageSize: 2);
        Assert.Superset(drafted.ToHashSet(), all.Select(a => a.GetProperty("id").GetGuid()).ToHashSet());
        var years = all.Select(a => a.GetProperty("year").GetInt32()).ToList();
        Assert.Equal(years.OrderDescending(), years);
        // The year filter is kept with paging.
        var one = await (await _client.GetAsync($"{Agreements}?year=2042&page=1&pageSize=1")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((1, drafted[2]), (one.GetProperty("total").GetInt32(), one.GetProperty("items")[0].GetProperty("id").GetGuid()));
        foreach (var (query, field) in new[] { ("pageSize=201", "pageSize"), ("page=0", "page") })
            Assert.Equal([field], (await (await _client.GetAsync($"{Agreements}?{query}")).ExpectProblemAsync(HttpStatusCode.BadRequest)).FieldErrors());
    }
}
