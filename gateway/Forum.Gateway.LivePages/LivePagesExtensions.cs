namespace Forum.Gateway.LivePages;

/// <summary>Live pages: the streams, the listener that feeds them from the live-change log, and the unread counts' relay.</summary>
public static class LivePagesExtensions
{
    public static IServiceCollection AddLivePages(this IServiceCollection services)
    {
        services.AddSingleton<LiveTopics>();
        services.AddSingleton<LiveChangeListener>();
        services.AddHostedService(provider => provider.GetRequiredService<LiveChangeListener>());
        return services;
    }
}
