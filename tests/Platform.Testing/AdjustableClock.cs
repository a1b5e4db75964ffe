namespace Platform.Testing;

/// <summary>The system clock moved forward by a chosen amount, so a test can see what the service
/// does 31 days later without waiting 31 days. Replace the host's TimeProvider with it.</summary>
public sealed class AdjustableClock : TimeProvider
{
    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
}
