using Forum.Gateway.Edge;
using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.Web.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Boards;

/// <summary>
/// A board: its posts, twenty a page, with page numbers that work without JavaScript, and for a
/// signed-in member a button to watch it. Readers who are not signed in share kept copies
/// (ReadersOutputCache); a member's page, with their watch button, is never kept.
/// </summary>
[OutputCache(PolicyName = ReadersOutputCache.Policy)]
public sealed class BoardModel(BoardQueries boards, PostQueries posts, NotificationCalls notifications, IStringLocalizer<SharedResource> text) : PageModel
{
    public BoardSummary Board { get; private set; } = null!;

    public BoardListing Listing { get; private set; } = null!;

    public string Sort { get; private set; } = "latest";

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public WatchButton Watch { get; private set; } = new(false);

    /// <summary>A page number past the last page: answered 404, with a link to the last page.</summary>
    public bool PastTheEnd { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int? page, string? sort, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, page, sort, cancellationToken))
        {
            return NotFound();
        }
        if (Listing.Page > Math.Max(1, Listing.TotalPages))
        {
            PastTheEnd = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    /// <summary>
    /// The board's slug as routing matched it. Not a handler parameter: when a form cannot be
    /// read, model binding leaves every parameter unset, and the route's value with them.
    /// </summary>
    private string Slug => RouteData.Values["slug"] as string ?? "";

    /// <summary>A post that names no form of this page (no handler, or an unknown one) goes back to the board.</summary>
    public IActionResult OnPost() => Redirect($"/boards/{Uri.EscapeDataString(Slug)}");

    public async Task<IActionResult> OnPostWatchAsync(bool watch, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // An unreadable form would otherwise read as watch=false and unwatch.
            return BadRequest();
        }
        var slug = Slug;
        var back = $"/boards/{Uri.EscapeDataString(slug)}";
        var answer = await notifications.WatchAsync(HttpContext, WatchSubjects.Board(slug), watch);
        if (answer.Succeeded)
        {
            return Redirect(back);
        }
        if (answer.SignInNeeded)
        {
            return Redirect($"/account/sign-in?returnUrl={Uri.EscapeDataString(back)}");
        }
        if (!await LoadAsync(slug, 1, null, cancellationToken))
        {
            return NotFound();
        }
        Response.StatusCode = answer.PageStatus;
        Watch = Watch with { Error = text["WatchFailed"] };
        return Page();
    }

    private async Task<bool> LoadAsync(string slug, int? page, string? sort, CancellationToken cancellationToken)
    {
        var board = await boards.FindAsync(slug, cancellationToken);
        if (board is null)
        {
            return false;
        }
        Board = board;
        Sort = sort is not null && PostQueries.Orders.Contains(sort) ? sort : PostQueries.Orders[0];
        Listing = await posts.CachedListAsync(slug, Math.Clamp(page ?? 1, 1, 1_000_000), PostQueries.DefaultPageSize, Sort, cancellationToken);
        if (SignedIn)
        {
            Watch = new WatchButton(await notifications.WatchingAsync(HttpContext, WatchSubjects.Board(slug)) == true);
        }
        return true;
    }
}
