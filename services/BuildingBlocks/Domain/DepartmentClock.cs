namespace Platform.BuildingBlocks.Domain;

/// <summary>The Department works on Vietnam time (UTC+7, no daylight saving): a deadline or an expiry
/// date "passes" at midnight there, not at midnight UTC.</summary>
public static class DepartmentClock
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The Department's calendar day of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
