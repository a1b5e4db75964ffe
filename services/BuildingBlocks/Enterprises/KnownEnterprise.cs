using Platform.BuildingBlocks.Domain;

namespace Platform.BuildingBlocks.Enterprises;

/// <summary>
/// What a service knows of an enterprise, fed by the Registry's integration events: every service
/// that needs "is this enterprise active, what is it called" keeps this local copy instead of
/// calling the Registry. Status and details are versioned separately because they arrive in
/// separate events that may be redelivered or overtake each other: each applies only when newer
/// than what is held, so redelivery is harmless and the newest value wins. The dates say since when
/// it is registered and since when its status holds (reporting obligations start and stop by them).
/// </summary>
public sealed record KnownEnterprise(
    Guid Id, string TaxCode, string LegalName, string ShortName, string[] Sectors, string[] Kinds,
    string District, string Commune, string Status, string? StatusReason, long DetailsVersion, long StatusVersion,
    DateTimeOffset RegisteredAt = default, DateTimeOffset StatusChangedAt = default, string? CommuneCode = null, string? UnitGeneration = null)
{
    public const string Active = "active";

    public bool IsActive => Status == Active;

    public string SearchKey => VietnameseText.Fold($"{LegalName} | {ShortName}");

    /// <summary>The short names of these enterprises, for lists and reports (ids not known here are left out).</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> ShortNamesAsync(Marten.IQuerySession session, IEnumerable<Guid> ids, CancellationToken ct) =>
        (await session.LoadManyAsync<KnownEnterprise>(ct, ids.Distinct().ToArray())).ToDictionary(k => k.Id, k => k.ShortName);

    /// <summary>The refusal for acting on behalf of an enterprise that is unknown or not active.</summary>
    public static Rejection? RequireActive(KnownEnterprise? enterprise, Guid id, string field) => enterprise switch
    {
        null => Rejection.Unprocessable("unknown-enterprise", $"{field}: no enterprise with id {id} is known from the Registry."),
        { IsActive: false } => Rejection.Conflict("enterprise-not-active",
            $"{field}: {enterprise.ShortName} is {enterprise.Status}{(enterprise.StatusReason is null ? "" : $" ({enterprise.StatusReason})")}; only an active enterprise may do this."),
        _ => null,
    };
}
