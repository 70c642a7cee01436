namespace Forum.Testing;

/// <summary>
/// Polls for something that becomes true a little later: read models trail writes by
/// milliseconds, so a test waits for what a user would wait for, and fails with what it saw.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s for {what ?? "a condition"} in vain.");
            }
            await Task.Delay(25);
        }
    }

    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await probe();
            if (until(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(25);
        }
    }
}
