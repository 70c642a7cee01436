using Forum.Contracts.Engagement;
using Forum.Gateway.ReadModels.Statistics;
using Forum.Gateway.Tests.Accounts;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Gateway.Tests.ReadModels;

/// <summary>
/// A rebuild's page of engagement events is copied into the daily statistics' activity in one
/// go rather than stored document by document: each event once, however often the page holds
/// it, and one the live consumers wrote meanwhile left as it is. Against the gateway's real database.
/// </summary>
[Collection(nameof(GatewayCollection))]
public sealed class Copying_a_page_of_activity(GatewayFixture gateway)
{
    private static readonly DateTimeOffset T = new(2026, 11, 29, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_page_of_views_with_repeats_and_one_event_already_written_live_leaves_each_event_once()
    {
        var store = gateway.Factory.Services.GetRequiredService<IDocumentStore>();
        var postId = Guid.NewGuid();
        var views = Enumerable.Range(1, 1_500).Select(v => new ViewsCounted(postId, v, 1, v, T.AddSeconds(v))).ToList();
        await EngagementActivity.ProjectAsync(store, [views[0]], CancellationToken.None);

        var page = views.Concat(views.Take(10)).Cast<object>().ToList();
        await EngagementActivity.ProjectAsync(store, page, CancellationToken.None);

        await using var session = store.QuerySession();
        var stored = await session.Query<EngagementActivity>().Where(a => a.PostId == postId).ToListAsync();
        Assert.Equal(1_500, stored.Count);
        Assert.Equal(Enumerable.Range(1, 1_500).Select(v => (long)v), stored.Select(a => a.Version).Order());
        Assert.All(stored, a => Assert.Equal(T.AddSeconds(a.Version), a.At));
        Assert.Equal(1_500, stored.Sum(a => a.ViewsAdded));
    }
}
