using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.ReadModels;
using Marten;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Forum.Gateway.Web.Pages;

/// <summary>The home page: the boards with their post counts, and the latest posts of all boards.</summary>
[OutputCache(PolicyName = ReadersOutputCache.Policy)]
public sealed class IndexModel(IQuerySession session) : PageModel
{
    public IReadOnlyList<BoardView> Boards { get; private set; } = [];

    public IReadOnlyList<PostListItem> Latest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Boards = await BoardQueries.ListAsync(session, cancellationToken);
        var latest = await session.Query<PostSummary>()
            .Where(p => !p.Deleted && p.ContentVersion > 0 && p.Board != "")
            .OrderByDescending(p => p.PublishedAt).Take(15).ToListAsync(cancellationToken);
        Latest = latest.Select(PostListItem.From).ToList();
    }
}
