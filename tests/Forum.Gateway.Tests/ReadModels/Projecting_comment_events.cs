using Forum.Contracts.Comments;
using Forum.Gateway.Tests.Accounts;
using Forum.Gateway.ReadModels;
using Forum.Gateway.ReadModels.Comments;
using Forum.Gateway.ReadModels.Posts;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Gateway.Tests.ReadModels;

/// <summary>
/// Comment events redelivered twice, out of order and all at once must leave the post's comments
/// and its comment count exactly as one in-order delivery does. Against the gateway's real database.
/// </summary>
[Collection(nameof(GatewayCollection))]
public sealed class Projecting_comment_events(GatewayFixture gateway)
{
    private static readonly DateTimeOffset T = new(2026, 11, 28, 7, 0, 0, TimeSpan.Zero);

    /// <summary>Member i's account: the same in every history, as a member's id is.</summary>
    private static Guid AuthorId(int i) => new($"00000000-0000-0000-0000-{i:D12}");

    private static List<(Guid CommentId, object Event)> History(Guid postId)
    {
        var events = new List<(Guid, object)>();
        var first = Guid.NewGuid();
        for (var i = 0; i < 12; i++)
        {
            var id = i == 0 ? first : Guid.NewGuid();
            var parent = i % 3 == 0 ? (Guid?)null : first;
            events.Add((id, new CommentAdded(id, postId, 1, parent, T, null, AuthorId(i), $"người_{i}", $"<p>bình luận {i}</p>", T.AddMinutes(i))));
            if (i % 4 == 1)
            {
                events.Add((id, new CommentEdited(id, postId, 2, $"<p>đã sửa {i}</p>", $"người_{i}", T.AddMinutes(30 + i))));
            }
            if (i % 5 == 2)
            {
                events.Add((id, new CommentDeleted(id, postId, i % 4 == 1 ? 3 : 2, T.AddMinutes(60 + i))));
            }
        }
        return events;
    }

    private IDocumentStore Store => gateway.Factory.Services.GetRequiredService<IDocumentStore>();

    private async Task<(List<CommentView> Comments, long Count)> StateAsync(Guid postId)
    {
        await using var session = gateway.Factory.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var comments = await session.Query<CommentView>().Where(c => c.PostId == postId).OrderBy(c => c.CreatedAt).ToListAsync();
        var post = await session.LoadAsync<PostSummary>(postId);
        return (comments.Select(c => c with { Id = Guid.Empty, PostId = Guid.Empty, ThreadId = Guid.Empty, ParentId = c.ParentId is null ? null : Guid.Empty }).ToList(), post?.Comments ?? -1);
    }

    [Fact]
    public async Task Every_event_twice_shuffled_and_concurrent_ends_like_one_in_order_delivery()
    {
        var inOrderPost = await InOrderAsync();

        var shuffledPost = Guid.NewGuid();
        var random = new Random(11);
        var deliveries = Rebind(History(Guid.Empty), shuffledPost).SelectMany(d => new[] { d, d }).OrderBy(_ => random.Next()).ToList();
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (d, ct) => await ReadModelProjection.ApplyAsync(Store, [d.Event], ct));

        var expected = await StateAsync(inOrderPost);
        var actual = await StateAsync(shuffledPost);
        Assert.Equal(12 - 2, expected.Count);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Comments.Select(c => c with { CreatedAt = default }), actual.Comments.Select(c => c with { CreatedAt = default }));
    }

    [Fact]
    public async Task Pages_of_a_rebuild_overlapping_live_deliveries_end_like_one_in_order_delivery()
    {
        var inOrderPost = await InOrderAsync();

        // A rebuild applies the history in pages while live deliveries of the same events arrive.
        var rebuiltPost = Guid.NewGuid();
        var history = Rebind(History(Guid.Empty), rebuiltPost).Select(d => d.Event).ToList();
        var pages = history.Chunk(5).Select(page => (IReadOnlyList<object>)page).ToList();
        var random = new Random(7);
        var live = history.OrderBy(_ => random.Next()).Select(e => (IReadOnlyList<object>)[e]).ToList();
        await Task.WhenAll(
            Task.Run(async () => { foreach (var page in pages) { await ReadModelProjection.ApplyAsync(Store, page, CancellationToken.None); } }),
            Parallel.ForEachAsync(live, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (e, ct) => await ReadModelProjection.ApplyAsync(Store, e, ct)));

        var expected = await StateAsync(inOrderPost);
        var actual = await StateAsync(rebuiltPost);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Comments.Select(c => c with { CreatedAt = default }), actual.Comments.Select(c => c with { CreatedAt = default }));
    }

    private async Task<Guid> InOrderAsync()
    {
        var postId = Guid.NewGuid();
        foreach (var (_, e) in Rebind(History(Guid.Empty), postId))
        {
            await ReadModelProjection.ApplyAsync(Store, [e], CancellationToken.None);
        }
        return postId;
    }

    /// <summary>The same history, with the same comment ids per position, moved onto a given post.</summary>
    private static List<(Guid CommentId, object Event)> Rebind(List<(Guid CommentId, object Event)> history, Guid postId) =>
        history.Select(h => (h.CommentId, h.Event switch
        {
            CommentAdded e => (object)(e with { PostId = postId }),
            CommentEdited e => e with { PostId = postId },
            CommentDeleted e => e with { PostId = postId },
            _ => h.Event,
        })).ToList();
}
