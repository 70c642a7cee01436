using Forum.EventSourcing.PersonalData;

namespace Forum.Gateway.Bookmarks;

/// <summary>Bookmarks, added once by the gateway's host.</summary>
public static class BookmarksExtensions
{
    public static IServiceCollection AddBookmarks(this IServiceCollection services)
    {
        services.AddScoped<Bookmarks>();
        services.AddSingleton<IForgetsMembers, BookmarksForgetting>();
        return services;
    }

    /// <summary>One table; a member's list is read newest first, and a post's page asks which of its bookmarks are theirs.</summary>
    public static void RegisterDocuments(Marten.StoreOptions options) =>
        options.Schema.For<Bookmark>()
            .Index([bookmark => bookmark.MemberId, bookmark => bookmark.CreatedAt])
            .Index([bookmark => bookmark.MemberId, bookmark => bookmark.PostId]);

    public static IEndpointRouteBuilder MapBookmarks(this IEndpointRouteBuilder app) => app.MapBookmarksApi();
}
