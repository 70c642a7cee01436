using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Testing;
using Xunit.Abstractions;

namespace Forum.System.Tests.Scaling;

/// <summary>Two replicas of each service and of the gateway, on the same databases and broker.</summary>
public sealed class ReplicatedForum : ForumSystem
{
    protected override int Replicas => 2;
}

/// <summary>
/// The forum scaled out as an operator scales it: a mixed load of posts, comments, likes and
/// views through both gateways, while the posts replica that forwards events is killed and the
/// other takes over within 30 s. Every write that was acknowledged ends up in the read models
/// exactly once, on both gateways.
/// </summary>
public sealed class Two_replicas_of_everything(ReplicatedForum forum, ITestOutputHelper output) : IClassFixture<ReplicatedForum>
{
    private const string Board = "nhan-ban";

    private HttpClient Through(int gateway, AuthenticationHeaderValue? token = null)
    {
        var client = new HttpClient { BaseAddress = forum.GatewayReplicas[gateway % 2].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = token;
        return client;
    }

    [Fact]
    public async Task Every_acknowledged_write_is_in_the_read_models_once_after_the_forwarding_posts_replica_is_killed()
    {
        await forum.CreateBoardAsync(Board, "Nhân bản");
        var members = new List<AuthenticationHeaderValue>();
        for (var i = 0; i < 6; i++)
        {
            using var signedUp = await forum.SignUpAsync($"nhân_bản_{i}");
            members.Add(signedUp.DefaultRequestHeaders.Authorization!);
        }

        var posts = new ConcurrentDictionary<Guid, byte>();
        var comments = new ConcurrentDictionary<Guid, Guid>();
        var likes = new ConcurrentDictionary<(int Member, Guid Post), byte>();
        var views = new ConcurrentDictionary<(int Member, Guid Post), byte>();
        var refusals = new ConcurrentBag<string>();
        // The posts replica that forwards (the one whose metrics count forwarded events) is
        // killed a third of the way through; the other must take over within 30 s: a post
        // acknowledged after the kill is listed within 30 s of it.
        const int rounds = 15;
        var postsAtKill = -1;
        var forwarderKilled = -1;
        var takeover = TimeSpan.Zero;
        var killed = Task.Run(async () =>
        {
            while (posts.Count < rounds * members.Count / 3)
            {
                await Task.Delay(50);
            }
            var forwarded = new List<double>();
            foreach (var replica in forum.PostsReplicas)
            {
                forwarded.Add(await ForwardedAsync(replica.BaseAddress));
            }
            forwarderKilled = forwarded.IndexOf(forwarded.Max());
            Assert.True(forwarded[forwarderKilled] > 0 && forwarded.Count(f => f > 0) == 1,
                $"exactly one posts replica forwards: forwarded by replica {string.Join(", ", forwarded)}");
            forum.PostsReplicas[forwarderKilled].Kill();
            var sinceKill = global::System.Diagnostics.Stopwatch.StartNew();
            postsAtKill = posts.Count;

            using var prober = Through(1, members[0]);
            var probe = Guid.Empty;
            while (probe == Guid.Empty && sinceKill.Elapsed < TimeSpan.FromSeconds(30))
            {
                var published = await SendAsync(prober, new HttpRequestMessage(HttpMethod.Post, "/api/posts")
                {
                    Content = JsonContent.Create(new { board = Board, title = "Sau khi bộ chuyển tiếp chết 한국", body = "Ai chuyển tiếp?" }),
                });
                if (published?.StatusCode == HttpStatusCode.Created)
                {
                    probe = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                    posts[probe] = 0;
                }
                else
                {
                    await Task.Delay(100);
                }
            }
            await Eventually.ValueAsync(async () => await SendAsync(prober, new HttpRequestMessage(HttpMethod.Get, $"/api/posts/{probe}")) is { StatusCode: HttpStatusCode.OK } ? true : (bool?)null,
                timeout: TimeSpan.FromSeconds(60), what: "the post written after the forwarder was killed");
            // Its view counts like any other reader's.
            views[(0, probe)] = 0;
            takeover = sinceKill.Elapsed;
        });

        await Task.WhenAll(members.Select((token, member) => Task.Run(async () =>
        {
            var random = new Random(member);
            for (var round = 0; round < rounds; round++)
            {
                using var client = Through(member + round, token);
                // A post: sent again with the same key until it is acknowledged, so it exists once.
                var key = Guid.NewGuid().ToString();
                for (var attempt = 0; attempt < 20; attempt++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/posts")
                    {
                        Content = JsonContent.Create(new { board = Board, title = $"Bài {member}-{round} 한국 tiếng Việt", body = "Tải hỗn hợp" }),
                    };
                    request.Headers.Add("Idempotency-Key", key);
                    var published = await SendAsync(client, request);
                    if (published?.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                    {
                        posts[(await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()] = 0;
                        break;
                    }
                    refusals.Add($"post: {published?.StatusCode.ToString() ?? "no answer"}");
                    await Task.Delay(200);
                }
                if (posts.IsEmpty)
                {
                    continue;
                }
                var target = posts.Keys.ElementAt(random.Next(posts.Count));

                var commented = await SendAsync(client, new HttpRequestMessage(HttpMethod.Post, $"/api/posts/{target}/comments")
                {
                    Content = JsonContent.Create(new { body = $"Bình luận {member}-{round}" }),
                });
                if (commented?.StatusCode == HttpStatusCode.Created)
                {
                    comments[(await commented.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()] = target;
                }
                else
                {
                    refusals.Add($"comment: {commented?.StatusCode.ToString() ?? "no answer"}");
                }

                // A like is idempotent: sent until acknowledged (404 while the post is not yet known there).
                for (var attempt = 0; attempt < 40; attempt++)
                {
                    var liked = await SendAsync(client, new HttpRequestMessage(HttpMethod.Put, $"/api/posts/{target}/like"));
                    if (liked?.StatusCode == HttpStatusCode.NoContent)
                    {
                        likes[(member, target)] = 0;
                        break;
                    }
                    if (liked?.StatusCode == HttpStatusCode.Forbidden)
                    {
                        break; // their own post
                    }
                    await Task.Delay(100);
                }

                var viewed = await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/api/posts/{target}"));
                if (viewed?.StatusCode == HttpStatusCode.OK)
                {
                    views[(member, target)] = 0;
                }
            }
        })));
        await killed;
        output.WriteLine($"killed the forwarding posts replica ({forwarderKilled + 1} of 2) after {postsAtKill} posts; a post written after it was listed {takeover.TotalSeconds:0.0} s after the kill");
        Assert.True(takeover <= TimeSpan.FromSeconds(30), $"the other posts replica took {takeover} to take over forwarding");
        output.WriteLine($"acknowledged: {posts.Count} posts, {comments.Count} comments, {likes.Count} likes, {views.Count} readers; refused or unanswered: {refusals.Count}");
        foreach (var group in refusals.GroupBy(r => r))
        {
            output.WriteLine($"  {group.Key} × {group.Count()}");
        }
        Assert.Equal(rounds * members.Count + 1, posts.Count);

        // Both gateways converge on the same read models, with every acknowledged write once.
        bool Exact(List<Listed> listed) =>
            listed.Count == posts.Count
            && listed.All(p => p.Likes == likes.Keys.Count(l => l.Post == p.Id) && p.Views == views.Keys.Count(v => v.Post == p.Id)
                && p.Comments >= comments.Values.Count(post => post == p.Id));
        foreach (var gateway in new[] { 0, 1 })
        {
            using var reader = Through(gateway);
            var listed = await Eventually.ValueAsync(() => ListAsync(reader), Exact, timeout: TimeSpan.FromSeconds(90),
                what: $"gateway {gateway + 1} to show every acknowledged post, like and view");
            Assert.Equal(posts.Keys.Order(), listed.Select(p => p.Id).Order());
            Assert.True(Exact(listed), $"gateway {gateway + 1}: " + string.Join("\n", listed));
            foreach (var post in listed)
            {
                var shown = await CommentIdsAsync(reader, post.Id);
                Assert.Equal(shown.Count, shown.Distinct().Count());
                Assert.Equal(post.Comments, shown.Count);
                Assert.All(comments.Where(c => c.Value == post.Id), c => Assert.Contains(c.Key, shown));
            }
        }
    }

    [Fact]
    public async Task The_replicas_compete_on_one_durable_quorum_queue_per_consumer()
    {
        using var management = forum.ManagementClient();
        static List<(string Name, string? Type, bool Durable, int Consumers)> Consumed(JsonElement queues) => queues.EnumerateArray()
            // A bus's own reply queue is temporary (auto-delete) by design, and so is a replica's own
            // queue (the gateway's unread-count relay; checked below); the consumers' shared queues are not.
            .Where(q => !(q.TryGetProperty("auto_delete", out var temporary) && temporary.GetBoolean()))
            .Where(q => !q.GetProperty("name").GetString()!.Contains("-replica-", StringComparison.Ordinal))
            .Where(q => !q.GetProperty("name").GetString()!.EndsWith("_error", StringComparison.Ordinal)
                && !q.GetProperty("name").GetString()!.EndsWith("_skipped", StringComparison.Ordinal))
            .Select(q => (q.GetProperty("name").GetString()!, q.GetProperty("type").GetString(), q.GetProperty("durable").GetBoolean(),
                q.TryGetProperty("consumers", out var c) ? c.GetInt32() : 0))
            .ToList();
        // Two replicas of a service share its consumer's queue (a killed posts replica, from the
        // other test, may have left its own queues with one).
        var consumed = Consumed(await Eventually.ValueAsync(
            async () => await management.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(forum.VirtualHost)}"),
            q => Consumed(q) is { Count: > 0 } c && c.All(e => e.Consumers >= 1) && c.Any(e => e.Consumers == 2), what: "the consumers' queues"));
        foreach (var queue in consumed)
        {
            output.WriteLine($"{queue.Name}: {queue.Type}, durable {queue.Durable}, {queue.Consumers} consumers");
        }
        Assert.All(consumed, q => Assert.True(q.Type == "quorum" && q.Durable && q.Consumers <= 2, $"{q.Name}: {q.Type}, durable {q.Durable}, {q.Consumers} consumers"));
        Assert.Contains(consumed, q => q.Consumers == 2);

        // Each replica's own queues go when the replica does, even one that was killed: every
        // gateway replica's unread-count relay and relay of suspensions, and those of the services'
        // replicas (a posts replica killed by another test leaves one behind for a minute, and one
        // not started again has none).
        var all = await management.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(forum.VirtualHost)}");
        var replicasOwn = all.EnumerateArray().Where(q => q.GetProperty("name").GetString()!.Contains("-replica-", StringComparison.Ordinal)).ToList();
        int Own(string endpoint) => replicasOwn.Count(q => q.GetProperty("name").GetString()!.StartsWith(endpoint + "-", StringComparison.Ordinal));
        Assert.Equal(forum.GatewayReplicas.Count, Own("gateway-unread-count-relay"));
        Assert.Equal(forum.GatewayReplicas.Count, Own("gateway-standing-relay"));
        foreach (var (service, replicas) in new[] { ("posts", forum.PostsReplicas), ("comments", forum.CommentsReplicas),
                     ("engagement", forum.EngagementReplicas), ("notifications", forum.NotificationsReplicas) })
        {
            Assert.InRange(Own($"{service}-standing-relay"), 1, replicas.Count + 1);
        }
        Assert.All(replicasOwn, q =>
        {
            Assert.False(q.GetProperty("durable").GetBoolean());
            Assert.Equal(60_000, q.GetProperty("arguments").GetProperty("x-expires").GetInt32());
        });
    }

    [Fact]
    public async Task A_page_one_gateway_keeps_gives_way_within_a_second_to_a_post_the_other_took_in()
    {
        const string board = "hai-cong-giu-trang";
        await forum.CreateBoardAsync(board, "Hai cổng giữ trang");
        using var member = await forum.SignUpAsync("người_viết_hai_cổng");
        using var readerOfFirst = Through(0);
        using var readerOfSecond = Through(1);
        await Eventually.ValueAsync(() => readerOfSecond.GetAsync($"/api/boards/{board}/posts"), r => r.StatusCode == HttpStatusCode.OK);

        // Readers keep asking the second gateway for the board, so it always holds a page of it.
        using var stop = new CancellationTokenSource();
        var keptBusy = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                (await SendAsync(readerOfSecond, new HttpRequestMessage(HttpMethod.Get, $"/api/boards/{board}/posts")))?.Dispose();
                (await SendAsync(readerOfSecond, new HttpRequestMessage(HttpMethod.Get, $"/boards/{board}")))?.Dispose();
            }
        });
        try
        {
            const string title = "Tin mới từ cổng thứ nhất — 새 글";
            var created = await member.PostAsJsonAsync("/api/posts", new { board, title, body = "Nội dung" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            // The read model is shared: once the first gateway serves the post, the second's copy of
            // the board page is stale, and may stay so only as long as it keeps a page.
            await Eventually.ValueAsync(() => readerOfFirst.GetAsync($"/api/posts/{id}"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1));

            var listing = await readerOfSecond.GetFromJsonAsync<JsonElement>($"/api/boards/{board}/posts");
            Assert.Contains(id, listing.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
            // The HTML page is kept apart from the listing: once a listing of the read model shows
            // the post, the kept page may trail it by at most a second too (on a machine this busy,
            // the first page asked for may be one rendered just before).
            var page = await Eventually.ValueAsync(() => readerOfSecond.GetStringAsync($"/boards/{board}"), html => html.Contains(title, StringComparison.Ordinal),
                TimeSpan.FromSeconds(1), what: "the kept HTML page to give way");
            Assert.Contains(title, page);
        }
        finally
        {
            await stop.CancelAsync();
            await keptBusy;
        }
    }

    [Fact]
    public async Task A_web_session_made_on_one_gateway_is_good_on_the_other()
    {
        (await forum.SignUpAsync("hai_cổng")).Dispose();
        var cookies = new CookieContainer();
        using var first = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = forum.GatewayReplicas[0].BaseAddress };
        using var second = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = forum.GatewayReplicas[1].BaseAddress };

        var form = await first.GetAsync("/account/sign-in");
        Assert.True(form.IsSuccessStatusCode, $"{form.StatusCode}\n{forum.Logs}");
        var signIn = await first.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "hai_cổng",
            ["Password"] = "mật-khẩu-đủ-dài",
            ["__RequestVerificationToken"] = WebFormTokens.OfForm(await form.Content.ReadAsStringAsync()),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var home = await second.GetAsync("/");
        Assert.True(home.IsSuccessStatusCode, $"{home.StatusCode}\n{forum.Logs}");
        Assert.Contains("hai_cổng", await home.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/posts") { Content = JsonContent.Create(new { board = "tin-tuc", title = "Từ cổng thứ hai", body = "Xin chào" }) };
        request.Headers.Add("X-CSRF-TOKEN", WebFormTokens.OfPage(await first.GetStringAsync("/")));
        Assert.Equal(HttpStatusCode.Created, (await second.SendAsync(request)).StatusCode);
    }

    private sealed record Listed(Guid Id, long Comments, long Likes, long Views);

    private static async Task<HttpResponseMessage?> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            return await client.SendAsync(request);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The events a service replica has published to the broker, from its <c>/metrics</c>.</summary>
    private static async Task<double> ForwardedAsync(Uri replica)
    {
        using var client = new HttpClient { BaseAddress = replica, Timeout = TimeSpan.FromSeconds(10) };
        return (await client.GetStringAsync("/metrics")).Split('\n')
            .Where(line => line.StartsWith("forum_events_forwarded_total", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], global::System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<List<Listed>> ListAsync(HttpClient reader)
    {
        var all = new List<Listed>();
        for (var page = 1; ; page++)
        {
            var listing = await reader.GetFromJsonAsync<JsonElement>($"/api/boards/{Board}/posts?page={page}&pageSize=100");
            all.AddRange(listing.GetProperty("posts").EnumerateArray().Select(p => new Listed(
                p.GetProperty("id").GetGuid(), p.GetProperty("comments").GetInt64(), p.GetProperty("likes").GetInt64(), p.GetProperty("views").GetInt64())));
            if (page >= listing.GetProperty("totalPages").GetInt32())
            {
                return all;
            }
        }
    }

    private static async Task<List<Guid>> CommentIdsAsync(HttpClient reader, Guid post)
    {
        var ids = new List<Guid>();
        for (var page = 1; ; page++)
        {
            var comments = await reader.GetFromJsonAsync<JsonElement>($"/api/posts/{post}/comments?page={page}");
            ids.AddRange(comments.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
            if (page >= comments.GetProperty("totalPages").GetInt32())
            {
                return ids;
            }
        }
    }


}
