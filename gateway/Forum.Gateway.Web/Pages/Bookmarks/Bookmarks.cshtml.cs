using Forum.Gateway.Bookmarks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Forum.Gateway.Web.Pages.Bookmarks;

/// <summary>"My bookmarks": newest first, page by page; a bookmark of something deleted says it is gone.</summary>
[Authorize]
public sealed class BookmarksModel(Forum.Gateway.Bookmarks.Bookmarks bookmarks, ServiceCalls services) : PageModel
{
    public BookmarkPage Listing { get; private set; } = new(1, Forum.Gateway.Bookmarks.Bookmarks.PageSize, 1, 0, []);

    public Func<int, string> PageUrl => n => $"/bookmarks?page={n}";

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken cancellationToken)
    {
        if (await services.SessionAccountAsync(HttpContext) is not { } account)
        {
            return Challenge();
        }
        var wanted = int.TryParse(page, out var number) && number >= 1 ? number : 1;
        Listing = await bookmarks.PageAsync(account.Id, wanted, cancellationToken);
        if (Listing.Page < wanted)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? kind, Guid id, int page, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || !Forum.Gateway.Bookmarks.Bookmarks.Kinds.Contains(kind))
        {
            return BadRequest();
        }
        if (await services.SessionAccountAsync(HttpContext) is not { } account)
        {
            return Challenge();
        }
        await bookmarks.RemoveAsync(account.Id, kind!, id, cancellationToken);
        return Redirect(PageUrl(Math.Max(1, page)));
    }
}
