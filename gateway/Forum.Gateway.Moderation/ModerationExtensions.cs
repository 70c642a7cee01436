using Forum.Gateway.Moderation.Log;
using Forum.Gateway.Moderation.Reporting;
using Forum.Gateway.Moderation.Suspending;

namespace Forum.Gateway.Moderation;

/// <summary>Reports and their queue, suspensions and the moderation log, added once by the gateway's host.</summary>
public static class ModerationExtensions
{
    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.AddSingleton<Suspensions>();
        services.AddSingleton<ModerationLogQueries>();
        services.AddScoped<Reports>();
        // Deleting and locking reported content is asked of the service that owns it.
        services.AddHttpClient(Reports.PostsClient, client => client.BaseAddress = new Uri("http://posts")).AddServiceDiscovery();
        services.AddHttpClient(Reports.CommentsClient, client => client.BaseAddress = new Uri("http://comments")).AddServiceDiscovery();
        return services;
    }

    /// <summary>The documents and the events of moderation, in the gateway's store.</summary>
    public static void RegisterDocuments(Marten.StoreOptions options)
    {
        options.Schema.For<ReportedContent>();
        options.Events.AddEventTypes([typeof(MemberWasSuspended), typeof(MemberWasReinstated), typeof(ContentReported), typeof(ReportsResolved)]);
    }

    public static IEndpointRouteBuilder MapModeration(this IEndpointRouteBuilder app)
    {
        app.MapSuspensionsApi();
        app.MapReportsApi();
        app.MapModerationLogApi();
        return app;
    }
}
