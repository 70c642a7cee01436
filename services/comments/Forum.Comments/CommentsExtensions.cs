using Forum.EventSourcing.PersonalData;
using Forum.EventSourcing.MemberStanding;
using Forum.EventSourcing.KnowingMembers;
using Forum.Comments.Comments;
using Forum.Comments.Comments.Adding;
using Forum.Comments.Comments.Deleting;
using Forum.Comments.Comments.Editing;
using Forum.Comments.Comments.Hiding;
using Forum.Comments.Comments.Reading;
using Forum.Comments.Forwarding;
using Forum.Comments.KnowingPosts;
using Forum.Content;
using Forum.EventSourcing;
using Forum.Messaging;

namespace Forum.Comments;

/// <summary>The comments service's own wiring, on top of the shared defaults.</summary>
public static class CommentsExtensions
{
    public const string ServiceName = "comments";

    public static IHostApplicationBuilder AddCommentsServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(builder.Configuration.GetSection("Forum:Comments").Get<CommentOptions>() ?? new CommentOptions());
        builder.AddForumEventStore<CommentIntegrationEvents>(ServiceName, "comments-db", options =>
        {
            options.Events.AddEventTypes([typeof(CommentAdded), typeof(CommentEdited), typeof(CommentDeleted), typeof(CommentHidden), typeof(CommentShown)]);
            options.Schema.For<CommentablePost>();
            KnownMembers.Register(options);
        });
        builder.AddForumMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<PostEventsConsumer>();
            bus.AddConsumer<MemberEventsConsumer>();
            bus.AddConsumer<StandingRecorder>();
            // A member who left: this service deletes their key and what it keeps of them.
            bus.AddConsumer<ForgettingMembers>();
            bus.AddEveryReplicaConsumer<StandingRelay>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapCommentsApi(this IEndpointRouteBuilder app)
    {
        app.MapAddComment();
        app.MapEditComment();
        app.MapCommentSource();
        app.MapDeleteComment();
        app.MapHideComment();
        app.MapEventFeed();
        return app;
    }
}
