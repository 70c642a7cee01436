using Forum.Gateway.Edge;
using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.Reading;
using Forum.Gateway.Web.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Boards;

/// <summary>
/// A board: its posts, twenty a page, with page numbers that work without JavaScript, and for a
/// signed-in member a button to watch it, what is new to them, a "new" filter and "mark all as
/// read". Readers who are not signed in share kept copies (ReadersOutputCache); a member's page,
/// with their marks and watch button, is never kept.
/// </summary>
[OutputCache(PolicyName = ReadersOutputCache.Policy)]
public sealed class BoardModel(
    BoardQueries boards, PostQueries posts, NotificationCalls notifications, ServiceCalls services, UnreadMarks unread, IStringLocalizer<SharedResource> text) : PageModel
{
    public BoardSummary Board { get; private set; } = null!;

    public BoardListing Listing { get; private set; } = null!;

    public string Sort { get; private set; } = "latest";

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    /// <summary>A signed-in member of a forum that keeps reading positions: offered the "new" filter and "mark all as read".</summary>
    public bool Tracked => SignedIn && unread.Enabled;

    /// <summary>The member's "new" filter: only the posts with something unread to them.</summary>
    public bool OnlyNew { get; private set; }

    /// <summary>What is unread to the signed-in member in each listed post that has any.</summary>
    public IReadOnlyDictionary<Guid, Unread> Unread { get; private set; } = new Dictionary<Guid, Unread>();

    public WatchButton Watch { get; private set; } = new(false);

    /// <summary>A page number past the last page: answered 404, with a link to the last page.</summary>
    public bool PastTheEnd { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int? page, string? sort, string? filter, CancellationToken cancellationToken)
    {
        OnlyNew = filter == "new" && Tracked;
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

    /// <summary>"Mark all as read": everything in the board up to now is read to the member.</summary>
    public async Task<IActionResult> OnPostMarkReadAsync(CancellationToken cancellationToken)
    {
        var back = $"/boards/{Uri.EscapeDataString(Slug)}";
        if (await services.SessionAccountAsync(HttpContext) is not { } account)
        {
            return Redirect($"/account/sign-in?returnUrl={Uri.EscapeDataString(back)}");
        }
        if (await boards.FindAsync(Slug, cancellationToken) is null)
        {
            return NotFound();
        }
        await unread.MarkBoardReadAsync(account.Id, Slug, cancellationToken);
        return Redirect(back);
    }

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
        var pageNumber = Math.Clamp(page ?? 1, 1, 1_000_000);
        var account = SignedIn ? await services.SessionAccountAsync(HttpContext) : null;
        if (OnlyNew && account is not null)
        {
            var fresh = await Reading.ReadingApi.NewListingAsync(account.Id, account.CreatedAt, slug, pageNumber, posts, unread, cancellationToken);
            Listing = new BoardListing(slug, fresh.Page, fresh.PageSize, fresh.TotalPosts, fresh.TotalPages, fresh.Posts);
            Unread = fresh.Unread;
        }
        else
        {
            Listing = await posts.CachedListAsync(slug, pageNumber, PostQueries.DefaultPageSize, Sort, cancellationToken);
            if (account is not null)
            {
                Unread = await unread.OfAsync(account.Id, account.CreatedAt, Listing.Posts.Select(p => p.Id), cancellationToken);
            }
        }
        if (SignedIn)
        {
            Watch = new WatchButton(await notifications.WatchingAsync(HttpContext, WatchSubjects.Board(slug)) == true);
        }
        return true;
    }
}
