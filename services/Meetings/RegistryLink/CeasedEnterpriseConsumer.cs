using Marten;
using MassTransit;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.Contracts.Registry;
using Platform.Meetings.Agreements;
using Platform.Meetings.Meetings;

namespace Platform.Meetings.RegistryLink;

/// <summary>
/// An enterprise ceased in the Registry leaves the agreements it has not signed yet and the meetings still to
/// come, with the Registry's reason kept: one command over all those streams, committed together. Idempotent: the
/// decisions yield nothing when it is already gone, so a redelivery changes nothing. A concurrent change of one of the
/// streams makes the command decide again; if that keeps failing it throws, and MassTransit retries.
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

        // Audited: recorded as this consumer's queue (SystemActor), with the trace of the Registry's message as correlation id.
        var outcome = await CommandRunner.RunAsync(sessions.OpenSession, async streams =>
        {
            // Small sets (this year's drafts, meetings still to come): filtered in memory.
            var decision = Decision.Nothing;
            var drafts = await streams.Query.Query<CooperationAgreement>().Where(a => a.Status == AgreementStatus.Draft).ToListAsync(ct);
            foreach (var draft in drafts.Where(a => a.Parties.Any(p => p.EnterpriseId == ceased.EnterpriseId)))
                if (await streams.LoadAsync<CooperationAgreement>(draft.Id) is { } agreement)
                    decision = decision.And(RemoveCeasedParty(agreement, ceased.EnterpriseId, reason));
            var upcoming = await streams.Query.Query<Meeting>().Where(m => m.Status == MeetingStatus.Scheduled && m.Date >= today).ToListAsync(ct);
            foreach (var invited in upcoming.Where(m => m.Enterprises.Any(x => x.Id == ceased.EnterpriseId)))
                if (await streams.LoadAsync<Meeting>(invited.Id) is { } meeting)
                    decision = decision.And(WithdrawInvitation(meeting, ceased.EnterpriseId, reason, today));
            return decision;
        }, ct, attempts: 3);
        if (outcome.Conflict) throw new InvalidOperationException($"Enterprise {ceased.EnterpriseId} ceased: its agreements and meetings kept changing concurrently; retrying.");
        LogApplied(logger, ceased.EnterpriseId);
    }

    /// <summary>A ceased enterprise that has not signed leaves the agreement, with the reason kept.
    /// If everyone left has signed, the agreement comes into force. Nothing to do otherwise.</summary>
    public static Decision RemoveCeasedParty(CooperationAgreement a, Guid enterpriseId, string reason)
    {
        if (a.Status != AgreementStatus.Draft || a.Pending.FirstOrDefault(p => p.EnterpriseId == enterpriseId) is not { } party) return Decision.Nothing;
        var removed = new AgreementPartyRemoved(a.Id, enterpriseId, party.Name, reason);
        var after = CooperationAgreement.When(a, removed)!;
        return SignAgreement.InForceIfAllSigned(after) is { } inForce ? Decision.Append(a.Id, removed, inForce) : Decision.Append(a.Id, removed);
    }

    /// <summary>A ceased enterprise is no longer invited to meetings still to come. Nothing
    /// to do (no events) for past, held or cancelled meetings, or when it was not invited.</summary>
    public static Decision WithdrawInvitation(Meeting m, Guid enterpriseId, string reason, DateOnly today) =>
        m.Status == MeetingStatus.Scheduled && m.Date >= today && m.Enterprises.FirstOrDefault(e => e.Id == enterpriseId) is { } invited
            ? Decision.Append(m.Id, new InvitationWithdrawn(m.Id, enterpriseId, invited.Name, reason))
            : Decision.Nothing;

    [LoggerMessage(LogLevel.Information, "Enterprise {EnterpriseId} ceased: removed from pending agreements and future invitations")]
    private static partial void LogApplied(ILogger logger, Guid enterpriseId);
}
