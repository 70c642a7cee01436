using Microsoft.Extensions.Options;

namespace Forum.Gateway.PageViews;

/// <summary>Counting page views at the gateway: keys, buffer, sender, and the client of the engagement service.</summary>
public static class PageViewsExtensions
{
    /// <summary>
    /// Adds page-view counting. The engagement service takes batches only from the gateway itself:
    /// the host gives the client named <see cref="EngagementViewsClient.HttpClientName"/> its service token.
    /// </summary>
    public static IHostApplicationBuilder AddPageViewCounting(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ViewCountingOptions>(builder.Configuration.GetSection(ViewCountingOptions.Section));
        builder.Services.AddSingleton<ViewerKeys>();
        builder.Services.AddSingleton(services =>
        {
            var buffer = new ViewHitBuffer(services.GetRequiredService<IOptions<ViewCountingOptions>>());
            ViewMetrics.ObserveBuffer(buffer);
            return buffer;
        });
        builder.Services.AddSingleton<ViewCounter>();
        builder.Services.AddSingleton<EngagementViewsClient>();
        builder.Services.AddHttpClient(EngagementViewsClient.HttpClientName, (services, client) =>
            {
                client.BaseAddress = services.GetRequiredService<IOptions<ViewCountingOptions>>().Value.Engagement;
                client.Timeout = TimeSpan.FromSeconds(15);
            })
            .AddServiceDiscovery();
        builder.Services.AddHostedService<ViewBatchSender>();
        return builder;
    }
}
