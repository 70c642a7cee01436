using Forum.Gateway.Proxy;
using Forum.Gateway.ReadModels.Posts;
using Forum.ServiceDefaults.EventStore;
using Forum.ServiceDefaults.Messaging;

namespace Forum.Gateway;

/// <summary>The gateway's own wiring, on top of the shared defaults.</summary>
public static class GatewayExtensions
{
    public const string ServiceName = "gateway";

    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.AddCommandProxy();
        builder.AddForumDocumentStore("gateway-db", options =>
        {
            options.Schema.For<PostSummary>()
                .Index(post => post.Board)
                .Index(post => post.PublishedAt);
        });
        builder.AddForumMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<PostPublishedProjector>();
        });
        return builder;
    }

    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.MapPostQueries();
        app.MapReverseProxy();
        return app;
    }
}
