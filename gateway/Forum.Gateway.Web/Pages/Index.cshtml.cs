using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.Edge;
using Forum.Gateway.Reading;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Forum.Gateway.Web.Pages;

/// <summary>The home page: the boards with their post counts, and the latest posts of all boards, marked for a member where they are new to them.</summary>
[OutputCache(PolicyName = ReadersOutputCache.Policy)]
public sealed class IndexModel(BoardQueries boards, PostQueries posts, ServiceCalls services, UnreadMarks unread) : PageModel
{
    public IReadOnlyList<BoardView> Boards { get; private set; } = [];

    public IReadOnlyList<PostListItem> Latest { get; private set; } = [];

    public IReadOnlyDictionary<Guid, Unread> Unread { get; private set; } = new Dictionary<Guid, Unread>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Boards = await boards.ListAsync(cancellationToken);
        Latest = (await posts.LatestAsync(board: null, 15, cancellationToken)).Select(PostListItem.From).ToList();
        if (await services.SessionAccountAsync(HttpContext) is { } account)
        {
            Unread = await unread.OfAsync(account.Id, account.CreatedAt, Latest.Select(p => p.Id), cancellationToken);
        }
    }
}
