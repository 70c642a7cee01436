using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Forum.Gateway.Web.Localization;

/// <summary>
/// Vietnamese by default; English when the browser prefers it (Accept-Language) or the reader
/// chooses it with the switch, which is remembered in a cookie.
/// </summary>
public static class Languages
{
    public static readonly string[] Supported = ["vi", "en"];

    public static IServiceCollection AddForumLanguages(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture("vi")
                .AddSupportedCultures(Supported)
                .AddSupportedUICultures(Supported);
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/language/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            if (!Supported.Contains(culture))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown language.", detail: "Choose vi or en.");
            }
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true });
            // The same test LocalRedirect applies (it throws on anything else, "/\host" included), so a foreign address goes home instead.
            var target = returnUrl is { Length: > 0 } && Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult.IsLocalUrl(returnUrl) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        });
        return app;
    }

    public static CultureInfo Current => CultureInfo.CurrentUICulture;
}
