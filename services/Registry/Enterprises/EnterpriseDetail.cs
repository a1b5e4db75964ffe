using Platform.Contracts.Api;
using Platform.BuildingBlocks.Domain;
using Marten;
using Platform.BuildingBlocks.EventStore;
using Platform.BuildingBlocks.Http;
using Platform.Registry.Licences;

namespace Platform.Registry.Enterprises;

public sealed record LicenceView(
    Guid Id, string Number, string Type, string IssuingAuthority, DateOnly IssuedOn, DateOnly ExpiresOn, string Status, string? RevocationReason);

/// <summary>One event of the stream with its audit trail: who (token subject), in which role, for whom, and the correlation (trace) id.</summary>

public sealed record EnterpriseView(
    Guid Id, string TaxCode, string LegalName, string ShortName, string[] Sectors, string[] Kinds,
    Address HeadOffice, Representative Representative, Contact Contact, string Status, string? StatusReason,
    DateTimeOffset RegisteredAt, long Version, IReadOnlyList<LicenceView> Licences, IReadOnlyList<TimelineEntry> History);

/// <summary>An enterprise with its licences and its full history (every event of its stream, oldest first).</summary>
public static class EnterpriseDetail
{
    public static void Map(RouteGroupBuilder enterprises) =>
        enterprises.MapGet("/{id:guid}", async (Guid id, IQuerySession session, HttpContext http) =>
            {
                if (!http.User.MayReadFor(id)) return Results.Forbid(); // a representative sees only its own enterprise
                var ct = http.RequestAborted;
                var enterprise = await session.LoadAsync<Enterprise>(id, ct);
                if (enterprise is null) return Problems.From(Platform.BuildingBlocks.Domain.Rejection.NotFound(ChangeEnterprise.NotFound(id)));
                var events = await session.Events.FetchStreamAsync(id, token: ct);
                StreamVersion.SetETag(http.Response, enterprise.Version);
                return Results.Ok(ToView(enterprise, Timeline.Of(events)));
            })
            .WithSummary("An enterprise with its licences and full event history; the ETag is its stream version.")
            .Produces<EnterpriseView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);

    private static EnterpriseView ToView(Enterprise e, IReadOnlyList<TimelineEntry> history) => new(
        e.Id, e.TaxCode, e.Details.LegalName, e.Details.ShortName, Codes.Of(e.Details.Sectors), Codes.Of(e.Details.Kinds),
        e.Details.HeadOffice, e.Details.Representative, e.Details.Contact, Codes.Of(e.Status), e.StatusReason, e.RegisteredAt, e.Version,
        e.Licences.Select(l => new LicenceView(l.Id, l.Number, Codes.Of(l.Type), Codes.Of(l.Authority), l.IssuedOn, l.ExpiresOn, Codes.Of(l.Status), l.RevocationReason)).ToList(),
        history);
}
