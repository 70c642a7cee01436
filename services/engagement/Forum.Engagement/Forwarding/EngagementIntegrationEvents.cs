using Forum.Engagement.CountingViews;
using Forum.Engagement.Liking;
using Forum.EventSourcing;
using JasperFx.Events;
using Integration = Forum.Contracts.Engagement;

namespace Forum.Engagement.Forwarding;

/// <summary>
/// How the engagement service's domain events look to the rest of the forum: the post's new
/// count and the stream version, never who liked (that stays here).
/// </summary>
public sealed class EngagementIntegrationEvents : IIntegrationEventMapper
{
    /// <summary>A member who left is named so everywhere their events travel: the broker, the feeds, exports and rebuilds.</summary>
    private const string FormerMember = Forum.Contracts.Accounts.MemberForgotten.FormerMemberName;

    public object? ToIntegrationEvent(IEvent stored) => stored.Data switch
    {
        PostLiked e => new Integration.LikesChanged(e.PostId, stored.Version, e.Likes, e.At, e.UserId, e.UserName.Or(FormerMember), Liked: true),
        PostUnliked e => new Integration.LikesChanged(e.PostId, stored.Version, e.Likes, e.At, e.UserId, e.UserName.Or(FormerMember), Liked: false),
        ViewsCounted e => new Integration.ViewsCounted(e.PostId, stored.Version, e.Added, e.Views, e.At),
        _ => null,
    };
}
