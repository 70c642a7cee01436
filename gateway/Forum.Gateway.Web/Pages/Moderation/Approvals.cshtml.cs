using Forum.Content;
using Forum.Gateway.Moderation.Reviewing;
using Forum.Gateway.ReadModels.Posts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Moderation;

/// <summary>Posts new members wrote while approval is required, the longest waiting first, each with approve and reject.</summary>
public sealed class ApprovalsModel(PostQueries posts, Reviews reviews, ServiceCalls services, IStringLocalizer<SharedResource> text) : ModeratorPage(services)
{
    public IReadOnlyList<PostSummary> Held { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public int TotalPages { get; private set; } = 1;

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public Func<int, string> PageUrl => n => n == 1 ? "/moderation/approvals" : $"/moderation/approvals?page={n}";

    public async Task OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken cancellationToken)
    {
        if (Request.Query["decided"] == "1")
        {
            Notice = text["ApprovalDecided"];
        }
        await LoadAsync(int.TryParse(page, out var n) ? n : 1, cancellationToken);
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid postId, string? decision, CancellationToken cancellationToken)
    {
        if (decision is not (ReviewDecisions.Approve or ReviewDecisions.Reject))
        {
            return BadRequest();
        }
        // Decided already (on another page or by another moderator): nothing left to do.
        if (await reviews.HeldPostAsync(postId, cancellationToken) is not { } held)
        {
            return Redirect("/moderation/approvals?decided=1");
        }
        if (await reviews.DecideAsync(held, decision, Moderator, cancellationToken) is { } problem)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            Error = text["ResolveFailed", problem];
            await LoadAsync(1, cancellationToken);
            return Page();
        }
        return Redirect("/moderation/approvals?decided=1");
    }

    private async Task LoadAsync(int page, CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, page);
        var (held, total) = await posts.HiddenAsync(HidingReasons.Approval, PageNumber, ApprovalsApi.PageSize, cancellationToken);
        Held = held;
        TotalPages = Math.Max(1, (total + ApprovalsApi.PageSize - 1) / ApprovalsApi.PageSize);
    }
}
