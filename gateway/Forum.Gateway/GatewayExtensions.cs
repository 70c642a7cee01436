using Forum.EventSourcing.MemberStanding;
using Forum.Gateway.Accounts;
using Forum.Gateway.Accounts.Tokens;
using Forum.Gateway.Bookmarks;
using Forum.Gateway.Drafts;
using Forum.Gateway.Edge;
using Forum.Gateway.Edge.Allowances;
using Forum.Gateway.LivePages;
using Forum.Gateway.Moderation;
using Forum.Gateway.Moderation.Log;
using Forum.Gateway.PageViews;
using Forum.Gateway.Proxy;
using Forum.Gateway.QueryApi;
using Forum.Gateway.Reading;
using Forum.Gateway.ReadModels;
using Forum.Gateway.ReadModels.Rebuilding;
using Forum.Gateway.Web;
using Forum.EventSourcing;
using Forum.Messaging;

namespace Forum.Gateway;

/// <summary>
/// The gateway composed from its parts: the edge (sessions, limits, headers), accounts and tokens,
/// bookmarks, drafts and reading positions, the read models and their API, page-view counting, the web pages, and the command proxy.
/// </summary>
public static class GatewayExtensions
{
    public const string ServiceName = "gateway";

    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddForumEdge(builder.Configuration);
        builder.Services.AddAccounts(builder.Configuration);
        builder.Services.AddModeration();
        builder.Services.AddBookmarks();
        builder.Services.AddReading();
        builder.Services.AddDrafts();
        builder.Services.AddWebPages();
        builder.AddCommandProxy();
        builder.AddPageViewCounting();
        builder.Services.AddReadModels();
        builder.Services.AddLivePages();
        // The calls the gateway makes as itself carry its service token.
        builder.Services.AddTransient<ServiceTokenHandler>();
        builder.Services.AddHttpClient(EngagementViewsClient.HttpClientName).AddHttpMessageHandler<ServiceTokenHandler>();
        foreach (var service in ReadModelRebuilder.Services)
        {
            builder.Services.AddHttpClient(ServiceFeeds.HttpClientName(service)).AddHttpMessageHandler<ServiceTokenHandler>();
        }

        // One database for the gateway's own documents: accounts and the read models.
        builder.AddForumDocumentStore("gateway-db", options =>
        {
            AccountsExtensions.RegisterDocuments(options);
            ModerationExtensions.RegisterDocuments(options);
            BookmarksExtensions.RegisterDocuments(options);
            DraftsExtensions.RegisterDocuments(options);
            ReadModelProjection.RegisterDocuments(options);
        });
        builder.AddForumMessaging(ServiceName, bus =>
            {
                bus.AddReadModelProjectors();
                // A member's pages may be open on any replica: each hears every unread count.
                bus.AddEveryReplicaConsumer<UnreadCountRelay>();
                // Every replica refuses a suspended member's tokens and sessions at once.
                bus.AddConsumer<StandingRecorder>();
                // Moderators' acts outside the queues, for the moderation log.
                bus.AddConsumer<DirectActRecorder>();
                bus.AddEveryReplicaConsumer<StandingRelay>();
            },
            // The projectors write what arrives together in one batch (ReadModelWriter): the more
            // events a queue hands over at once, the larger the batches under a burst.
            defaults: new MessagingOptions { ConcurrentMessages = 256, PrefetchCount = 512 });
        return builder;
    }

    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.UseForumSecurityHeaders();
        app.UseRequestLocalization();
        // After the language is known: a kept page is kept per language.
        app.UseOutputCache();
        app.UseStaticFiles();
        app.UseForumRateLimits();
        app.UseAntiforgery();

        app.MapAccounts();
        app.MapModeration();
        app.MapBookmarks();
        app.MapReading();
        app.MapDrafts();
        app.MapQueryApi();
        app.MapLiveStreams();
        app.MapWebPages();
        app.MapCommandProxy();
        return app;
    }
}
