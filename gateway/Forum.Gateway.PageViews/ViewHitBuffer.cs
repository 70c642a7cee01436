using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Forum.Gateway.PageViews;

/// <summary>
/// The hits served but not yet sent, in memory. Adding never waits: a full buffer (the
/// engagement service away for long) refuses the hit instead of slowing a reader down.
/// </summary>
public sealed class ViewHitBuffer
{
    private readonly Channel<ViewHit> _hits;
    private readonly int _batchSize;
    /// <summary>
    /// Released when a batch fills up. Unbounded, so a signal that races with the sender's own
    /// check can never overflow it; a spare signal only makes the sender look once more.
    /// </summary>
    private readonly SemaphoreSlim _batchFull = new(0, int.MaxValue);
    private int _signalled;

    public ViewHitBuffer(IOptions<ViewCountingOptions> options)
    {
        _batchSize = options.Value.MaxBatchSize;
        _hits = Channel.CreateBounded<ViewHit>(new BoundedChannelOptions(options.Value.MaxBufferedHits)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    public int Count => _hits.Reader.Count;

    /// <summary>Buffers a hit; false when the buffer is full or the gateway is stopping.</summary>
    public bool TryAdd(ViewHit hit)
    {
        if (!_hits.Writer.TryWrite(hit))
        {
            return false;
        }
        if (_hits.Reader.Count >= _batchSize && Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _batchFull.Release();
        }
        return true;
    }

    /// <summary>Takes no more hits: the gateway is stopping and sends what it holds.</summary>
    public void Complete() => _hits.Writer.TryComplete();

    /// <summary>Waits for a first hit; false once the buffer is complete and empty.</summary>
    public ValueTask<bool> WaitForHitsAsync(CancellationToken cancellationToken) => _hits.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Waits until a batch is full, or at most <paramref name="timeout"/>.</summary>
    public async Task WaitForFullBatchAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_hits.Reader.Count < _batchSize)
        {
            await _batchFull.WaitAsync(timeout, cancellationToken);
        }
        else
        {
            _batchFull.Wait(0, CancellationToken.None);
        }
        Interlocked.Exchange(ref _signalled, 0);
    }

    /// <summary>Takes up to <paramref name="max"/> hits, oldest first.</summary>
    public List<ViewHit> Take(int max)
    {
        var taken = new List<ViewHit>(Math.Min(max, Math.Max(1, _hits.Reader.Count)));
        while (taken.Count < max && _hits.Reader.TryRead(out var hit))
        {
            taken.Add(hit);
        }
        return taken;
    }
}
