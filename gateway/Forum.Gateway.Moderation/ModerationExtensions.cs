using Forum.EventSourcing.PersonalData;
using Forum.Gateway.Moderation.Forgetting;
using Forum.Gateway.Moderation.Log;
using Forum.Gateway.Moderation.Reporting;
using Forum.Gateway.Moderation.Reviewing;
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
        services.AddScoped<Reviews>();
        services.AddSingleton<IForgetsMembers, ModerationForgetting>();
        services.AddOptions<ModerationOptions>().BindConfiguration(ModerationOptions.Section);
        // Hiding, deleting and locking content is asked of the service that owns it.
        ContentServices.Register(services);
        return services;
    }

    /// <summary>The documents and the events of moderation, in the gateway's store.</summary>
    public static void RegisterDocuments(Marten.StoreOptions options)
    {
        options.Schema.For<ReportedContent>();
        options.Schema.For<DecisionRequest>();
        options.Events.AddEventTypes([typeof(MemberWasSuspended), typeof(MemberWasReinstated), typeof(ContentReported), typeof(ReportsResolved),
            typeof(ContentHiddenOnReports), typeof(ContentReviewed), typeof(ModeratorActed)]);
    }

    public static IEndpointRouteBuilder MapModeration(this IEndpointRouteBuilder app)
    {
        app.MapSuspensionsApi();
        app.MapReportsApi();
        app.MapModerationLogApi();
        app.MapApprovalsApi();
        return app;
    }
}
