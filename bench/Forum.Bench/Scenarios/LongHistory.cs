using Npgsql;

namespace Forum.Bench.Scenarios;

/// <summary>
/// Grows the forum's history to the size the rebuild and export goals are stated for
/// (1,000,000 events in a full run) before they run. The events added are views, what a forum
/// has most of: each post the engagement service knows is viewed again and again, one
/// <c>ViewsCounted</c> event per view, appended straight to the service's event store in one
/// transaction (through the API, on two cores, that would take the better part of an hour).
/// The service is stopped meanwhile; its streams, its snapshots of each post's counts and its
/// forwarder's progress are moved on with the events, as if they had been counted and forwarded
/// long ago. So the live read models do not have them, and a rebuild brings them in.
/// </summary>
public static class LongHistory
{
    /// <summary>Appends view events until the services hold <paramref name="target"/> events; returns how many it added.</summary>
    public static async Task<long> GrowAsync(RunContext run, long target)
    {
        var (events, _) = await EventHistory.ReadAllAsync(run);
        if (events >= target)
        {
            return 0;
        }
        Console.WriteLine($"- growing the history from {events:N0} to about {target:N0} events");
        var engagement = run.Forum.Engagement;
        await engagement.StopAsync(TimeSpan.FromSeconds(30));
        long added;
        try
        {
            await using var connection = new NpgsqlConnection(run.Forum.DatabaseConnection("engagement"));
            await connection.OpenAsync(run.Cancellation);
            await using var transaction = await connection.BeginTransactionAsync(run.Cancellation);
            await ExecuteAsync(connection, """
                insert into forum.mt_streams (id, type, version, timestamp, created, tenant_id)
                select p.id, 'post_engagement', 0, now(), now(), '*DEFAULT*' from forum.mt_doc_engageablepost p
                where not coalesce((p.data ->> 'deleted')::boolean, false)
                on conflict (id) do nothing;
                insert into forum.mt_doc_postengagement (id, data, mt_last_modified, mt_version, mt_dotnet_type)
                select s.id, jsonb_build_object('id', s.id, 'likes', 0, 'views', 0, 'likers', '[]'::jsonb, 'version', 0), now(), 0,
                       'Forum.Engagement.Streams.PostEngagement'
                from forum.mt_streams s where s.type = 'post_engagement'
                on conflict (id) do nothing;
                """, run.Cancellation);
            var streams = await ScalarAsync(connection, "select count(*) from forum.mt_streams where type = 'post_engagement'", run.Cancellation);
            var perPost = (target - events + streams - 1) / Math.Max(streams, 1);
            // Round after round over every post, one view each, the rounds an hour apart up to now:
            // the posts' views spread over days, as a forum's are. (A rebuild keeps only each post's
            // newest view event of a day, so a history whose views all fell on one day would flatter it.)
            added = await ExecuteAsync(connection, $"""
                insert into forum.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type)
                select nextval('forum.mt_events_sequence'), gen_random_uuid(), s.id, s.version + g.n,
                       jsonb_build_object('at', t.at, 'added', 1, 'views', s.views + g.n, 'postId', s.id, 'batchId', gen_random_uuid()),
                       'views_counted', t.at, '*DEFAULT*', 'Forum.Engagement.CountingViews.ViewsCounted, Forum.Engagement'
                from generate_series(1, {perPost}) g(n)
                cross join (select s.id, s.version, coalesce((d.data ->> 'views')::bigint, 0) as views
                            from forum.mt_streams s join forum.mt_doc_postengagement d on d.id = s.id
                            where s.type = 'post_engagement') s
                cross join lateral (select now() - make_interval(hours => {perPost} - g.n) as at) t
                order by g.n, s.id;
                """, run.Cancellation);
            await ExecuteAsync(connection, $"""
                update forum.mt_streams set version = version + {perPost}, timestamp = now() where type = 'post_engagement';
                update forum.mt_doc_postengagement
                set data = data || jsonb_build_object('views', (data ->> 'views')::bigint + {perPost}, 'version', (data ->> 'version')::bigint + {perPost}),
                    mt_version = mt_version + {perPost}, mt_last_modified = now();
                update forum.mt_event_progression set last_seq_id = (select max(seq_id) from forum.mt_events)
                where name not like 'HighWater%';
                """, run.Cancellation);
            await transaction.CommitAsync(run.Cancellation);
            await ExecuteAsync(connection, "vacuum analyze forum.mt_events", run.Cancellation);
        }
        finally
        {
            await engagement.StartAndWaitAsync(TimeSpan.FromSeconds(60));
        }
        run.Report.Fact("history grown for the rebuild and the export: view events appended straight to the engagement service's store",
            $"{added:N0} events ({events:N0} before)");
        return added;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
