using System.Diagnostics;
using System.Text.Json;
using Forum.Bench.Load;
using Forum.Bench.Seeding;
using Npgsql;

namespace Forum.Bench.Scenarios;

/// <summary>
/// Creating comments: straight to the comments service (the proxy's ceiling), through the gateway,
/// and PostgreSQL's own single-row insert rate (the ceiling for any write); then, for every comment
/// the gateway took, how long it took to show in the gateway's read model.
/// </summary>
public static class WriteScenarios
{
    public static async Task RunAsync(RunContext run)
    {
        var forum = run.Forum;
        var posts = run.Seed.PostsOutside(run.Seed.BigBoard).Take(1000).ToArray();
        var text = new SampleText(4242);
        var bodies = Enumerable.Range(0, 1000).Select(_ => JsonSerializer.Serialize(new { body = text.Comment() })).ToArray();
        ReadOnlyMemory<byte>[] RequestsTo(System.Net.IPEndPoint target) => Enumerable.Range(0, 1000)
            .Select(i => (ReadOnlyMemory<byte>)Requests.PostJson(target, $"/api/posts/{posts[i]}/comments", bodies[i], run.Seed.AuthorTokens[i % run.Seed.AuthorTokens.Count]))
            .ToArray();
        var direct = RequestsTo(forum.Comments.EndPoint);
        var throughGateway = RequestsTo(forum.Gateway.EndPoint);

        Console.WriteLine("- create comment");
        // Both ways reach the same code in the comments service: warmed up through the gateway
        // first, neither run measures that service while it is still compiling.
        await run.WarmUpAsync("create comment: through the gateway, before either run",
            new LoadPlan(forum.Gateway.EndPoint, RunContext.Connections, run.Duration, n => throughGateway[n % throughGateway.Length]));
        var cpu = Forum.CpuTime.Start(forum.ForumProcesses);
        var directResult = await run.MeasureAsync("create comment: straight to the comments service",
            new LoadPlan(forum.Comments.EndPoint, RunContext.Connections, run.Duration, n => direct[n % direct.Length]));
        var directCores = cpu.Cores();

        // Let the gateway's projectors finish the direct run's comments, so they do not count as lag here.
        await run.Seeder.WaitForCountAsync("mt_doc_commentview", await CountCommentStreamsAsync(run), run.Cancellation, TimeSpan.FromMinutes(5));
        var before = await LastSequenceAsync(run);
        var metricsBefore = await run.GatewayMetricsAsync();
        cpu = Forum.CpuTime.Start(forum.ForumProcesses);
        var gatewayResult = await run.MeasureAsync("create comment: through the gateway",
            new LoadPlan(forum.Gateway.EndPoint, RunContext.Connections, run.Duration, n => throughGateway[n % throughGateway.Length]));
        var gatewayCores = cpu.Cores();
        var loadEnded = Stopwatch.StartNew();

        // How long the gateway's projectors need to catch up with every comment written.
        var written = await CountCommentStreamsAsync(run);
        await run.Seeder.WaitForCountAsync("mt_doc_commentview", written, run.Cancellation, TimeSpan.FromMinutes(5));
        run.Report.Fact("read model holds every comment, after the write load ended", $"{loadEnded.Elapsed.TotalSeconds:N1} s ({written:N0} comments in all)");
        var lags = await LagsAsync(run, before);
        var metricsAfter = await run.GatewayMetricsAsync();

        // Last: dropping its scratch database makes PostgreSQL checkpoint, which would weigh on a run after it.
        var ceiling = await PostgresInsertsAsync(run, bodies);

        run.Report.Throughput($"create comment through the gateway vs straight to the service, {RunContext.Connections} connections",
            gatewayResult, directResult, 0.80, 2_000, "comments/s");
        run.Report.Add(new Reporting.Row($"create comment straight to the service vs PostgreSQL single-row inserts, {RunContext.Connections} connections",
            $"{directResult.PerSecond:N0}/s", $"{ceiling:N0}/s", Reporting.Report.Percent(directResult.PerSecond / ceiling), "— (the ceiling for writes)", null));
        run.Report.Latency("create comment through the gateway: p99 latency", gatewayResult, directResult, null);
        run.Report.Fact("create comment: cores used during the run (of 2), straight to the service", directCores);
        run.Report.Fact("create comment: cores used during the run (of 2), through the gateway", gatewayCores);

        // The rate limits' cost on that write path: each comment took a share of its author's
        // allowance, one statement against the gateway's database, timed by the gateway itself.
        var allowance = Reporting.PrometheusHistogram.Parse(metricsAfter, "forum_gateway_allowance_duration_seconds", "policy=\"commenting\"")
            .Minus(Reporting.PrometheusHistogram.Parse(metricsBefore, "forum_gateway_allowance_duration_seconds", "policy=\"commenting\""));
        if (allowance.Quantile(0.5) is { } allowanceP50)
        {
            run.Report.Fact("create comment through the gateway: taking the shared rate-limit allowance (the gateway's histogram, ≈ to its buckets)",
                $"p50 ≈ {allowanceP50 * 1000:N2} ms, p99 ≈ {allowance.Quantile(0.99) * 1000:N2} ms of the comment's p50 {gatewayResult.Percentile(50):N1} ms and p99 {gatewayResult.Percentile(99):N1} ms ({allowance.Total:N0} comments)");
        }

        if (lags.Count == 0)
        {
            run.Report.Note("No comment was written during the gateway's write load, so there is no read-model lag to show.");
            return;
        }
        lags.Sort();
        double At(double share) => lags[Math.Min(lags.Count - 1, (int)(lags.Count * share))];
        run.Report.Add(new Reporting.Row($"read-model lag under that write load, commit → visible, p50 (all {lags.Count:N0} comments)", $"{At(0.50):N0} ms", "—", "—", "≤ 50 ms", At(0.50) <= 50));
        run.Report.Add(new Reporting.Row($"read-model lag under that write load, commit → visible, p99 (max {lags[^1]:N0} ms)", $"{At(0.99):N0} ms", "—", "—", "≤ 250 ms", At(0.99) <= 250));

        // Where the lag is spent, from the gateway's own histograms over the same load: the
        // forwarder's share (commit → published) and the rest (broker, queue, projection).
        const string comment = "event=\"CommentAdded\"";
        var whole = Reporting.PrometheusHistogram.Parse(metricsAfter, "forum_projection_lag_seconds", comment)
            .Minus(Reporting.PrometheusHistogram.Parse(metricsBefore, "forum_projection_lag_seconds", comment));
        var forwarding = Reporting.PrometheusHistogram.Parse(metricsAfter, "forum_projection_forward_delay_seconds", comment)
            .Minus(Reporting.PrometheusHistogram.Parse(metricsBefore, "forum_projection_forward_delay_seconds", comment));
        if (whole.Quantile(0.5) is { } lagP50 && forwarding.Quantile(0.5) is { } forwardP50)
        {
            run.Report.Fact("of the lag, p50 (the gateway's histograms, ≈ to their buckets): commit → published by the forwarder",
                $"≈ {forwardP50 * 1000:N0} ms of ≈ {lagP50 * 1000:N0} ms ({forwarding.Total:N0} comments); p99 ≈ {forwarding.Quantile(0.99) * 1000:N0} of ≈ {whole.Quantile(0.99) * 1000:N0} ms");
        }
    }

