using Forum.EventSourcing.KnowingMembers;
using Forum.EventSourcing.PersonalData;
using Forum.EventSourcing.MemberStanding;
using Forum.EventSourcing;
using Forum.Messaging;
using Forum.Notifications.KnowingPosts;
using Forum.Notifications.Notifying;
using Forum.Notifications.Reading;
using Forum.Notifications.Watching;

namespace Forum.Notifications;

/// <summary>The notifications service's own wiring, on top of the shared defaults.</summary>
public static class NotificationsExtensions
{
    public const string ServiceName = "notifications";

    public static IHostApplicationBuilder AddNotificationsServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddForumDocumentStore("notifications-db", options =>
        {
            options.Schema.For<KnownPost>();
            options.Schema.For<KnownComment>();
            options.Schema.For<KnownBoard>();
            KnownMembers.Register(options);
            options.Schema.For<Watch>().Index([w => w.Kind, w => w.Subject]);
            options.Schema.For<Notification>()
                .UseOptimisticConcurrency(true)
                .Index(n => n.RecipientId)
                .Index(n => n.PostId)
                .Index(n => n.CommentId);
        });
        builder.Services.AddSingleton<IForgetsMembers, NotificationsForgetting>();
        builder.AddForumMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<PostEventsConsumer>();
            // Whose name a member who leaves had: the members the gateway announces.
            bus.AddConsumer<MemberEventsConsumer>();
            bus.AddConsumer<CommentEventsConsumer>();
            bus.AddConsumer<LikeEventsConsumer>();
            bus.AddConsumer<StandingRecorder>();
            // A member who left: this service deletes their key and what it keeps of them.
            bus.AddConsumer<ForgettingMembers>();
            bus.AddEveryReplicaConsumer<StandingRelay>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapNotificationsEndpoints();
        app.MapWatchEndpoints();
        return app;
    }
}
