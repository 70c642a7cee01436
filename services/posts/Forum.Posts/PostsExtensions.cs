using Forum.EventSourcing.PersonalData;
using Forum.EventSourcing.MemberStanding;
using Forum.EventSourcing.KnowingMembers;
using Forum.Posts.Boards;
using Forum.Posts.Boards.Creating;
using Forum.Posts.Boards.Editing;
using Forum.Posts.Forwarding;
using Forum.Posts.Posts;
using Forum.Posts.Posts.Deleting;
using Forum.Posts.Posts.Editing;
using Forum.Posts.Posts.Hiding;
using Forum.Posts.Posts.History;
using Forum.Posts.Posts.Idempotency;
using Forum.Posts.Posts.Moderating;
using Forum.Posts.Posts.Publishing;
using Forum.Posts.Posts.Tagging;
using Forum.Posts.Uploads;
using Forum.Content;
using Forum.EventSourcing;
using Forum.Messaging;
using JasperFx.Events.Projections;
using Marten.Events.Projections;

namespace Forum.Posts;

/// <summary>The posts service's own wiring, on top of the shared defaults.</summary>
public static class PostsExtensions
{
    public const string ServiceName = "posts";

    public static IHostApplicationBuilder AddPostsServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(PostApproval.From(builder.Configuration));
        builder.AddForumEventStore<PostIntegrationEvents>(ServiceName, "posts-db", options =>
        {
            options.Events.AddEventTypes([
                typeof(BoardCreated), typeof(BoardEdited), typeof(PostPublished), typeof(PostEdited), typeof(PostDeleted),
                typeof(PostLocked), typeof(PostUnlocked), typeof(PostPinned), typeof(PostUnpinned),
                typeof(PostHidden), typeof(PostShown), typeof(PostTagsChanged),
            ]);
            // Boards are looked up on every publish: keep their state as a document, in the same transaction.
            options.Projections.Snapshot<Board>(SnapshotLifecycle.Inline);
            // Which posts have a tag, for moderators' renames, merges and deletes: a document per post, in the same transaction.
            options.Projections.Snapshot<TaggedPost>(SnapshotLifecycle.Inline);
            options.Schema.For<TaggedPost>().GinIndexJsonData();
            options.Schema.For<IdempotentCreate>().Identity(record => record.Id);
            UploadsExtensions.ConfigureUploadStorage(options);
            KnownMembers.Register(options);
        });
        // Whom an @name names: the members the gateway announces.
        builder.AddForumMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<MemberEventsConsumer>();
            // A suspended member's tokens stop working here the moment a moderator suspends them.
            bus.AddConsumer<StandingRecorder>();
            // A member who left: this service deletes their key and what it keeps of them.
            bus.AddConsumer<ForgettingMembers>();
            bus.AddEveryReplicaConsumer<StandingRelay>();
        });
        builder.AddUploads();
        builder.Services.AddHostedService<DefaultBoards>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPostsApi(this IEndpointRouteBuilder app)
    {
        app.MapCreateBoard();
        app.MapEditBoard();
        app.MapPublishPost();
        app.MapEditPost();
        app.MapDeletePost();
        app.MapModeratePost();
        app.MapHidePost();
        app.MapPostHistory();
        app.MapTagModeration();
        app.MapUploads();
        app.MapEventFeed();
        return app;
    }
}
