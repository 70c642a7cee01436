using Forum.Gateway.Edge;
using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Posts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Forum.Gateway.Web.Pages.Boards;

/// <summary>A board: its posts, twenty a page, with page numbers that work without JavaScript.</summary>
[OutputCache(PolicyName = ReadersOutputCache.Policy)]
public sealed class BoardModel(BoardQueries boards, PostQueries posts) : PageModel
{
    public BoardSummary Board { get; private set; } = null!;

    public BoardListing Listing { get; private set; } = null!;

    public string Sort { get; private set; } = "latest";

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int? page, string? sort, CancellationToken cancellationToken)
    {
        var board = await boards.FindAsync(slug, cancellationToken);
        if (board is null)
        {
            return NotFound();
        }
        Board = board;
        Sort = sort is not null && PostQueries.Orders.Contains(sort) ? sort : PostQueries.Orders[0];
        Listing = await posts.CachedListAsync(slug, Math.Clamp(page ?? 1, 1, 1_000_000), PostQueries.DefaultPageSize, Sort, cancellationToken);
        return Page();
    }
}
