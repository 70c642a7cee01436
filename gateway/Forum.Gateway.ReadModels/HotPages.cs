using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Caching.Memory;

namespace Forum.Gateway.ReadModels;

/// <summary>
/// The most read pages (board listings, posts) are kept in memory for at most
/// <see cref="MaxAge"/>, so a burst of readers costs the database one query a second per page
/// rather than one per reader. Nothing invalidates them: each replica holds its own copy for a
/// second at most, so no replica serves a page older than the read model by more than that.
/// A caller that caches what it makes of a page again (the readers' output cache) asks
/// for a younger copy, so that the two ages together stay within the second.
/// </summary>
public sealed class HotPages(IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The age of data allowed under a page that its caller keeps again for the rest of
    /// <see cref="MaxAge"/> (the readers' output cache keeps pages for the other half), so the
    /// page a reader gets never trails the read model by more than <see cref="MaxAge"/>.
    /// </summary>
    public static readonly TimeSpan SharedDataMaxAge = MaxAge / 2;

    /// <summary>How many pages may be held at once; beyond it, pages are read from the database.</summary>
    public const int Capacity = 10_000;

    private static readonly Counter<long> Reads = ForumTelemetry.Meter.CreateCounter<long>("forum.hot_pages.reads", "{read}",
        "Reads of hot pages, by outcome: hit (served from memory) or miss (read from the read model).");

    public async Task<T> GetOrLoadAsync<T>(object key, Func<Task<T>> load, TimeSpan? maxAge = null)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(key, out Held<T>? held) && held is not null && now - held.LoadedAt <= (maxAge ?? MaxAge))
        {
            Reads.Add(1, new KeyValuePair<string, object?>("outcome", "hit"));
            return held.Value;
        }
        Reads.Add(1, new KeyValuePair<string, object?>("outcome", "miss"));
        // Readers who miss the same page at the same moment share one read of it. The read is
        // started only once it is in _loading, and taken out only after it is done, so a read
        // that finishes at once can never be left behind there, answering every later miss
        // with a page that is never read again.
        var mine = new Lazy<Task<T>>(() => LoadAndHoldAsync(key, load, now));
        var shared = (Lazy<Task<T>>)_loading.GetOrAdd(key, mine);
        var loading = shared.Value;
        if (ReferenceEquals(shared, mine))
        {
            _ = loading.ContinueWith(_ => _loading.TryRemove(new KeyValuePair<object, object>(key, mine)),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        try
        {
            return await loading;
        }
        catch (OperationCanceledException)
        {
            // The reader whose request started the shared read went away; read it for this one.
            return await load();
        }
    }

    private readonly ConcurrentDictionary<object, object> _loading = new();

    private async Task<T> LoadAndHoldAsync<T>(object key, Func<Task<T>> load, DateTimeOffset now)
    {
        var loaded = await load();
        if (loaded is not null)
        {
            cache.Set(key, new Held<T>(loaded, now), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = MaxAge, Size = 1 });
        }
        return loaded;
    }

    private sealed record Held<T>(T Value, DateTimeOffset LoadedAt);

    public static IServiceCollection AddHotPages(IServiceCollection services)
    {
        services.AddMemoryCache(options => options.SizeLimit = Capacity);
        return services.AddSingleton<HotPages>();
    }
}
