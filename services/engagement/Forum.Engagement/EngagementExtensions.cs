using Forum.EventSourcing.PersonalData;
using Forum.EventSourcing.MemberStanding;
using Forum.Engagement.CountingViews;
using Forum.Engagement.Forwarding;
using Forum.Engagement.KnowingPosts;
using Forum.Engagement.Liking;
using Forum.Engagement.Streams;
using Forum.EventSourcing;
using Forum.Messaging;
using JasperFx.Events.Projections;
using Marten.Events.Projections;

namespace Forum.Engagement;

/// <summary>The engagement service's own wiring, on top of the shared defaults.</summary>
public static class EngagementExtensions
{
    public const string ServiceName = "engagement";

    public static IHostApplicationBuilder AddEngagementServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<StreamWriters>();
        builder.Services.Configure<ViewOptions>(builder.Configuration.GetSection(ViewOptions.Section));
        builder.Services.AddSingleton<ViewHousekeeping>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ViewHousekeeping>());

        builder.AddForumEventStore<EngagementIntegrationEvents>(ServiceName, "engagement-db", options =>
        {
            options.Events.AddEventTypes([typeof(PostLiked), typeof(PostUnliked), typeof(ViewsCounted)]);
            // Likers and counts as a document, updated in the appending transaction: a like reads
            // one row instead of replaying the post's stream.
            options.Projections.Snapshot<PostEngagement>(SnapshotLifecycle.Inline);
            options.Schema.For<EngageablePost>().UseOptimisticConcurrency(true);
            options.Storage.ExtendedSchemaObjects.Add(ViewerWindows.Definition(options.DatabaseSchemaName));
            options.Schema.For<CountedViewBatch>().Index(b => b.CountedAt);
        });
        builder.AddForumMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<PostEventsConsumer>();
            bus.AddConsumer<StandingRecorder>();
            // A member who left: this service deletes their key and what it keeps of them.
            bus.AddConsumer<ForgettingMembers>();
            bus.AddEveryReplicaConsumer<StandingRelay>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapEngagementApi(this IEndpointRouteBuilder app)
    {
        app.MapLikes();
        app.MapCountViews();
        app.MapEventFeed();
        return app;
    }
}
