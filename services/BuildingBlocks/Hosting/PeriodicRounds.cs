namespace Platform.BuildingBlocks.Hosting;

/// <summary>
/// The loop of every background job: one round at start, then one per interval. A failed round is
/// reported and the next one tries again; only shutdown ends the loop.
/// </summary>
public static class PeriodicRounds
{
    public static async Task RunAsync(TimeSpan interval, TimeProvider clock, Func<CancellationToken, Task> round,
        Action<Exception> roundFailed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await round(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                roundFailed(ex);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
