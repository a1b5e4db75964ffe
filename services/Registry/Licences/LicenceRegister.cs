using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Platform.BuildingBlocks.Domain;
using Platform.Registry.Directory;
using Platform.Registry.Enterprises;

namespace Platform.Registry.Licences;

/// <summary>One row per licence across all enterprises: what the expiry job and the
/// "expiring within N days" list query. Kept inline with the append.</summary>
public sealed record LicenceRegisterEntry(
    Guid Id, Guid EnterpriseId, string Number, LicenceType Type, IssuingAuthority Authority,
    DateOnly IssuedOn, DateOnly ExpiresOn, LicenceStatus Status);

public sealed class LicenceRegisterProjection : MultiStreamProjection<LicenceRegisterEntry, Guid>
{
    public LicenceRegisterProjection()
    {
        Identity<LicenceGranted>(e => e.LicenceId);
        Identity<LicenceRenewed>(e => e.LicenceId);
        Identity<LicenceRevoked>(e => e.LicenceId);
        Identity<LicenceExpired>(e => e.LicenceId);
    }

    public override LicenceRegisterEntry? Evolve(LicenceRegisterEntry? entry, Guid id, IEvent e) => (entry, e.Data) switch
    {
        (_, LicenceGranted g) => new LicenceRegisterEntry(g.LicenceId, g.EnterpriseId, g.Number, g.Type, g.Authority, g.IssuedOn, g.ExpiresOn, LicenceStatus.Valid),
        (null, _) => null,
        (_, LicenceRenewed r) => entry with { ExpiresOn = r.ExpiresOn },
        (_, LicenceRevoked) => entry with { Status = LicenceStatus.Revoked },
        (_, LicenceExpired) => entry with { Status = LicenceStatus.Expired },
        _ => entry,
    };
}

public sealed record ExpiringLicence(
    Guid LicenceId, string Number, string Type, string IssuingAuthority, DateOnly ExpiresOn, int DaysLeft,
    Guid EnterpriseId, string EnterpriseName, string TaxCode);

public static class ExpiringLicences
{
    public const int MaxDays = 3660;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/licences/expiring", async (IQuerySession session, TimeProvider clock, CancellationToken ct, int withinDays = 90) =>
            {
                if (withinDays is < 0 or > MaxDays)
                    return Platform.BuildingBlocks.Http.Problems.From(Rejection.Invalid("withinDays", $"must be between 0 and {MaxDays}"));
                var today = DepartmentClock.Today(clock);
                var until = today.AddDays(withinDays);
                var licences = await session.Query<LicenceRegisterEntry>()
                    .Where(l => l.Status == LicenceStatus.Valid && l.ExpiresOn <= until)
                    .OrderBy(l => l.ExpiresOn)
                    .ToListAsync(ct);
                var holderIds = licences.Select(l => l.EnterpriseId).Distinct().ToArray();
                var holders = (await session.LoadManyAsync<EnterpriseDirectoryEntry>(ct, holderIds)).ToDictionary(h => h.Id);
                return Results.Ok(licences.Select(l => new ExpiringLicence(
                    l.Id, l.Number, Codes.Of(l.Type), Codes.Of(l.Authority), l.ExpiresOn, l.ExpiresOn.DayNumber - today.DayNumber,
                    l.EnterpriseId, holders.GetValueOrDefault(l.EnterpriseId)?.ShortName ?? "", holders.GetValueOrDefault(l.EnterpriseId)?.TaxCode ?? "")));
            })
            .Produces<List<ExpiringLicence>>()
            .WithSummary("Valid licences whose expiry date falls within the next N days (or has passed without the expiry being recorded yet).")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
}
