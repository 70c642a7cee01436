using Forum.Gateway.ReadModels;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Gateway.Tests.ReadModels;

/// <summary>
/// A hot page is served from memory for at most a second (or the younger age a caller asks for)
/// and read again after: every gateway replica reads the same read model, so no replica serves a
/// page more than a second older than it.
/// </summary>
public sealed class Holding_hot_pages
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 23, 0, 0, TimeSpan.Zero));
    private int _reads;

    private HotPages Make() => new(new MemoryCache(new MemoryCacheOptions { SizeLimit = HotPages.Capacity, Clock = new CacheClock(_clock) }), _clock);

    private Task<int> ReadAsync() => Task.FromResult(Interlocked.Increment(ref _reads));

    [Fact]
    public async Task A_page_is_read_again_once_it_is_a_second_old_and_not_before()
    {
        var hot = Make();
        Assert.Equal(1, await hot.GetOrLoadAsync("board", ReadAsync));

        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, await hot.GetOrLoadAsync("board", ReadAsync));

        _clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal(2, await hot.GetOrLoadAsync("board", ReadAsync));
        Assert.Equal(2, await hot.GetOrLoadAsync("board", ReadAsync));
    }

    [Fact]
    public async Task A_caller_that_keeps_what_it_makes_of_a_page_gets_one_no_older_than_it_asks()
    {
        var hot = Make();
        Assert.Equal(1, await hot.GetOrLoadAsync("listing", ReadAsync, HotPages.SharedDataMaxAge));

        _clock.Advance(HotPages.SharedDataMaxAge + TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, await hot.GetOrLoadAsync("listing", ReadAsync, HotPages.SharedDataMaxAge));
        // The two halves together stay within the second.
        Assert.True(Forum.Gateway.Edge.ReadersOutputCache.MaxAge + HotPages.SharedDataMaxAge <= HotPages.MaxAge);
    }

    [Fact]
    public async Task Pages_are_held_apart_by_key()
    {
        var hot = Make();
        Assert.Equal(1, await hot.GetOrLoadAsync(("post", 1), ReadAsync));
        Assert.Equal(2, await hot.GetOrLoadAsync(("post", 2), ReadAsync));
        Assert.Equal(1, await hot.GetOrLoadAsync(("post", 1), ReadAsync));
    }

    private sealed class CacheClock(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}
