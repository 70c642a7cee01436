using System.Net.Http.Json;
using System.Text.Json;
using Forum.Contracts.Engagement;
using Forum.Gateway.ReadModels;
using Forum.Gateway.Tests.Accounts;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Gateway.Tests.ReadModels;

/// <summary>
/// The daily statistics count each day's views and likes from the posts' counts at the end of
/// each day, whatever order the events came in and however often: a day's figure is the change
/// since the post's previous day with such an event, even when that day lies before the range
/// asked for. Against the gateway's real database, through its API.
/// </summary>
[Collection(nameof(GatewayCollection))]
public sealed class Counting_engagement_by_day(GatewayFixture gateway)
{
    // Days of their own, far from the other tests' activity.
    private static readonly DateTimeOffset Day1 = new(2001, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Views_and_likes_are_counted_on_the_day_they_happened_and_a_range_starts_from_the_day_before_it()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        object[] history =
        [
            new ViewsCounted(a, 1, 5, 5, Day1),
            new LikesChanged(a, 2, 1, Day1.AddHours(3)),
            new ViewsCounted(a, 3, 2, 7, Day1.AddDays(1)),
            new ViewsCounted(b, 1, 3, 3, Day1.AddDays(1).AddHours(1)),
            new LikesChanged(b, 2, 1, Day1.AddDays(1).AddHours(2)),
            new LikesChanged(b, 3, 2, Day1.AddDays(1).AddHours(14).AddMinutes(59)),
            new LikesChanged(a, 4, 0, Day1.AddDays(2)),
            new ViewsCounted(b, 4, 1, 4, Day1.AddDays(2).AddHours(1)),
            new ViewsCounted(a, 5, 4, 11, Day1.AddDays(4)),
        ];
        var store = gateway.Factory.Services.GetRequiredService<IDocumentStore>();
        var random = new Random(20261129);
        var delivered = history.Concat(history.Take(4)).OrderBy(_ => random.Next()).ToList();
        foreach (var batch in delivered.Chunk(3))
        {
            await ReadModelProjection.ApplyAsync(store, batch, CancellationToken.None);
        }

        using var client = gateway.CreateClient();
        Assert.Equal([(5L, 1L), (5L, 2L), (1L, -1L), (0L, 0L), (4L, 0L)], await ViewsAndLikesAsync(client, "2001-03-01", "2001-03-05"));
        Assert.Equal([(5L, 2L), (1L, -1L)], await ViewsAndLikesAsync(client, "2001-03-02", "2001-03-03"));
    }

    private static async Task<List<(long Views, long Likes)>> ViewsAndLikesAsync(HttpClient client, string from, string to)
    {
        var days = await client.GetFromJsonAsync<JsonElement>($"/api/stats/daily?from={from}&to={to}");
        return days.EnumerateArray().Select(d => (d.GetProperty("views").GetInt64(), d.GetProperty("likes").GetInt64())).ToList();
    }
}
