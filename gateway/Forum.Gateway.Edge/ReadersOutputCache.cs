using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.OutputCaching;

namespace Forum.Gateway.Edge;

/// <summary>
/// Readers who are not signed in see the same board pages, board listings and feeds, so the
/// bytes of those are kept for half a second and served again to every such reader, in their
/// language: a board page then costs one rendering per half second, not one per reader. The
/// data under a page is taken no older than the other half (the read models' hot pages), so a
/// page never trails the read model by more than a second. Signed-in readers, requests with
/// a token, and responses that set a cookie are never kept (ASP.NET Core's default rules);
/// post pages are not kept at all, since each read counts a view.
/// </summary>
public static class ReadersOutputCache
{
    public const string Policy = "readers";

    /// <summary>
    /// How long a page's bytes are kept: half of the read models' second, whose other half is the
    /// most the data under a kept page may trail (the read models' <c>HotPages.SharedDataMaxAge</c>).
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(500);

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
