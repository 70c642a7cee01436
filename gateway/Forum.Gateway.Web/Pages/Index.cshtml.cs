using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.Edge;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Forum.Gateway.Web.Pages;

/// <summary>The home page: the boards with their post counts, and the latest posts of all boards.</summary>
[OutputCache(PolicyName = ReadersOutputCache.Policy)]
public sealed class IndexModel(BoardQueries boards, PostQueries posts) : PageModel
{
    public IReadOnlyList<BoardView> Boards { get; private set; } = [];

    public IReadOnlyList<PostListItem> Latest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Boards = await boards.ListAsync(cancellationToken);
        Latest = (await posts.LatestAsync(board: null, 15, cancellationToken)).Select(PostListItem.From).ToList();
    }
}
