using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Forum.ServiceDefaults.Telemetry;
using Npgsql;

namespace Forum.EventSourcing.PersonalData;

/// <summary>
/// One key per member, in the database of the service that stores their data (each service holds
/// its own keys, so a service's database alone can be shredded or restored): AES-256-GCM keys,
/// made when a member's data is first sealed, and deleted when the member leaves. A forgotten
/// member keeps a row without a key, so nothing of theirs arriving late is sealed readable again.
/// <para>
/// Sealing and opening happen inside JSON serialization, which cannot wait asynchronously, so the
/// few database calls here are synchronous; keys are kept in memory for <see cref="KeptFor"/>,
/// which is also how long another replica of the same service may still open a forgotten member's
/// data after they left.
/// </para>
/// </summary>
public sealed class MemberKeyRing(string connectionString)
{
    /// <summary>How long a key (or the knowledge that there is none) is kept in memory.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(30);

    /// <summary>Starts every sealed value: a character no name or text a member writes may hold (control characters are refused).</summary>
    private const string SealMark = "\u0001pt1:";
    private const int NonceSize = 12, TagSize = 16;

    private readonly NpgsqlDataSource _database = NpgsqlDataSource.Create(connectionString);
    private readonly ConcurrentDictionary<Guid, (byte[]? Key, long At)> _keys = new();
    private volatile bool _tableReady;

    /// <summary>The stored form of <paramref name="text"/>: sealed with its member's key, or as it is when it is nobody's.</summary>
    public string Seal(PersonalText text)
    {
        if (text.Member == Guid.Empty || text.Text is null)
        {
            return text.Member == Guid.Empty ? text.Text ?? "" : SealMark + text.Member.ToString("N") + ":";
        }
        var key = KeyOf(text.Member, create: true);
        if (key is null)
        {
            // The member has left: nothing of theirs is stored readable.
            return SealMark + text.Member.ToString("N") + ":";
        }
        var plain = Encoding.UTF8.GetBytes(text.Text);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), text.Member.ToByteArray());
        return SealMark + text.Member.ToString("N") + ":" + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>What a stored value says: open while its member's key exists, forgotten after; a value stored before sealing began is read as it is.</summary>
    public PersonalText Open(string stored)
    {
        if (!stored.StartsWith(SealMark, StringComparison.Ordinal) || stored.Length < SealMark.Length + 33 || stored[SealMark.Length + 32] != ':'
            || !Guid.TryParseExact(stored.AsSpan(SealMark.Length, 32), "N", out var member))
        {
            return new PersonalText(Guid.Empty, stored);
        }
        var payload = stored.AsSpan(SealMark.Length + 33);
        if (payload.IsEmpty || KeyOf(member, create: false) is not { } key)
        {
            return new PersonalText(member, null);
        }
        var sealedBytes = Convert.FromBase64String(payload.ToString());
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, member.ToByteArray());
        return new PersonalText(member, Encoding.UTF8.GetString(plain));
    }

    /// <summary>Deletes the member's key for good: everything sealed with it reads as forgotten. Forgetting twice is forgetting once.</summary>
    public async Task ForgetAsync(Guid member, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("forget member's key");
        EnsureTable();
        await using var command = _database.CreateCommand(
            "insert into forum.member_keys (member_id, key, forgotten_at) values ($1, null, now()) " +
            "on conflict (member_id) do update set key = null, forgotten_at = coalesce(forum.member_keys.forgotten_at, now())");
        command.Parameters.AddWithValue(member);
        await command.ExecuteNonQueryAsync(cancellationToken);
        _keys[member] = (null, Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// How long reading a key waits out a database that is restarting. Keys are read while events
    /// are read, inside Marten's deserialization, where any exception counts as a broken event
    /// that the forwarder skips for good: a like was lost that way when PostgreSQL restarted.
    /// </summary>
    public static readonly TimeSpan ReadRetriedFor = TimeSpan.FromSeconds(60);

    private byte[]? KeyOf(Guid member, bool create)
    {
        if (_keys.TryGetValue(member, out var kept) && Stopwatch.GetElapsedTime(kept.At) < KeptFor && (kept.Key is not null || !create))
        {
            return kept.Key;
        }
        if (!create)
        {
            var started = Stopwatch.GetTimestamp();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return LookUp(member, create);
                }
                catch (NpgsqlException e) when (e.IsTransient && Stopwatch.GetElapsedTime(started) < ReadRetriedFor)
                {
                    // Synchronous: a JSON converter cannot await.
                    Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(2_000, 100 * attempt)));
                }
            }
        }
        return LookUp(member, create);
    }

    private byte[]? LookUp(Guid member, bool create)
    {
        EnsureTable();
        var key = Read(member, out var known);
        if (!known && create)
        {
            // Two replicas may make one at once: the first stored wins and both read it back.
            using var insert = _database.CreateCommand("insert into forum.member_keys (member_id, key) values ($1, $2) on conflict (member_id) do nothing");
            insert.Parameters.AddWithValue(member);
            insert.Parameters.AddWithValue(RandomNumberGenerator.GetBytes(32));
            insert.ExecuteNonQuery();
            key = Read(member, out _);
        }
        _keys[member] = (key, Stopwatch.GetTimestamp());
        return key;
    }

    private byte[]? Read(Guid member, out bool known)
    {
        using var select = _database.CreateCommand("select key from forum.member_keys where member_id = $1");
        select.Parameters.AddWithValue(member);
        using var reader = select.ExecuteReader();
        known = reader.Read();
        return known && !reader.IsDBNull(0) ? (byte[])reader[0] : null;
    }

    private void EnsureTable()
    {
        if (_tableReady)
        {
            return;
        }
        using var command = _database.CreateCommand(
            "create schema if not exists forum; " +
            "create table if not exists forum.member_keys (member_id uuid primary key, key bytea, made_at timestamptz not null default now(), forgotten_at timestamptz)");
        try
        {
            command.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateSchema or PostgresErrorCodes.DuplicateObject)
        {
            // Another replica or request made them at the same moment ("if not exists" is not safe
            // against that: the loser may fail on the table's row type, 42710, as the bench's
            // concurrent seeding showed).
        }
        _tableReady = true;
    }
}
