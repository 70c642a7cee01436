using System.Collections.Concurrent;
using System.Threading.Channels;
using Forum.Gateway.ReadModels.LiveChanges;

namespace Forum.Gateway.LivePages;

/// <summary>
/// The open streams of this replica, by topic, and the hand-over of a change to each of them.
/// A stream that cannot keep up loses its oldest waiting changes rather than holding memory for
/// a reader who went away; it still gets the latest counts, which are what a page shows.
/// </summary>
public sealed class LiveTopics
{
    private const int WaitingPerStream = 256;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> _topics = new(StringComparer.Ordinal);

    /// <summary>Listens to some topics until the subscription is disposed.</summary>
    public Subscription Subscribe(IReadOnlyList<string> topics)
    {
        var subscription = new Subscription(this, topics);
        foreach (var topic in topics)
        {
            _topics.GetOrAdd(topic, _ => new()).TryAdd(subscription, 0);
        }
        LiveMetrics.Streams.Add(1);
        return subscription;
    }

    /// <summary>Hands a change to every stream of its topic; returns how many took it.</summary>
    public int Publish(LiveChange change)
    {
        if (!_topics.TryGetValue(change.Topic, out var subscribers))
        {
            return 0;
        }
        var delivered = 0;
        foreach (var subscription in subscribers.Keys)
        {
            if (subscription.Writer.TryWrite(change))
            {
                delivered++;
            }
        }
        return delivered;
    }

    private void Unsubscribe(Subscription subscription)
    {
        foreach (var topic in subscription.Topics)
        {
            if (_topics.TryGetValue(topic, out var subscribers))
            {
                subscribers.TryRemove(subscription, out _);
                if (subscribers.IsEmpty)
                {
                    // Another stream may subscribe at this moment; it re-adds its topic (GetOrAdd).
                    _topics.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Subscription, byte>>(topic, subscribers));
                }
            }
        }
        LiveMetrics.Streams.Add(-1);
    }

    public sealed class Subscription : IDisposable
    {
        private readonly LiveTopics _owner;
        private readonly Channel<LiveChange> _changes = Channel.CreateBounded<LiveChange>(
            new BoundedChannelOptions(WaitingPerStream) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        private int _disposed;

        internal Subscription(LiveTopics owner, IReadOnlyList<string> topics)
        {
            _owner = owner;
            Topics = topics;
        }

        public IReadOnlyList<string> Topics { get; }

        internal ChannelWriter<LiveChange> Writer => _changes.Writer;

        public ChannelReader<LiveChange> Changes => _changes.Reader;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _owner.Unsubscribe(this);
                _changes.Writer.TryComplete();
            }
        }
    }
}
