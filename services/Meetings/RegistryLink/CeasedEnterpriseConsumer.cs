using Marten;
using MassTransit;
using Platform.BuildingBlocks.Domain;
using Platform.Contracts.Registry;
using Platform.Meetings.Agreements;
using Platform.Meetings.Meetings;

namespace Platform.Meetings.RegistryLink;

/// <summary>
/// An enterprise ceased in the Registry leaves the agreements it has not signed yet and the meetings still to
/// come, with the Registry's reason kept. Idempotent: the decisions yield nothing when it is already gone, so a
/// redelivery changes nothing. A concurrent change of the same stream throws, and MassTransit retries.
/// </summary>
public sealed partial class CeasedEnterpriseConsumer(ISessionFactory sessions, TimeProvider clock, ILogger<CeasedEnterpriseConsumer> logger)
    : IConsumer<EnterpriseCeasedV1>
{
    public async Task Consume(ConsumeContext<EnterpriseCeasedV1> context)
    {
        var ceased = context.Message;
        var ct = context.CancellationToken;
        var today = DepartmentClock.Today(clock);
        var reason = $"Doanh nghiệp đã chấm dứt hoạt động: {VietnameseText.Clean(ceased.Reason)}";

        // Audited: recorded as "system", with the trace of the Registry's message as correlation id.
        await using var session = sessions.OpenSession();
        // Small sets (this year's drafts, meetings still to come): filtered in memory.
        var drafts = await session.Query<CooperationAgreement>().Where(a => a.Status == AgreementStatus.Draft).ToListAsync(ct);
        foreach (var draft in drafts.Where(a => a.Parties.Any(p => p.EnterpriseId == ceased.EnterpriseId)))
            await AppendAsync<CooperationAgreement>(session, draft.Id, a => AgreementDecisions.RemoveCeasedParty(a, ceased.EnterpriseId, reason), ct);
        var upcoming = await session.Query<Meeting>().Where(m => m.Status == MeetingStatus.Scheduled && m.Date >= today).ToListAsync(ct);
        foreach (var meeting in upcoming.Where(m => m.Enterprises.Any(x => x.Id == ceased.EnterpriseId)))
            await AppendAsync<Meeting>(session, meeting.Id, m => MeetingDecisions.WithdrawInvitation(m, ceased.EnterpriseId, reason, today), ct);
        await session.SaveChangesAsync(ct);
        LogApplied(logger, ceased.EnterpriseId);
    }

    private static async Task AppendAsync<T>(IDocumentSession session, Guid id, Func<T, Decision> decide, CancellationToken ct) where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(id, ct);
        if (stream.Aggregate is null) return;
        var decision = decide(stream.Aggregate);
        if (decision.Events.Count > 0) stream.AppendMany(decision.Events.ToArray());
    }

    [LoggerMessage(LogLevel.Information, "Enterprise {EnterpriseId} ceased: removed from pending agreements and future invitations")]
    private static partial void LogApplied(ILogger logger, Guid enterpriseId);
}
