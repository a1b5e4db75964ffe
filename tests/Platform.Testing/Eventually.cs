namespace Platform.Testing;

/// <summary>Polls until a condition holds, for effects that cross a process or a queue.
/// Fails with the last observed value instead of hanging.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        T last;
        do
        {
            last = await probe();
            if (done(last)) return last;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"{what ?? "condition"} not reached within {(timeout ?? TimeSpan.FromSeconds(20)).TotalSeconds}s; last value: {last}");
    }
}
