using Forum.Gateway.Web.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Notifications;

/// <summary>
/// The member's notifications, newest first, twenty a page; marking one or all as read are plain
/// form posts that come back here, so the page needs no JavaScript.
/// </summary>
[Authorize]
public sealed class NotificationsModel(NotificationCalls notifications, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int MaxPage = 100_000;

    public NotificationList? List { get; private set; }

    public int PageNumber { get; private set; } = 1;

    /// <summary>Why the list or a change could not be had; null when all went well.</summary>
    public string? Error { get; private set; }

    public Func<int, string> PageUrl => n => n == 1 ? "/notifications" : $"/notifications?page={n}";

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? page) =>
        await ShowAsync(ParsePage(page), failed: null);

    /// <summary>
    /// Opens an unread notification: marks it read, then goes where it leads. Only to a post of this
    /// forum (the ids are GUIDs), so the link cannot send anyone elsewhere; if marking fails, the
    /// reader still gets where they were going.
    /// </summary>
    public async Task<IActionResult> OnGetOpenAsync([FromQuery(Name = "id")] Guid id, [FromQuery(Name = "post")] Guid post, [FromQuery(Name = "comment")] Guid? comment)
    {
        if (post == Guid.Empty)
        {
            return Redirect("/notifications");
        }
        var answer = await notifications.MarkReadAsync(HttpContext, [id]);
        return answer.SignInNeeded ? SignInAgain() : Redirect(NotificationItem.Target(post, comment));
    }

    public async Task<IActionResult> OnPostReadAllAsync([FromForm(Name = "page")] string? page)
    {
        var answer = await notifications.MarkReadAsync(HttpContext, ids: null);
        return answer.Succeeded ? Redirect(PageUrl(ParsePage(page))) : await ShowAsync(ParsePage(page), answer);
    }

    public async Task<IActionResult> OnPostReadAsync([FromForm(Name = "id")] Guid id, [FromForm(Name = "page")] string? page)
    {
        var answer = await notifications.MarkReadAsync(HttpContext, [id]);
        // Back to the same place on the same page, so a reader going down the list keeps their place.
        return answer.Succeeded ? Redirect($"{PageUrl(ParsePage(page))}#n-{id}") : await ShowAsync(ParsePage(page), answer);
    }

    private async Task<IActionResult> ShowAsync(int page, ServiceAnswer? failed)
    {
        PageNumber = page;
        if (failed is { SignInNeeded: true })
        {
            return SignInAgain();
        }
        var (answer, list) = await notifications.PageAsync(HttpContext, page);
        if (answer.SignInNeeded)
        {
            return SignInAgain();
        }
        List = list;
        if (list is not null)
        {
            // The bell in the header shows this count instead of asking for it once more.
            notifications.Know(list.Unread);
        }
        if (failed is not null)
        {
            Response.StatusCode = failed.PageStatus;
            Error = text["MarkReadFailed"];
        }
        else if (list is null)
        {
            Response.StatusCode = answer.PageStatus;
            Error = text["NotificationsUnavailable"];
        }
        return Page();
    }

    private IActionResult SignInAgain() =>
        Redirect($"/account/sign-in?returnUrl={Uri.EscapeDataString(PageUrl(PageNumber))}");

    private static int ParsePage(string? page) =>
        int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? Math.Clamp(n, 1, MaxPage) : 1;
}
