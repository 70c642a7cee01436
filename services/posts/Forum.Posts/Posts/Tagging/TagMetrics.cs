using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Posts.Posts.Tagging;

/// <summary>What operators watch of tag moderation, under the forum's own meter.</summary>
public static class TagMetrics
{
    public static readonly Counter<long> Moderated =
        ForumTelemetry.Meter.CreateCounter<long>("forum.tags.moderated", "{action}", "Tags renamed, merged or deleted by moderators, by action.");

    public static readonly Counter<long> PostsRetagged =
        ForumTelemetry.Meter.CreateCounter<long>("forum.tags.posts_retagged", "{post}", "Posts whose tags a moderator's rename, merge or delete changed, by action.");

    public static void Record(TagModeration action, int posts)
    {
        var tag = new KeyValuePair<string, object?>("action", action.ToString().ToLowerInvariant());
        Moderated.Add(1, tag);
        PostsRetagged.Add(posts, tag);
    }
}
