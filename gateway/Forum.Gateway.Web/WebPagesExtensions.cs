using Forum.Content;
using Forum.Gateway.Web.Localization;

namespace Forum.Gateway.Web;

/// <summary>The server-rendered pages: Razor Pages in Vietnamese and English, and the language switch.</summary>
public static class WebPagesExtensions
{
    public static IServiceCollection AddWebPages(this IServiceCollection services)
    {
        services.AddRazorPages().AddViewLocalization()
            // The forms are plain HTML forms: no jQuery-style keys ("a[b]") to rewrite, and the
            // rewriter throws (a 500) on a key it cannot parse, which is a bad request.
            .AddMvcOptions(mvc => mvc.ValueProviderFactories.Remove(mvc.ValueProviderFactories.OfType<Microsoft.AspNetCore.Mvc.ModelBinding.JQueryFormValueProviderFactory>().Single()));
        services.AddForumLanguages();
        // The composer's preview renders as the posts service will.
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<Forum.Gateway.QueryApi.SiteName>();
        ServiceCalls.Register(services);
        services.AddScoped<Notifications.NotificationCalls>();
        // Vietnamese and Korean go into pages as they are, not as &#x...; numeric references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return services;
    }

    public static IEndpointRouteBuilder MapWebPages(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        app.MapLanguageSwitch();
        return app;
    }
}
