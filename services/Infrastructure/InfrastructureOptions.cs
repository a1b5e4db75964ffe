namespace Platform.Infrastructure;

/// <summary>The province-specific settings (section "Infrastructure"). Defaults fit Lào Cai.</summary>
public sealed class InfrastructureOptions
{
    /// <summary>WGS84 box every site must lie in. Unset (the default): the configured province's commune boundaries
    /// (Geography:Province) with a margin of about 2 km.</summary>
    public BoundingBox? Province { get; set; }

    /// <summary>Days a site owner has to answer a sharing request before it shows as overdue.</summary>
    public int OwnerAnswerDays { get; set; } = 30;

    /// <summary>An offer whose monthly fee differs from the same owner's other offers (same site kind,
    /// same district) by more than this percentage is flagged for the Department.</summary>
    public decimal FeeDeviationPercent { get; set; } = 20m;

    /// <summary>Planned civil works are published to other enterprises this many months ahead.</summary>
    public int CivilWorksHorizonMonths { get; set; } = 6;
}

public sealed record BoundingBox(double MinLatitude, double MinLongitude, double MaxLatitude, double MaxLongitude)
{
    public bool Contains(double latitude, double longitude) =>
        latitude >= MinLatitude && latitude <= MaxLatitude && longitude >= MinLongitude && longitude <= MaxLongitude;
}
