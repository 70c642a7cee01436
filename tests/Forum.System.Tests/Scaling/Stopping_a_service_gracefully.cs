using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Forum.Testing;
using Xunit.Abstractions;

namespace Forum.System.Tests.Scaling;

/// <summary>
/// SIGTERM, as an orchestrator scales a service down or rolls it: the comments service finishes
/// the requests it has begun, answers them, exits cleanly well within a termination grace period,
/// and every comment it acknowledged is there when it comes back.
/// </summary>
public sealed class Stopping_a_service_gracefully(ForumSystem forum, ITestOutputHelper output) : IClassFixture<ForumSystem>
{
    /// <summary>The grace period the Kubernetes manifests give a pod before SIGKILL is 45 s; stopping must take far less.</summary>
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Requests_in_flight_at_SIGTERM_are_answered_and_every_acknowledged_comment_survives()
    {
        using var member = await forum.SignUpAsync("dừng_êm");
        var published = await member.PostAsJsonAsync("/api/posts", new { board = "tin-tuc", title = "Dừng êm ái", body = "Xin chào" });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var postId = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // Straight to the service, so that the gateway's own retries and 503s play no part.
        using var direct = new HttpClient { BaseAddress = forum.Comments.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        direct.DefaultRequestHeaders.Authorization = member.DefaultRequestHeaders.Authorization;
        await Eventually.ValueAsync(async () => (await direct.PostAsJsonAsync($"/api/posts/{postId}/comments", new { body = "Trước khi dừng" })).StatusCode,
            status => status == HttpStatusCode.Created, what: "the comments service to know the post");

        var acknowledged = new ConcurrentBag<(Guid Id, TimeSpan At)>();
        var cutOff = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        var sigterm = TimeSpan.MaxValue;
        var writers = Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; clock.Elapsed < TimeSpan.FromSeconds(20); i++)
            {
                try
                {
                    var added = await direct.PostAsJsonAsync($"/api/posts/{postId}/comments", new { body = $"Bình luận {writer}-{i} 한국" });
                    if (added.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Add(((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), clock.Elapsed));
                        continue;
                    }
                    cutOff.Add($"answered {(int)added.StatusCode}");
                }
                catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
                {
                    return; // the service has stopped listening: nothing was sent
                }
                catch (HttpRequestException e)
                {
                    cutOff.Add(e.InnerException?.GetType().Name ?? e.GetType().Name);
                    return;
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        sigterm = clock.Elapsed;
        var stopping = Stopwatch.StartNew();
        await forum.Comments.StopAsync(GracePeriod);
        var stopped = stopping.Elapsed;
        await Task.WhenAll(writers);

        var afterSigterm = acknowledged.Count(a => a.At > sigterm);
        output.WriteLine($"{acknowledged.Count} comments acknowledged, {afterSigterm} of them answered after SIGTERM; stopped in {stopped.TotalSeconds:0.0} s with exit code {forum.Comments.ExitCode}; other endings: {string.Join(", ", cutOff.GroupBy(c => c).Select(g => $"{g.Key} × {g.Count()}"))}");
        Assert.Equal(0, forum.Comments.ExitCode);
        Assert.True(stopped < GracePeriod, $"stopping took {stopped}");
        Assert.True(afterSigterm > 0, "no request was still in flight when SIGTERM came, so nothing shows that they are drained");

        forum.Comments.Start();
        await forum.Comments.WaitUntilReadyAsync();
        var stored = await Eventually.ValueAsync(() => CommentIdsAsync(forum.Anonymous(), postId),
            ids => acknowledged.All(a => ids.Contains(a.Id)), what: "every acknowledged comment on the post's page");
        Assert.All(acknowledged, a => Assert.Contains(a.Id, stored));
        Assert.Equal(stored.Count, stored.Distinct().Count());
    }

    private static async Task<HashSet<Guid>> CommentIdsAsync(HttpClient reader, Guid post)
    {
        using (reader)
        {
            var ids = new HashSet<Guid>();
            for (var page = 1; ; page++)
            {
                var comments = await reader.GetFromJsonAsync<JsonElement>($"/api/posts/{post}/comments?page={page}");
                foreach (var comment in comments.GetProperty("comments").EnumerateArray())
                {
                    ids.Add(comment.GetProperty("id").GetGuid());
                }
                if (page >= comments.GetProperty("totalPages").GetInt32())
                {
                    return ids;
                }
            }
        }
    }
}
