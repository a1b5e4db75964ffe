using BadInput.Tests.Corpus;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Enterprises;
using Platform.Contracts.Registry;
using Platform.Reporting;
using Platform.Reporting.Indicators;
using Platform.Reporting.Obligations;
using Platform.Testing;

namespace BadInput.Tests.Reporting;

/// <summary>
/// Reporting with one telecom operator {ENT} known from the Registry and its obligation for the current month
/// {SUB} ({PERIOD}) opened. The obligation schedule runs once a day (its first round at start-up finds no
/// enterprise), so only the cases append. The population figures are documents, counted with the events.
/// </summary>
public sealed class ReportingCorpusHost(TestServers servers) : CorpusServiceHost<ReportingApi>(servers, "reportingdb", "reporting")
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Reporting:ScheduleInterval"] = "1.00:00:00" };

    public override async Task<long> CountAsync()
    {
        await using var session = Store.QuerySession();
        return await Store.DomainEventCountAsync() + await session.Query<PopulationFigure>().CountAsync();
    }

    protected override async Task SetUpAsync()
    {
        var id = Guid.NewGuid();
        await Services.GetRequiredService<IBus>().Publish(new EnterpriseRegisteredV1(Guid.NewGuid(), id, 1, DateTimeOffset.UtcNow,
            "Công ty Viễn thông Hoàng Liên", "Hoàng Liên Telecom", "5399900014", ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu", "Số 1"));
        await Eventually.Until(async () =>
        {
            await using var session = Store.QuerySession();
            return await session.LoadAsync<KnownEnterprise>(id);
        }, k => k is not null, what: "operator known");
        await Services.GetRequiredService<ObligationScheduler>().OpenObligationsAsync(CancellationToken.None);
        Values["ENT"] = id.ToString();
        Values["PERIOD"] = Today.ToString("yyyy-MM");
        Values["SUB"] = ObligationScheduler.SubmissionIdFor(id, "telecom-monthly", Values["PERIOD"]).ToString();
        Values["YEAR"] = Today.Year.ToString();
        Values["DISTRICT"] = Uri.EscapeDataString("Thành phố Lào Cai");
        Values["TEMPLATE"] = "corpus-annual"; // a template of its own: nothing else publishes under this code
    }
}
