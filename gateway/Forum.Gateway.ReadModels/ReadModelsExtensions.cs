using Forum.Gateway.ReadModels.Forgetting;
using Forum.EventSourcing.PersonalData;
using Forum.Gateway.ReadModels.Authors;
using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Comments;
using Forum.Gateway.ReadModels.LiveChanges;
using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.ReadModels.Rebuilding;
using Forum.Gateway.ReadModels.Search;
using Forum.Gateway.ReadModels.Statistics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Gateway.ReadModels;

/// <summary>
/// The gateway's read side: the projectors that turn every integration event into documents,
/// the queries the API and the pages read them with, and the rebuild from the services' history.
/// The document store itself is the host's (accounts share it): it calls <see cref="ReadModelProjection.RegisterDocuments"/>.
/// </summary>
public static class ReadModelsExtensions
{
    public static IServiceCollection AddReadModels(this IServiceCollection services)
    {
        // After Marten's schema, before the consumers: the projector writes the search table.
        services.AddHostedService<SearchSchema>();
        services.AddSingleton<LiveChangeLog>();
        // A member who left is credited as a former member at once.
        services.AddSingleton<IForgetsMembers, ReadModelsForgetting>();
        services.AddHostedService(provider => provider.GetRequiredService<LiveChangeLog>());
        services.AddSingleton<RebuildSchema>();
        services.AddSingleton<RebuildWatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<RebuildWatcher>());
        services.AddSingleton<ServiceFeeds>();
        foreach (var service in ReadModelRebuilder.Services)
        {
            services.AddHttpClient(ServiceFeeds.HttpClientName(service), client => client.BaseAddress = new Uri($"http://{service}"))
                .AddServiceDiscovery();
        }
        services.AddSingleton<ReadModelRebuilder>();
        services.AddSingleton<ReadModelWriter>();
        HotPages.AddHotPages(services);

        services.AddScoped<BoardQueries>();
        services.AddScoped<PostQueries>();
        services.AddScoped<CommentQueries>();
        services.AddScoped<AuthorQueries>();
        services.AddScoped<SearchQueries>();
        services.AddScoped<Tags.TagQueries>();
        services.AddScoped<DailyStatistics>();
        return services;
    }

    /// <summary>The projectors, as consumers of the events every service publishes.</summary>
    public static void AddReadModelProjectors(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<PostProjector>();
        bus.AddConsumer<BoardProjector>();
        bus.AddConsumer<CommentProjector>();
        bus.AddConsumer<EngagementProjector>();
    }
}
