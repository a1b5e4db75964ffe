using Marten;
using MassTransit;
using Platform.Contracts.Meetings;
using Platform.Reporting.Feed;

namespace Platform.Reporting.Compliance;

/// <summary>
/// Reporting's copy of an in-force cooperation agreement (Meetings service): who is bound, for which
/// year, and whether it holds a reporting commitment (null when the event predates that field).
/// </summary>
public sealed record CooperationAgreementCopy(Guid Id, int Year, DateOnly InForceFrom, DateOnly ExpiresOn, IReadOnlyList<Guid> EnterpriseIds,
    bool? CommitsToReporting, long StreamVersion)
{
    public const string ReportingCategory = "reporting";

    public static CooperationAgreementCopy From(AgreementInForceV1 e) => new(e.AgreementId, e.Year, e.InForceFrom, e.ExpiresOn, e.EnterpriseIds,
        e.CommitmentCategories?.Contains(ReportingCategory), e.StreamVersion);
}

/// <summary>Stores the copy; an older or repeated event changes nothing (see <see cref="DocumentCopies"/>).</summary>
public sealed class CooperationAgreementConsumer(IDocumentSession session) : IConsumer<AgreementInForceV1>
{
    public Task Consume(ConsumeContext<AgreementInForceV1> context) =>
        DocumentCopies.ApplyAsync<CooperationAgreementCopy>(session, context.Message.AgreementId,
            known => known is not null && known.StreamVersion >= context.Message.StreamVersion ? null : CooperationAgreementCopy.From(context.Message),
            context.CancellationToken);
}
