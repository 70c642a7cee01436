using Forum.EventSourcing;
using Forum.Messaging;

namespace Forum.Notifications;

/// <summary>The notifications service's own wiring, on top of the shared defaults.</summary>
public static class NotificationsExtensions
{
    public const string ServiceName = "notifications";

    public static IHostApplicationBuilder AddNotificationsServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddForumDocumentStore("notifications-db");
        builder.AddForumMessaging(ServiceName);
        return builder;
    }

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app) => app;
}
