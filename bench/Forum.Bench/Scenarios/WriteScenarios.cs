using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Bench.Load;
using Forum.Bench.Seeding;
using Npgsql;

namespace Forum.Bench.Scenarios;

/// <summary>
/// Creating comments: straight to the comments service (the proxy's ceiling), through the gateway,
/// and PostgreSQL's own single-row insert rate (the ceiling for any write); while the gateway takes
/// the load, a probe measures how long a new comment takes to show in the gateway's read model.
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
        var ceiling = await PostgresInsertsAsync(run, bodies);
        var directResult = await run.MeasureAsync("create comment: straight to the comments service",
            new LoadPlan(forum.Comments.EndPoint, RunContext.Connections, run.Duration, n => direct[n % direct.Length]));

        var probePost = await PublishProbePostAsync(run);
        // Warm the gateway's path first, then measure it with the probe running beside it.
        await LoadGenerator.RunAsync(new LoadPlan(forum.Gateway.EndPoint, RunContext.Connections, run.WarmUp, n => throughGateway[n % throughGateway.Length]), run.Cancellation);
        using var probeStop = new CancellationTokenSource();
        var probe = ProbeLagAsync(run, probePost, probeStop.Token);
        var gatewayResult = await run.MeasureAsync("create comment: through the gateway (lag probe beside it)",
            new LoadPlan(forum.Gateway.EndPoint, RunContext.Connections, run.Duration, n => throughGateway[n % throughGateway.Length]), warm: false);
        var loadEnded = Stopwatch.StartNew();
        await probeStop.CancelAsync();
        var lags = await probe;

        run.Report.Throughput($"create comment through the gateway vs straight to the service, {RunContext.Connections} connections",
            gatewayResult, directResult, 0.80, 2_000, "comments/s");
        run.Report.Add(new Reporting.Row($"create comment straight to the service vs PostgreSQL single-row inserts, {RunContext.Connections} connections",
            $"{directResult.PerSecond:N0}/s", $"{ceiling:N0}/s", $"{directResult.PerSecond / ceiling:P0}", "— (the ceiling for writes)", null));
        run.Report.Latency("create comment through the gateway: p99 latency", gatewayResult, directResult, 250);

        if (lags.Count == 0)
        {
            run.Report.Note("The read-model lag probe got no sample.");
        }
        else
        {
            lags.Sort();
            var p50 = lags[(int)(lags.Count * 0.50)];
            var p99 = lags[Math.Min(lags.Count - 1, (int)(lags.Count * 0.99))];
            run.Report.Add(new Reporting.Row($"read-model lag under that write load, commit → visible, p50 ({lags.Count} probes)", $"{p50:N0} ms", "—", "—", "≤ 50 ms", p50 <= 50));
            run.Report.Add(new Reporting.Row($"read-model lag under that write load, commit → visible, p99 (max {lags[^1]:N0} ms)", $"{p99:N0} ms", "—", "—", "≤ 250 ms", p99 <= 250));
        }

        // How long the gateway's projectors need to catch up with every comment written.
        var written = await CountCommentStreamsAsync(run);
        await run.Seeder.WaitForCountAsync("mt_doc_commentview", written, run.Cancellation, TimeSpan.FromMinutes(5));
        run.Report.Fact("read model holds every comment, after the write load ended", $"{loadEnded.Elapsed.TotalSeconds:N1} s ({written:N0} comments in all)");
    }

    /// <summary>
    /// One comment at a time on a post of its own, through the gateway: from its 201 (the commit)
    /// until the gateway's comment page counts it, polling as fast as one connection can.
    /// </summary>
    private static async Task<List<double>> ProbeLagAsync(RunContext run, Guid post, CancellationToken stop)
    {
        var lags = new List<double>();
        using var client = Seeder.Client(run.Forum.Gateway.BaseAddress);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", run.Seed.AdminToken);
        var text = new SampleText(77);
        var expected = await TotalAsync(client, post, CancellationToken.None);
        while (!stop.IsCancellationRequested)
        {
            using (var created = await client.PostAsJsonAsync($"/api/posts/{post}/comments", new { body = text.Comment() }, CancellationToken.None))
            {
                if (!created.IsSuccessStatusCode)
                {
                    continue;
                }
            }
            var committed = Stopwatch.StartNew();
            expected++;
            while (await TotalAsync(client, post, CancellationToken.None) < expected)
            {
                if (committed.Elapsed > TimeSpan.FromSeconds(30))
                {
                    break;
                }
            }
            lags.Add(committed.Elapsed.TotalMilliseconds);
            await Task.Delay(20, CancellationToken.None);
        }
        return lags;
    }

    private static async Task<long> TotalAsync(HttpClient client, Guid post, CancellationToken cancellationToken)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/posts/{post}/comments", cancellationToken);
        return page.GetProperty("total").GetInt64();
    }

    private static async Task<Guid> PublishProbePostAsync(RunContext run)
    {
        using var client = Seeder.Client(run.Forum.Gateway.BaseAddress);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", run.Seed.AdminToken);
        using var published = await client.PostAsJsonAsync("/api/posts",
            new { board = "hoi-dap", title = "Đo độ trễ 지연 측정", body = "Bài dùng để đo thời gian từ lúc ghi đến lúc hiện." }, run.Cancellation);
        published.EnsureSuccessStatusCode();
        var id = (await published.Content.ReadFromJsonAsync<JsonElement>(run.Cancellation)).GetProperty("id").GetGuid();
        // The first comment waits (inside the service) until the comments service knows the post.
        using var first = await client.PostAsJsonAsync($"/api/posts/{id}/comments", new { body = "Bắt đầu đo." }, run.Cancellation);
        first.EnsureSuccessStatusCode();
        return id;
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
