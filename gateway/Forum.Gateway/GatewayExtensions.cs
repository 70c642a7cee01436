using Forum.Gateway.Accounts;
using Forum.Gateway.Accounts.SigningIn;
using Forum.Gateway.Accounts.Tokens;
using Forum.Gateway.Proxy;
using Forum.Gateway.ReadModels;
using Forum.Gateway.ReadModels.Authors;
using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Comments;
using Forum.Gateway.ReadModels.Feeds;
using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.ReadModels.Rebuilding;
using Forum.Gateway.ReadModels.Search;
using Forum.Gateway.ReadModels.Statistics;
using Forum.Gateway.Security;
using Forum.Gateway.Web;
using Forum.Gateway.Web.Localization;
using Forum.Gateway.Views;
using Forum.EventSourcing;
using Forum.Messaging;
using Microsoft.AspNetCore.Identity;

namespace Forum.Gateway;

/// <summary>The gateway's own wiring, on top of the shared defaults.</summary>
public static class GatewayExtensions
{
    public const string ServiceName = "gateway";

    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSessionAuthentication();
        SharedDataProtectionKeys.AddSharedDataProtectionKeys(builder.Services);
        builder.Services.AddTrustedProxies(builder.Configuration);
        builder.Services.AddForumRateLimits(builder.Configuration);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        builder.Services.AddSingleton<AccountDirectory>();
        builder.Services.AddRazorPages(pages => pages.RootDirectory = "/Web/Pages").AddViewLocalization()
            // The forms are plain HTML forms: no jQuery-style keys ("a[b]") to rewrite, and the
            // rewriter throws (a 500) on a key it cannot parse, which is a bad request.
            .AddMvcOptions(mvc => mvc.ValueProviderFactories.Remove(mvc.ValueProviderFactories.OfType<Microsoft.AspNetCore.Mvc.ModelBinding.JQueryFormValueProviderFactory>().Single()));
        builder.Services.AddForumLanguages();
        builder.Services.AddSingleton<Forum.Content.MarkdownRenderer>();
        ServiceCalls.Register(builder.Services);
        // Vietnamese and Korean go into pages as they are, not as &#x...; numeric references.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        builder.AddCommandProxy();
        builder.AddViewCounting();
        builder.AddForumDocumentStore("gateway-db", options =>
        {
            options.Schema.For<Account>().UniqueIndex(account => account.NormalizedUserName);
            options.Schema.For<FoundingAdmin>();
            options.Schema.For<RebuildStatus>().UseOptimisticConcurrency(true);
            ReadModelProjection.RegisterDocuments(options);
        });
        // After Marten's schema, before the consumers: the projector writes the search table.
        builder.Services.AddHostedService<SearchSchema>();
        builder.Services.AddSingleton<RebuildSchema>();
        builder.Services.AddSingleton<RebuildWatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RebuildWatcher>());
        builder.Services.AddSingleton<ServiceFeeds>();
        builder.Services.AddSingleton<ReadModelRebuilder>();
        builder.Services.AddSingleton<ReadModelWriter>();
        HotPages.AddHotPages(builder.Services);
        builder.Services.AddReadersOutputCache();
        builder.AddForumMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<PostProjector>();
            bus.AddConsumer<BoardProjector>();
            bus.AddConsumer<CommentProjector>();
            bus.AddConsumer<EngagementProjector>();
        },
        // The projectors write what arrives together in one batch (ReadModelWriter): the more
        // events a queue hands over at once, the larger the batches under a burst.
        defaults: new MessagingOptions { ConcurrentMessages = 256, PrefetchCount = 512 });
        return builder;
    }

    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseForumSecurityHeaders();
        app.UseRequestLocalization();
        // After the language is known: a kept page is kept per language.
        app.UseOutputCache();
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapJwks();
        app.MapAccountsApi();
        app.MapBoardQueries();
        app.MapPostQueries();
        app.MapCommentQueries();
        app.MapAuthorQueries();
        app.MapSearchQueries();
        app.MapDailyStatistics();
        app.MapReadModelRebuild();
        app.MapBoardFeeds();
        app.MapRazorPages();
        app.MapLanguageSwitch();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseNonAsciiHeaderRefusal();
            proxy.UseSessionToBearer();
            proxy.UseServiceUnavailableProblems();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
