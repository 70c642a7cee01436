using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Forum.Gateway.Accounts.SigningIn;

/// <summary>Why a sign-in may not be tried now.</summary>
public enum SignInWait
{
    None,

    /// <summary>This address failed too often for this name.</summary>
    Address,

    /// <summary>This name failed too often from everywhere, and this address never signed in to it.</summary>
    Account,
}

/// <summary>
/// Slows password guessing without handing strangers a way to lock a member out
/// (docs/decisions/2026-12-07-sign-in-throttling-by-name-and-address.md). Failures are counted
/// per name <em>and address</em>: after <see cref="FreeFailures"/> from one address, each further
/// try from there waits twice as long as the last, up to a quarter of an hour, and other
/// addresses are not slowed. Over <see cref="AccountCeiling"/> failures for one name from all
/// addresses together (a spread-out attack, far beyond what a person mistypes), the name admits
/// only addresses that signed in to it before, until a quarter of an hour passes with no new failure.
/// Kept per gateway replica.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreeFailures = 5;
    public const int AccountCeiling = 100;
    public static readonly TimeSpan Forgiveness = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan KnownAddressesKept = TimeSpan.FromDays(30);

    /// <summary>Beyond this many entries, those forgiven already are dropped, so that a flood of names and addresses cannot fill the memory.</summary>
    private const int MaxEntries = 100_000;

    private readonly record struct Failures(int Count, DateTimeOffset Last);

    private readonly ConcurrentDictionary<(string Name, string Address), Failures> _byAddress = new();
    private readonly ConcurrentDictionary<string, Failures> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Name, string Address), DateTimeOffset> _signedInFrom = new();

    /// <summary>How long the caller must still wait before trying this name from this address, and why; zero if not at all.</summary>
    public (TimeSpan RetryAfter, SignInWait Why) RetryAfter(string normalizedUserName, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        var from = (normalizedUserName, AddressKey(address));
        if (_byAddress.TryGetValue(from, out var mine) && mine.Count >= FreeFailures && now - mine.Last <= Forgiveness)
        {
            var delay = TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, mine.Count - FreeFailures + 1)));
            var remaining = mine.Last + delay - now;
            if (remaining > TimeSpan.Zero)
            {
                return (remaining, SignInWait.Address);
            }
        }
        if (_byName.TryGetValue(normalizedUserName, out var all) && all.Count >= AccountCeiling && now - all.Last <= Forgiveness
            && !(_signedInFrom.TryGetValue(from, out var signedIn) && now - signedIn <= KnownAddressesKept))
        {
            return (all.Last + Forgiveness - now, SignInWait.Account);
        }
        return (TimeSpan.Zero, SignInWait.None);
    }

    /// <summary>Counts a failure; true when it is the one that starts slowing this address or closing the name to new addresses.</summary>
    public bool Failed(string normalizedUserName, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        if (_byAddress.Count > MaxEntries || _byName.Count > MaxEntries)
        {
            Prune(now);
        }
        var mine = _byAddress.AddOrUpdate((normalizedUserName, AddressKey(address)), _ => new(1, now), (_, s) => Counted(s, now));
        var all = _byName.AddOrUpdate(normalizedUserName, _ => new(1, now), (_, s) => Counted(s, now));
        return mine.Count == FreeFailures || all.Count == AccountCeiling;
    }

    public void Succeeded(string normalizedUserName, IPAddress? address)
    {
        var from = (normalizedUserName, AddressKey(address));
        var now = clock.GetUtcNow();
        _byAddress.TryRemove(from, out _);
        _signedInFrom[from] = now;
        if (_signedInFrom.Count > MaxEntries)
        {
            Prune(now);
        }
    }

    /// <summary>
    /// What stands for an address: IPv4 in full, IPv6 by its /64 network (one household or host
    /// holds a whole /64, so counting single IPv6 addresses would let one guesser pose as many).
    /// </summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>An address as logs may show it: its network (IPv4 /24, IPv6 /48), never the member's own address.</summary>
    public static string Masked(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        var kept = address.AddressFamily == AddressFamily.InterNetworkV6 ? 6 : 3;
        Array.Clear(bytes, kept, bytes.Length - kept);
        return $"{new IPAddress(bytes)}/{kept * 8}";
    }

    /// <summary>A quiet quarter hour forgives: the count starts again.</summary>
    private static Failures Counted(Failures state, DateTimeOffset now) =>
        now - state.Last > Forgiveness ? new(1, now) : new(state.Count + 1, now);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, state) in _byAddress)
        {
            if (now - state.Last > Forgiveness) _byAddress.TryRemove(key, out _);
        }
        foreach (var (key, state) in _byName)
        {
            if (now - state.Last > Forgiveness) _byName.TryRemove(key, out _);
        }
        foreach (var (key, at) in _signedInFrom)
        {
            if (now - at > KnownAddressesKept) _signedInFrom.TryRemove(key, out _);
        }
    }
}