    /// <summary>The comments service's last event sequence: what comes after it was written by the next run.</summary>
    private static async Task<long> LastSequenceAsync(RunContext run)
    {
        await using var connection = new NpgsqlConnection(run.Forum.DatabaseConnection("comments"));
        await connection.OpenAsync(run.Cancellation);
        await using var command = new NpgsqlCommand("select coalesce(max(seq_id), 0) from forum.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync(run.Cancellation))!;
    }

    /// <summary>
    /// Commit → visible for every comment added after <paramref name="after"/>: from the time
    /// Marten stamped on the comment's event in the comments service's store to the time it
    /// stamped on the comment's document in the gateway's read model. Both stamps come from the
    /// same PostgreSQL server's clock, so they compare exactly, and nothing polls the gateway.
    /// </summary>
    private static async Task<List<double>> LagsAsync(RunContext run, long after)
    {
        var written = new Dictionary<Guid, DateTime>();
        await using (var comments = new NpgsqlConnection(run.Forum.DatabaseConnection("comments")))
        {
            await comments.OpenAsync(run.Cancellation);
            await using var command = new NpgsqlCommand("select stream_id, timestamp from forum.mt_events where seq_id > $1 and version = 1", comments);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
            await using var reader = await command.ExecuteReaderAsync(run.Cancellation);
            while (await reader.ReadAsync(run.Cancellation))
            {
                written[reader.GetGuid(0)] = reader.GetFieldValue<DateTime>(1);
            }
        }
        var lags = new List<double>(written.Count);
        await using (var gateway = new NpgsqlConnection(run.Forum.DatabaseConnection("gateway")))
        {
            await gateway.OpenAsync(run.Cancellation);
            await using var command = new NpgsqlCommand("select id, mt_last_modified from forum.mt_doc_commentview where id = any($1)", gateway);
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. written.Keys] });
            await using var reader = await command.ExecuteReaderAsync(run.Cancellation);
            while (await reader.ReadAsync(run.Cancellation))
            {
                lags.Add((reader.GetFieldValue<DateTime>(1) - written[reader.GetGuid(0)]).TotalMilliseconds);
            }
        }
        return lags;
    }

    private static async Task<long> CountCommentStreamsAsync(RunContext run)
    {
        await using var connection = new NpgsqlConnection(run.Forum.DatabaseConnection("comments"));
        await connection.OpenAsync(run.Cancellation);
        await using var command = new NpgsqlCommand("select count(*) from forum.mt_streams", connection);
        return (long)(await command.ExecuteScalarAsync(run.Cancellation))!;
    }

    /// <summary>
    /// PostgreSQL alone: one JSON row per statement (autocommit), 64 connections, for the same
    /// time, in a scratch database of the same server. Appending a comment writes more than this
    /// (an event, its stream, the forwarder's notification), so this is the ceiling.
    /// </summary>
    private static async Task<double> PostgresInsertsAsync(RunContext run, string[] bodies)
    {
        var admin = new NpgsqlConnectionStringBuilder(run.Forum.MaintenanceConnection) { Pooling = false }.ConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(run.Cancellation);
            await using var drop = new NpgsqlCommand("drop database if exists bench_insert_ceiling with (force)", connection);
            await drop.ExecuteNonQueryAsync(run.Cancellation);
            await using var create = new NpgsqlCommand("create database bench_insert_ceiling", connection);
            await create.ExecuteNonQueryAsync(run.Cancellation);
        }
        var scratch = new NpgsqlConnectionStringBuilder(admin) { Database = "bench_insert_ceiling", Pooling = true, MaxPoolSize = 100 }.ConnectionString;
        await using (var connection = new NpgsqlConnection(scratch))
        {
            await connection.OpenAsync(run.Cancellation);
            await using var table = new NpgsqlCommand("create table comment_rows (id uuid primary key, post uuid not null, data jsonb not null)", connection);
            await table.ExecuteNonQueryAsync(run.Cancellation);
        }

        long inserted = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, RunContext.Connections).Select(async worker =>
        {
            await using var connection = new NpgsqlConnection(scratch);
            await connection.OpenAsync(run.Cancellation);
            await using var insert = new NpgsqlCommand("insert into comment_rows (id, post, data) values ($1, $2, $3::jsonb)", connection);
            var id = new NpgsqlParameter<Guid>();
            var post = new NpgsqlParameter<Guid>();
            var data = new NpgsqlParameter<string>();
            insert.Parameters.Add(id);
            insert.Parameters.Add(post);
            insert.Parameters.Add(data);
            await insert.PrepareAsync(run.Cancellation);
            var i = worker;
            while (stopwatch.Elapsed < run.Duration)
            {
                id.TypedValue = Guid.CreateVersion7();
                post.TypedValue = Guid.NewGuid();
                data.TypedValue = bodies[i++ % bodies.Length];
                await insert.ExecuteNonQueryAsync(run.Cancellation);
                Interlocked.Increment(ref inserted);
            }
        }));
        var perSecond = inserted / stopwatch.Elapsed.TotalSeconds;
        run.Report.Fact("PostgreSQL single-row inserts, 64 connections (the write ceiling)", $"{perSecond:N0}/s");

        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(run.Cancellation);
            await using var drop = new NpgsqlCommand("drop database if exists bench_insert_ceiling with (force)", connection);
            await drop.ExecuteNonQueryAsync(run.Cancellation);
        }
        return perSecond;
    }
}
