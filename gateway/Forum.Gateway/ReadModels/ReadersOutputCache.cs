using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace Forum.Gateway.ReadModels;

/// <summary>
/// Readers who are not signed in see the same board pages, board listings and feeds, so the
/// bytes of those are kept for half a second and served again to every such reader, in their
/// language: a board page then costs one rendering per half second, not one per reader. The
/// data under a page is taken no older than the other half (<see cref="HotPages"/>), so a
/// page never trails the read model by more than a second. Signed-in readers, requests with
/// a token, and responses that set a cookie are never kept (ASP.NET Core's default rules);
/// post pages are not kept at all, since each read counts a view.
/// </summary>
public static class ReadersOutputCache
{
    public const string Policy = "readers";

    public static readonly TimeSpan MaxAge = HotPages.MaxAge / 2;

    /// <summary>The age of read-model data allowed under a page that is itself kept for <see cref="MaxAge"/>.</summary>
    public static readonly TimeSpan DataMaxAge = HotPages.MaxAge - MaxAge;

    public static IServiceCollection AddReadersOutputCache(this IServiceCollection services) =>
        services.AddOutputCache(options =>
        {
            options.SizeLimit = 64 * 1024 * 1024;
            options.AddPolicy(Policy, policy => policy
                .Expire(MaxAge)
                // Every query key varies the entry (the default); so does the reader's language.
                .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name)));
        });
}
