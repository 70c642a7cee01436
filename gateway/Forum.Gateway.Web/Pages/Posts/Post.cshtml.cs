using System.Net.Http.Json;
using System.Text.Json;
using Forum.EventSourcing;
using Forum.Gateway.Drafts;
using Forum.Gateway.Edge.Allowances;
using Forum.Gateway.Moderation.Reporting;
using Forum.Gateway.Moderation.Reviewing;
using Forum.Gateway.ReadModels.Comments;
using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.Web.Notifications;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Posts;

/// <summary>A post with its comments; the forms on it (comment, reply, like, watch, moderation) work without JavaScript.</summary>
public sealed class PostModel(
    PostQueries posts, CommentQueries comments, Forum.Gateway.ReadModels.Boards.BoardQueries boards, ServiceCalls services, SharedAllowances allowances, Reports reports,
    Reviews reviews, NotificationCalls notifications, Forum.Gateway.PageViews.ViewCounter views, Forum.Gateway.Bookmarks.Bookmarks bookmarks,
    Forum.Gateway.Reading.UnreadMarks unread, Forum.Gateway.Reading.ReadPositions reading, Forum.Gateway.Drafts.Drafts drafts,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public PostSummary? Post { get; private set; }

    /// <summary>The name of the post's board as readers know it ("Tin tức"), not its slug.</summary>
    public string BoardName { get; private set; } = "";

    public CommentPage Comments { get; private set; } = new(1, CommentQueries.PageSize, 1, 0, []);

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public bool IsModerator { get; private set; }

    /// <summary>The views the page shows: the read model's, with this reader's own first view in it.</summary>
    public long ShownViews { get; private set; }

    /// <summary>Whether the signed-in member may edit the post: its author, or a moderator.</summary>
    public bool MayEditPost => SignedIn && _memberId is { } member && Post is { } post && post.MayBeChangedBy(member, User.Identity?.Name, IsModerator);

    /// <summary>Whether the signed-in member may edit the comment: its author, or a moderator.</summary>
    public bool MayEdit(CommentItem comment) => SignedIn && !comment.Deleted && (IsModerator || (comment.Author is { } author && author == User.Identity?.Name));

    private Guid? _memberId;

    /// <summary>The post and the comments on this page that the signed-in member has bookmarked.</summary>
    public IReadOnlySet<Guid> Bookmarked { get; private set; } = new HashSet<Guid>();

    /// <summary>Whether the signed-in member likes the post: their like button shows it pressed, and pressing it again takes the like back.</summary>
    public bool Liked { get; private set; }

    /// <summary>The watch button of a signed-in member.</summary>
    public WatchButton Watch { get; private set; } = new(false);

    /// <summary>The first comment on this page the member has not read, in a post they opened before: the page marks where their reading stopped.</summary>
    public Guid? FirstUnread { get; private set; }

    public Func<int, string> CommentPageUrl => n => $"/posts/{Post?.Id}?page={n}#comments";

    public string? Error { get; private set; }

    /// <summary>The signed-in member's draft of a comment on this post: the comment form opens with it.</summary>
    public DraftState CommentDraft { get; private set; } = new("");

    /// <summary>What the comment form holds: the member's draft, or what they just sent to be kept.</summary>
    public string? CommentText { get; private set; }

    /// <summary>What the member's last form did, when there is something to say (a report was sent).</summary>
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "page")] string? page, CancellationToken cancellationToken)
    {
        await LoadAsync(id, int.TryParse(page, out var number) ? number : 1, cancellationToken);
        if (Request.Query["reported"] == "1")
        {
            Notice = text["ReportSent"];
        }
        if (Post is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        else if (await FollowReadingAsync(cancellationToken) is { } firstUnread)
        {
            // A member back in a post they read opens it at the first comment they have not read.
            return Redirect($"/posts/{id}?comment={firstUnread}#c-{firstUnread}");
        }
        else
        {
            // A reader who opens the page has viewed the post, exactly as through the API, and
            // the page shows their view counted (the read model takes it a moment later).
            ShownViews = views.CountAndShow(id, HttpContext, Post.Views);
        }
        return Page();
    }

    /// <summary>
    /// For a member: where their unread comments start, when the page was asked for without a page
    /// or comment and they start elsewhere (to be redirected to); else marks the first unread
    /// comment shown, and moves their reading position to the last comment shown.
    /// </summary>
    private async Task<Guid?> FollowReadingAsync(CancellationToken cancellationToken)
    {
        if (Post is null || await services.SessionAccountAsync(HttpContext) is not { } account)
        {
            return null;
        }
        var state = await unread.StateAsync(account.Id, account.CreatedAt, Post, cancellationToken);
        if (state.Opened)
        {
            if (!Request.Query.ContainsKey("page") && !Request.Query.ContainsKey("comment")
                && await comments.FirstWrittenAfterAsync(Post.Id, state.ReadUntil, account.Id, cancellationToken) is { } first)
            {
                return first;
            }
            FirstUnread = Comments.Comments.FirstOrDefault(c => c.CreatedAt > state.ReadUntil && !c.Deleted && !c.Hidden && c.Author != account.UserName)?.Id;
        }
        reading.Move(account.Id, Post.Id, Comments.Comments.Select(c => c.CreatedAt).Append(Post.PublishedAt).Max());
        return null;
    }

    /// <summary>
    /// One comment as the page shows it (<c>?handler=Comment&amp;commentId=</c>), for a page open on
    /// the post that is told of it by its live stream. Counts no view: the reader is already here.
    /// </summary>
    public async Task<IActionResult> OnGetCommentAsync(Guid id, Guid commentId, CancellationToken cancellationToken)
    {
        var post = await posts.FindAsync(id, cancellationToken);
        var comment = post is { Deleted: false, ContentVersion: > 0 } ? await comments.FindAsync(id, commentId, cancellationToken) : null;
        if (comment is null)
        {
            return NotFound();
        }
        var account = SignedIn ? await services.SessionAccountAsync(HttpContext) : null;
        IsModerator = account?.Roles.Any(r => r is ForumClaims.Moderator or ForumClaims.Admin) == true;
        return Partial("_Comment", (comment, SignedIn && !post!.Locked, SignedIn, MayEdit(comment), SignedIn ? false : (bool?)null));
    }

    public async Task<IActionResult> OnPostCommentAsync(Guid id, string? body, Guid? parentId, CancellationToken cancellationToken)
    {
        var answer = await LimitedCallAsync(RateLimits.Commenting, ServiceCalls.Comments, client => client.PostAsJsonAsync($"/api/posts/{id}/comments", new { body, parentId }, cancellationToken));
        if (answer is LimitReached)
        {
            return await ShowLimitReachedAsync(id, cancellationToken);
        }
        if (answer is { IsSuccessStatusCode: true })
        {
            var comment = (await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
            if (parentId is null)
            {
                // The comment form's draft is published; a reply has no draft.
                await drafts.DiscardAsync(User.UserIdOf(), DraftPlace.ForComment(id), cancellationToken, "published");
            }
            // The read model trails the write by milliseconds: wait for it, so the redirect shows the comment.
            await ReadModelWait.UntilAsync(() => comments.HasAsync(comment, cancellationToken), cancellationToken);
            return Redirect($"/posts/{id}?page=last#c-{comment}");
        }
        return await ShowErrorAsync(id, answer, cancellationToken);
    }

    /// <summary>"Lưu nháp" on the comment form: keeps the text as the member's draft and shows the page again with the form as it was.</summary>
    public async Task<IActionResult> OnPostSaveDraftAsync(Guid id, string? body, CancellationToken cancellationToken)
    {
        if (!SignedIn)
        {
            return Redirect($"/account/sign-in?returnUrl={Uri.EscapeDataString($"/posts/{id}")}");
        }
        var (state, errors, status) = await DraftForm.SaveAsync(drafts, User.UserIdOf(), DraftPlace.ForComment(id), null, body, null, text, cancellationToken);
        await LoadAsync(id, 1, cancellationToken);
        if (Post is null)
        {
            return NotFound();
        }
        Response.StatusCode = status;
        (CommentDraft, CommentText, Error) = (state, body, errors.Body ?? errors.Other);
        return Page();
    }

    /// <summary>"Bỏ nháp" on the comment form: the draft is gone and the form empty.</summary>
    public async Task<IActionResult> OnPostDiscardDraftAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!SignedIn)
        {
            return Redirect($"/account/sign-in?returnUrl={Uri.EscapeDataString($"/posts/{id}")}");
        }
        await drafts.DiscardAsync(User.UserIdOf(), DraftPlace.ForComment(id), cancellationToken);
        return Redirect($"/posts/{id}#comment-form");
    }

    /// <summary>A member reports the post or one of its comments; the page says it was sent.</summary>
    public async Task<IActionResult> OnPostReportAsync(Guid id, Guid? commentId, string? reason, string? details, CancellationToken cancellationToken)
    {
        if (!SignedIn)
        {
            return Redirect($"/account/sign-in?returnUrl={Uri.EscapeDataString($"/posts/{id}")}");
        }
        var errors = new FieldErrors();
        var (checkedReason, checkedDetails) = Forum.Gateway.Moderation.Reporting.Reports.Check(reason, details, errors);
        if (errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Error = errors.ToDictionary().ContainsKey("details") ? text["ReportNeedsDetails"] : text["ReportNeedsReason"];
            await LoadAsync(id, 1, cancellationToken);
            return Page();
        }
        if (await allowances.TakeForFormAsync(RateLimits.Reporting, HttpContext) is not { } allowance)
        {
            return await ShowLimitReachedAsync(id, cancellationToken);
        }
        var (outcome, _) = await reports.ReportAsync(id, commentId, checkedReason, checkedDetails, Forum.ServiceDefaults.Security.Actor.From(User), cancellationToken);
        await allowances.SettleAsync(allowance, outcome == ReportOutcome.Reported);
        if (outcome == ReportOutcome.NoSuchContent)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            Error = text["ReportNothingThere"];
            await LoadAsync(id, 1, cancellationToken);
            return Page();
        }
        return Redirect($"/posts/{id}?reported=1" + (commentId is { } comment ? $"&comment={comment}#c-{comment}" : ""));
    }

    /// <summary>A moderator hides the post from readers, shows it again, or approves or rejects a post held for approval; each is in the moderation log.</summary>
    public async Task<IActionResult> OnPostReviewAsync(Guid id, string? decision, CancellationToken cancellationToken)
    {
        if (!ReviewDecisions.All.Contains(decision ?? ""))
        {
            return BadRequest();
        }
        var account = await services.SessionAccountAsync(HttpContext);
        if (account is null || !account.Roles.Any(r => r is ForumClaims.Moderator or ForumClaims.Admin))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var post = await posts.FindAsync(id, cancellationToken) ?? await posts.FindHiddenAsync(id, cancellationToken);
        if (post is null)
        {
            return NotFound();
        }
        var problem = await reviews.DecideAsync(ReviewTarget.Of(post), decision!, new Actor(account.Id, account.UserName, IsModerator: true), cancellationToken);
        if (problem is not null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            Error = text["ResolveFailed", problem];
            await LoadAsync(id, 1, cancellationToken);
            return Page();
        }
        // The read model trails the service by milliseconds: wait for it, so the page shows the decision.
        await ReadModelWait.UntilAsync(async () => decision switch
        {
            ReviewDecisions.Hide => await posts.FindHiddenAsync(id, cancellationToken) is not null,
            ReviewDecisions.Reject => await posts.FindHiddenAsync(id, cancellationToken) is null,
            _ => await posts.FindAsync(id, cancellationToken) is not null,
        }, cancellationToken);
        return decision == ReviewDecisions.Reject ? Redirect("/moderation/approvals") : Redirect($"/posts/{id}");
    }

    public async Task<IActionResult> OnPostModerateAsync(Guid id, string? action, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(ServiceCalls.Posts, client => action == "delete"
            ? client.DeleteAsync($"/api/posts/{id}", cancellationToken)
            : client.PostAsync($"/api/posts/{id}/{action}", null, cancellationToken));
        if (answer is { IsSuccessStatusCode: true })
        {
            // The page the moderator is sent to shows what they did.
            if (ReadModelWait.AnsweredVersion(answer) is { } version)
            {
                await ReadModelWait.UntilAsync(() => posts.ReachedAsync(id, version, cancellationToken), cancellationToken);
            }
            return action == "delete" ? Redirect("/") : Redirect($"/posts/{id}");
        }
        return await ShowErrorAsync(id, answer, cancellationToken);
    }

    /// <summary>The like button: <paramref name="liked"/> true likes the post, false takes the member's like back.</summary>
    public async Task<IActionResult> OnPostLikeAsync(Guid id, bool liked, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // An unreadable form leaves liked unset: not a request to take a like back.
            return BadRequest();
        }
        var answer = await LimitedCallAsync(RateLimits.Liking, ServiceCalls.Engagement, client => liked
            ? client.PutAsync($"/api/posts/{id}/like", null, cancellationToken)
            : client.DeleteAsync($"/api/posts/{id}/like", cancellationToken));
        if (answer is LimitReached)
        {
            return await ShowLimitReachedAsync(id, cancellationToken);
        }
        if (answer is { IsSuccessStatusCode: true })
        {
            // The page the member is sent to shows their like, or its absence, and the count after
            // it (a like already given is answered without a version: nothing to wait for).
            if (ReadModelWait.AnsweredVersion(answer) is { } version && await services.SessionAccountAsync(HttpContext) is { } account)
            {
                await ReadModelWait.UntilAsync(() => posts.MemberLikeReachedAsync(id, account.Id, version, cancellationToken), cancellationToken);
            }
            return Redirect($"/posts/{id}");
        }
        return await ShowErrorAsync(id, answer, cancellationToken);
    }

    /// <summary>Bookmarks the post, or one of its comments, with an optional note; or takes the bookmark away.</summary>
    public async Task<IActionResult> OnPostBookmarkAsync(Guid id, Guid? commentId, bool bookmark, string? note, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }
        if (await services.SessionAccountAsync(HttpContext) is not { } account)
        {
            return Redirect($"/account/sign-in?returnUrl={Uri.EscapeDataString($"/posts/{id}")}");
        }
        var (kind, target) = commentId is { } comment ? (Forum.Gateway.Bookmarks.BookmarkKinds.Comment, comment) : (Forum.Gateway.Bookmarks.BookmarkKinds.Post, id);
        var back = commentId is { } c ? $"/posts/{id}?comment={c}#c-{c}" : $"/posts/{id}";
        if (!bookmark)
        {
            await bookmarks.RemoveAsync(account.Id, kind, target, cancellationToken);
            return Redirect(back);
        }
        var errors = new Forum.EventSourcing.FieldErrors();
        var checkedNote = Forum.Gateway.Bookmarks.Bookmarks.CheckNote(note, errors);
        var outcome = errors.Any ? Forum.Gateway.Bookmarks.BookmarkOutcome.Refused : (await bookmarks.SaveAsync(account.Id, kind, target, checkedNote, cancellationToken)).Outcome;
        if (outcome == Forum.Gateway.Bookmarks.BookmarkOutcome.Saved)
        {
            return Redirect(back);
        }
        Response.StatusCode = outcome switch
        {
            Forum.Gateway.Bookmarks.BookmarkOutcome.NoSuchContent => StatusCodes.Status404NotFound,
            Forum.Gateway.Bookmarks.BookmarkOutcome.TooMany => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        Error = outcome switch
        {
            Forum.Gateway.Bookmarks.BookmarkOutcome.NoSuchContent => text["ReportNothingThere"],
            Forum.Gateway.Bookmarks.BookmarkOutcome.TooMany => text["BookmarksFull", Forum.Gateway.Bookmarks.Bookmarks.MaxPerMember],
            _ => text["BookmarkNoteTooLong", Forum.Gateway.Bookmarks.Bookmarks.MaxNoteCharacters],
        };
        await LoadAsync(id, 1, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostWatchAsync(Guid id, bool watch, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // An unreadable form leaves id and watch unset: not a request to unwatch anything.
            return BadRequest();
        }
        var answer = await notifications.WatchAsync(HttpContext, WatchSubjects.Post(id), watch);
        if (answer.Succeeded)
        {
            return Redirect($"/posts/{id}");
        }
        if (answer.SignInNeeded)
        {
            return Redirect($"/account/sign-in?returnUrl={Uri.EscapeDataString($"/posts/{id}")}");
        }
        await LoadAsync(id, 1, cancellationToken);
        Response.StatusCode = answer.PageStatus;
        Watch = Watch with { Error = text["WatchFailed"] };
        return Page();
    }

    private async Task<HttpResponseMessage?> CallAsync(string service, Func<HttpClient, Task<HttpResponseMessage>> call)
    {
        using var client = await services.AsSessionUserAsync(service, HttpContext);
        return client is null ? null : await call(client);
    }

    /// <summary>
    /// A write that draws on the member's allowance, as the same write through the API would; a
    /// share is taken only for a signed-in member and given back if the service refused the write.
    /// </summary>
    private async Task<HttpResponseMessage?> LimitedCallAsync(string policy, string service, Func<HttpClient, Task<HttpResponseMessage>> call)
    {
        using var client = await services.AsSessionUserAsync(service, HttpContext);
        if (client is null)
        {
            return null;
        }
        if (await allowances.TakeForFormAsync(policy, HttpContext) is not { } allowance)
        {
            return new LimitReached();
        }
        var answer = await call(client);
        await allowances.SettleAsync(allowance, answer.IsSuccessStatusCode);
        return answer;
    }

    /// <summary>Stands for the answer to a write that was not sent: the member's allowance was used up.</summary>
    private sealed class LimitReached() : HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);

    private async Task<IActionResult> ShowLimitReachedAsync(Guid id, CancellationToken cancellationToken)
    {
        Error = text["TooManyRequests"];
        await LoadAsync(id, 1, cancellationToken);
        return Page();
    }

    private async Task<IActionResult> ShowErrorAsync(Guid id, HttpResponseMessage? answer, CancellationToken cancellationToken)
    {
        if (answer is null)
        {
            return Redirect($"/account/sign-in?returnUrl={Uri.EscapeDataString($"/posts/{id}")}");
        }
        Response.StatusCode = (int)answer.StatusCode;
        Error = await ProblemText(answer, cancellationToken);
        await LoadAsync(id, 1, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(Guid id, int page, CancellationToken cancellationToken)
    {
        var account = SignedIn ? await services.SessionAccountAsync(HttpContext) : null;
        IsModerator = account?.Roles.Any(r => r is ForumClaims.Moderator or ForumClaims.Admin) == true;
        _memberId = account?.Id;
        Post = await posts.FindAsync(id, cancellationToken);
        // Hidden from readers, but not from those who review it, nor from its author, who is told why.
        if (Post is null && account is not null && await posts.FindHiddenAsync(id, cancellationToken) is { } hidden
            && (IsModerator || hidden.Author == account.UserName))
        {
            Post = hidden;
        }
        if (Post is null)
        {
            return;
        }
        BoardName = (await boards.FindAsync(Post.Board, cancellationToken))?.Name ?? Post.Board;
        var first = await comments.PageAsync(id, 1, cancellationToken);
        var wanted = Request.Query["page"] == "last" ? first.TotalPages : Math.Clamp(page, 1, first.TotalPages);
        // A link to one comment (a notification's) opens the page that shows it.
        if (Guid.TryParse(Request.Query["comment"], out var comment) && await comments.PageOfAsync(id, comment, cancellationToken) is { } its)
        {
            wanted = its;
        }
        Comments = wanted == 1 ? first : await comments.PageAsync(id, wanted, cancellationToken);
        if (SignedIn)
        {
            Watch = new WatchButton(await notifications.WatchingAsync(HttpContext, WatchSubjects.Post(id)) == true);
        }
        if (account is not null)
        {
            Liked = await posts.LikedByAsync(id, account.Id, cancellationToken);
            Bookmarked = (await bookmarks.OnPostAsync(account.Id, id, cancellationToken)).Select(b => b.TargetId).ToHashSet();
            var draft = await drafts.FindAsync(account.Id, DraftPlace.ForComment(id), cancellationToken);
            (CommentDraft, CommentText) = (DraftState.At(DraftPlace.ForComment(id), draft), draft?.Body);
        }
    }

    internal static async Task<string> ProblemText(HttpResponseMessage answer, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
            var errors = problem.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
                ? string.Join(" ", e.EnumerateObject().SelectMany(f => f.Value.EnumerateArray().Select(m => m.GetString())))
                : null;
            return string.Join(" ", new[] { title, errors }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (JsonException)
        {
            return answer.ReasonPhrase ?? answer.StatusCode.ToString();
        }
    }
}
