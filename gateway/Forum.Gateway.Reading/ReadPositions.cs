using Npgsql;
using NpgsqlTypes;

namespace Forum.Gateway.Reading;

/// <summary>
/// Reading positions that moved and are not yet written. Opening a post moves the member's
/// position in memory only; <see cref="ReadPositionWriter"/> writes every position that moved in
/// one statement about once a second, so a burst of page views is one write, however large, and
/// never an event: positions are member state, not forum history. The member's own pages read
/// what is pending here together with what is stored, so they see their reading at once.
/// </summary>
public sealed class ReadPositions(Microsoft.Extensions.Options.IOptions<ReadingOptions> options)
{
    public bool Enabled { get; } = options.Value.Enabled;

    private readonly Lock _gate = new();
    private Dictionary<(Guid Member, Guid Post), DateTimeOffset> _pending = [];

    // Taken for a write and not yet committed: still the member's, until the write is done.
    private Dictionary<(Guid Member, Guid Post), DateTimeOffset> _writing = [];

    /// <summary>The member has read the post up to <paramref name="seenUntil"/>; a position only moves forward.</summary>
    public void Move(Guid memberId, Guid postId, DateTimeOffset seenUntil)
    {
        // PostgreSQL keeps microseconds, .NET a tenth of one: rounded up, the position still
        // covers the comment it was taken from, whichever way the database rounds that one.
        if (!Enabled)
        {
            return;
        }
        seenUntil = new DateTimeOffset((seenUntil.UtcTicks + 9) / 10 * 10, TimeSpan.Zero);
        lock (_gate)
        {
            if (!_pending.TryGetValue((memberId, postId), out var known) || known < seenUntil)
            {
                _pending[(memberId, postId)] = seenUntil;
            }
        }
        ReadingMetrics.PositionsMoved.Add(1);
    }

    /// <summary>The member's positions not yet written, for their own pages.</summary>
    public (Guid[] Posts, DateTimeOffset[] SeenUntil) PendingFor(Guid memberId)
    {
        lock (_gate)
        {
            var mine = _writing.Concat(_pending).Where(p => p.Key.Member == memberId).ToList();
            return ([.. mine.Select(p => p.Key.Post)], [.. mine.Select(p => p.Value)]);
        }
    }

    /// <summary>Takes every pending position, for one write; they stay readable until <see cref="Written"/> or <see cref="Return"/>.</summary>
    internal Dictionary<(Guid Member, Guid Post), DateTimeOffset> TakeAll()
    {
        lock (_gate)
        {
            _writing = _pending;
            _pending = [];
            return _writing;
        }
    }

    /// <summary>The positions taken are stored.</summary>
    internal void Written()
    {
        lock (_gate)
        {
            _writing = [];
        }
    }

    /// <summary>Puts back positions a failed write did not store, unless they have moved on since.</summary>
    internal void Return(Dictionary<(Guid Member, Guid Post), DateTimeOffset> positions)
    {
        lock (_gate)
        {
            _writing = [];
            foreach (var (key, seenUntil) in positions)
            {
                if (!_pending.TryGetValue(key, out var known) || known < seenUntil)
                {
                    _pending[key] = seenUntil;
                }
            }
        }
    }

    /// <summary>A member who leaves takes their pending positions too.</summary>
    internal void Forget(Guid memberId)
    {
        lock (_gate)
        {
            foreach (var key in _pending.Keys.Where(k => k.Member == memberId).ToList())
            {
                _pending.Remove(key);
            }
            _writing = _writing.Where(p => p.Key.Member != memberId).ToDictionary();
        }
    }
}

/// <summary>
/// Writes the moved reading positions about once a second, all in one statement that keeps the
/// later of the stored and the new position. A write that fails (the database restarting) is
/// tried again with the next; a graceful stop writes what is pending. A crash loses at most the
/// last second of positions, which only shows a post as unread once more.
/// </summary>
public sealed class ReadPositionWriter(ReadPositions positions, NpgsqlDataSource database, ILogger<ReadPositionWriter> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private const string Upsert = """
        insert into forum.read_positions (member_id, post_id, seen_until)
        select * from unnest(@members, @posts, @seen)
        on conflict (member_id, post_id) do update set seen_until = greatest(forum.read_positions.seen_until, excluded.seen_until)
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WriteAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await WriteAsync(cancellationToken);
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var taken = positions.TakeAll();
        if (taken.Count == 0)
        {
            return;
        }
        try
        {
            await using var command = database.CreateCommand(Upsert);
            command.Parameters.Add(new NpgsqlParameter("members", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = taken.Keys.Select(k => k.Member).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("posts", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = taken.Keys.Select(k => k.Post).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("seen", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = taken.Values.Select(v => v.UtcDateTime).ToArray() });
            await command.ExecuteNonQueryAsync(cancellationToken);
            positions.Written();
            ReadingMetrics.PositionsWritten.Record(taken.Count);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            positions.Return(taken);
            logger.LogWarning(exception, "Writing {Positions} reading positions failed; they are tried again with the next write", taken.Count);
        }
    }
}
