using System.Diagnostics;
using Forum.ServiceDefaults.Security;
using Forum.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Forum.Gateway.Edge.Allowances;

/// <summary>
/// A share of one allowance: taken (the request may go on) or refused with how long to wait.
/// A taken share is given back when what it was taken for was refused.
/// </summary>
public readonly record struct Allowance(RateLimitPolicy Policy, string Who, DateTime WindowStart, TimeSpan RetryAfter)
{
    public bool Taken => RetryAfter <= TimeSpan.Zero;
}

/// <summary>
/// Every member's (or address's) allowances, kept in the gateway's database so that all gateway
/// replicas draw on the same one: one row per policy and member with the start of its current
/// window and how much of it is used. Taking is one statement that either counts the request or
/// leaves the row alone, so concurrent requests on any replica can never take more than the limit;
/// the database's clock is the only clock. The table is unlogged: a take commits without waiting
/// for the disk (under a burst of one member's writes, waiting for each commit to reach the disk in
/// turn cost 11 ms a write), and what a crash of PostgreSQL loses is only how much of the current
/// windows was used.
/// </summary>
public sealed class SharedAllowances(NpgsqlDataSource database, IOptions<RateLimitOptions> options, TimeProvider clock, ILogger<SharedAllowances> logger)
{
    private const string Schema = """
        create schema if not exists forum;
        create unlogged table if not exists forum.allowances (
            policy text not null,
            who text not null,
            window_start timestamptz not null,
            used integer not null,
            primary key (policy, who));
        """;

    // A new window starts when the last one has run out; within a window the row changes only
    // while something is left. When nothing is left the insert's row set is empty and the second
    // half reports the window to wait for (the row as it was before this statement).
    private const string Take = """
        with taken as (
            insert into forum.allowances as a (policy, who, window_start, used) values ($1, $2, now(), 1)
            on conflict (policy, who) do update set
                window_start = case when a.window_start <= now() - $3 then now() else a.window_start end,
                used = case when a.window_start <= now() - $3 then 1 else a.used + 1 end
            where a.window_start <= now() - $3 or a.used < $4
            returning window_start)
        select true, window_start, interval '0' from taken
        union all
        select false, window_start, window_start + $3 - now() from forum.allowances
        where policy = $1 and who = $2 and not exists (select from taken)
        """;

    // A row whose only share is given back goes (a window with nothing used is no window), so a
    // refused request leaves the table as it found it.
    private const string GiveBack = """
        with gone as (delete from forum.allowances where policy = $1 and who = $2 and window_start = $3 and used = 1)
        update forum.allowances set used = used - 1 where policy = $1 and who = $2 and window_start = $3 and used > 1
        """;

    private const string Forget = "delete from forum.allowances where window_start < now() - $1";

    private readonly IReadOnlyDictionary<string, RateLimitPolicy> _policies = RateLimits.Policies(options.Value);
    private Task? _schema;

    public RateLimitPolicy Policy(string name) =>
        _policies.TryGetValue(name, out var policy) ? policy : throw new InvalidOperationException($"No rate-limit policy is named '{name}'.");

    /// <summary>Who a request is counted against: the signed-in member, else the caller's address.</summary>
    public static string Who(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(ForumClaims.UserId)?.Value is { } id
            ? "member:" + id
            : "address:" + context.Connection.RemoteIpAddress;

    /// <summary>Takes one request's share of the caller's allowance: the member's (stricter while they are new), else the address's.</summary>
    public Task<Allowance> TakeAsync(string policyName, HttpContext context) =>
        TakeAsync(policyName, Who(context), context.User.IsNewMemberAt(clock.GetUtcNow()), context.RequestAborted);

    /// <summary>
    /// Takes one request's share of <paramref name="who"/>'s allowance under <paramref name="policyName"/>.
    /// If the database cannot answer within two seconds the request is let through (and counted in
    /// a metric): a limit is there against floods, and a write the services can take should not fail
    /// because the gateway's own database is away.
    /// </summary>
    public async Task<Allowance> TakeAsync(string policyName, string who, bool newMember, CancellationToken cancellationToken)
    {
        var policy = Policy(policyName);
        var limit = policy.LimitFor(newMember);
        using var activity = ForumTelemetry.Source.StartActivity("take allowance");
        activity?.SetTag("forum.rate_limit.policy", policy.Name);
        activity?.SetTag("forum.rate_limit.new_member", newMember);
        var started = Stopwatch.GetTimestamp();
        var outcome = "taken";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await EnsureSchemaAsync(timeout.Token);
            await using var command = database.CreateCommand(Take);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = policy.Name });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = who });
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = limit.Window });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit.PermitLimit });
            await using var reader = await command.ExecuteReaderAsync(timeout.Token);
            if (!await reader.ReadAsync(timeout.Token))
            {
                // The row that refused was changed by another request between the two halves: it is
                // full now, so wait for the shortest window there can be left.
                outcome = "refused";
                return new Allowance(policy, who, default, TimeSpan.FromSeconds(1));
            }
            var taken = reader.GetBoolean(0);
            var windowStart = reader.GetFieldValue<DateTime>(1);
            outcome = taken ? "taken" : "refused";
            var retryAfter = taken ? TimeSpan.Zero : Max(reader.GetFieldValue<TimeSpan>(2), TimeSpan.FromSeconds(1));
            return new Allowance(policy, who, windowStart, retryAfter);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            outcome = "unavailable";
            logger.LogWarning(exception, "The allowance {Policy} could not be read; the request goes on unlimited", policy.Name);
            return new Allowance(policy, who, default, TimeSpan.Zero);
        }
        finally
        {
            activity?.SetTag("forum.rate_limit.outcome", outcome);
            AllowanceMetrics.Taking.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("policy", policy.Name), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    /// <summary>Gives a taken share back: what it was taken for was not accepted.</summary>
    public async Task GiveBackAsync(Allowance allowance)
    {
        if (!allowance.Taken || allowance.WindowStart == default)
        {
            return;
        }
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await using var command = database.CreateCommand(GiveBack);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = allowance.Policy.Name });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = allowance.Who });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = allowance.WindowStart });
            await command.ExecuteNonQueryAsync(timeout.Token);
            AllowanceMetrics.GivenBack.Add(1, new KeyValuePair<string, object?>("policy", allowance.Policy.Name));
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            logger.LogWarning(exception, "A share of the allowance {Policy} could not be given back", allowance.Policy.Name);
        }
    }

    /// <summary>Removes the rows whose windows ended long ago (a row per address that once registered adds up).</summary>
    public async Task ForgetEndedWindowsAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        var longest = _policies.Values.SelectMany(policy => new[] { policy.Limit, policy.LimitFor(newMember: true) }).Max(limit => limit.Window);
        await using var command = database.CreateCommand(Forget);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = longest });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        var schema = _schema;
        if (schema is { IsCompletedSuccessfully: true })
        {
            return schema;
        }
        if (schema is null || schema.IsFaulted || schema.IsCanceled)
        {
            _schema = schema = CreateSchemaAsync();
        }
        return schema.WaitAsync(cancellationToken);
    }

    private async Task CreateSchemaAsync()
    {
        await using var command = database.CreateCommand(Schema);
        await command.ExecuteNonQueryAsync();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
