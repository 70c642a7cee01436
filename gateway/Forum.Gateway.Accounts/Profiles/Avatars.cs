using System.Collections.Concurrent;
using Marten;

namespace Forum.Gateway.Accounts.Profiles;

/// <summary>
/// Which members have a picture, by user name, held in memory: listings show twenty names a page
/// and must not ask the database for each. A replica hears its own changes at once and reads the
/// others' every few seconds.
/// </summary>
public sealed class Avatars(IDocumentStore store, ILogger<Avatars> logger) : BackgroundService
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(5);

    private volatile IReadOnlyDictionary<string, string> _byName = new Dictionary<string, string>();
    private readonly ConcurrentDictionary<string, string?> _heard = new();

    /// <summary>The picture of the member with this user name, if any.</summary>
    public string? For(string? userName)
    {
        if (userName is null)
        {
            return null;
        }
        return _heard.TryGetValue(userName, out var heard) ? heard : _byName.GetValueOrDefault(userName);
    }

    /// <summary>This replica's own change, shown before the next read.</summary>
    public void Heard(string userName, string? avatar) => _heard[userName] = avatar;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var session = store.QuerySession();
                var members = await session.Query<Account>().Where(a => a.Avatar != null).Select(a => new { a.UserName, a.Avatar }).ToListAsync(stoppingToken);
                _byName = members.ToDictionary(m => m.UserName, m => m.Avatar!, StringComparer.Ordinal);
                // What this replica heard is dropped once the database says the same.
                foreach (var (name, avatar) in _heard)
                {
                    if (_byName.GetValueOrDefault(name) == avatar)
                    {
                        _heard.TryRemove(new KeyValuePair<string, string?>(name, avatar));
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Reading the members' pictures failed; trying again");
            }
            try
            {
                await Task.Delay(ReadEvery, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
