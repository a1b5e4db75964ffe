using Npgsql;

namespace Platform.Benchmarks.Platform;

/// <summary>Events each service has appended: rows of &lt;service&gt;.mt_events in its database (domain events and
/// anything else Marten appended, e.g. the obligations Reporting's scheduler opens).</summary>
public static class EventCounter
{
    public static async Task<Dictionary<string, long>> CountAsync(ServiceFleet fleet, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>();
        foreach (var s in fleet.Services)
        {
            await using var connection = new NpgsqlConnection(fleet.ConnectionString(s));
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"select count(*) from {s.Schema}.mt_events", connection);
            counts[s.Name] = (long)(await command.ExecuteScalarAsync(ct))!;
        }
        return counts;
    }
}

public sealed record EventRate(long Before, long After, double Seconds)
{
    public long Appended => After - Before;
    public double PerSecond => Appended / Seconds;
}
