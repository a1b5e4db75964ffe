using BadInput.Tests.Corpus;
using BadInput.Tests.Registry;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Enterprises;
using Platform.Contracts.Registry;
using Platform.Meetings;
using Platform.Testing;

namespace BadInput.Tests.Meetings;

/// <summary>
/// Meetings with enterprises {K} and {K2} known from the Registry; meeting {MS} scheduled for today (inviting {K});
/// {MH} held, with pending difficulty {D1} and {D2} escalated in {X}; {MP} with published minutes; action item {A}
/// open; the 2030 agreement {G} in draft with {K}. The overdue job runs once a day, so only the cases append.
/// </summary>
public sealed class MeetingsCorpusHost(TestServers servers) : CorpusServiceHost<MeetingsApi>(servers, "meetingsdb", "meetings")
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Meetings:OverdueCheck:CheckInterval"] = "1.00:00:00",
    };

    protected override async Task SetUpAsync()
    {
        Values["K"] = (await KnownEnterpriseAsync("Viettel")).ToString();
        Values["K2"] = (await KnownEnterpriseAsync("MobiFone")).ToString();
        var today = MeetingsCorpus.ScheduleBody.Replace("{FUTURE}", "{TODAY}");
        Values["MS"] = (await PostAsync("/api/meetings/meetings", today)).ToString();
        Values["MH"] = (await PostAsync("/api/meetings/meetings", today)).ToString();
        await PostAsync($"/api/meetings/meetings/{Values["MH"]}/holding", MeetingsCorpus.HoldingBody);
        Values["D1"] = (await PostAsync($"/api/meetings/meetings/{Values["MH"]}/difficulties", MeetingsCorpus.DifficultyBody, "itemId")).ToString();
        Values["D2"] = (await PostAsync($"/api/meetings/meetings/{Values["MH"]}/difficulties", MeetingsCorpus.DifficultyBody, "itemId")).ToString();
        Values["MP"] = (await PostAsync("/api/meetings/meetings", today)).ToString();
        await PostAsync($"/api/meetings/meetings/{Values["MP"]}/holding", MeetingsCorpus.HoldingBody);
        await PostAsync($"/api/meetings/meetings/{Values["MP"]}/minutes", """{"summary":"Biên bản"}""");
        Values["A"] = (await PostAsync("/api/meetings/action-items", MeetingsCorpus.ActionItemBody)).ToString();
        Values["X"] = (await PostAsync("/api/meetings/escalations", MeetingsCorpus.EscalationBody.Replace("{D1}", "{D2}"))).ToString();
        Values["G"] = (await PostAsync("/api/meetings/agreements", MeetingsCorpus.AgreementBody.Replace("2031", "2030"))).ToString();
    }

    public async Task<Guid> PostAsync(string path, string body, string property = "id") =>
        await RegistryCorpusHost.IdAsync(await Client.PostAsync(path, RegistryCorpusHost.JsonContent(Fill(body))), property);

    /// <summary>Announces an enterprise the way the Registry does (its contract, through RabbitMQ) and waits until it is known here.</summary>
    public async Task<Guid> KnownEnterpriseAsync(string shortName)
    {
        var id = Guid.NewGuid();
        await Services.GetRequiredService<IBus>().Publish(new EnterpriseRegisteredV1(Guid.NewGuid(), id, 1, DateTimeOffset.UtcNow,
            $"Công ty {shortName}", shortName, "5399900014", ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu", "Số 1"));
        await Eventually.Until(async () =>
        {
            await using var session = Store.QuerySession();
            return await session.LoadAsync<KnownEnterprise>(id);
        }, k => k is not null, what: $"{shortName} known");
        return id;
    }
}
