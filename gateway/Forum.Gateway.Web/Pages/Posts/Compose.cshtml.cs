using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Posts;
using Forum.Content;
using Forum.Gateway.Drafts;
using Forum.Gateway.Edge.Allowances;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Posts;

/// <summary>
/// Writing a post: choose a board, write Markdown, preview it (rendered by the same code the posts
/// service uses), attach an image with its alt text, publish. No JavaScript needed. A chosen image
/// is uploaded by Preview or Publish, whichever comes first, and placed at the end of the text.
/// The text is kept as the member's draft for the board (saved by forum.js as they type, or by
/// "save draft"): the composer opens with it, on any device, and publishing removes it.
/// </summary>
[Authorize]
public sealed class ComposeModel(BoardQueries boardQueries, PostQueries posts, ServiceCalls services, SharedAllowances allowances, MarkdownRenderer renderer,
    Forum.Gateway.Drafts.Drafts drafts, IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<BoardView> Boards { get; private set; } = [];

    [BindProperty]
    public string? Board { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    /// <summary>The tags as typed, separated by commas.</summary>
    [BindProperty]
    public string? Tags { get; set; }

    [BindProperty]
    public IFormFile? Image { get; set; }

    /// <summary>What the image shows, for readers who cannot see it; never the file's name.</summary>
    [BindProperty]
    public string? ImageAlt { get; set; }

    public string? PreviewHtml { get; private set; }

    public PostFormErrors Errors { get; private set; } = PostFormErrors.None;

    /// <summary>Why the chosen image was not attached (nothing is published then).</summary>
    public string? ImageError { get; private set; }

    /// <summary>The address of the image this request attached to the text.</summary>
    public string? AttachedImage { get; private set; }

    /// <summary>The board whose draft the form opened with: a draft moved to another board leaves none behind.</summary>
    [BindProperty]
    public string? DraftBoard { get; set; }

    public DraftState Draft { get; private set; } = new("");

    public async Task OnGetAsync(string? board, CancellationToken cancellationToken)
    {
        Board = board;
        Boards = await boardQueries.ListAsync(cancellationToken);
        // Without a board named, the newest draft of a new post is the one to go on with.
        var memberId = Actor.From(User).Id;
        var draft = board is null ? await drafts.NewestPostAsync(memberId, cancellationToken)
            : DraftPlace.TryParse($"{DraftPlace.Board}-{board}", out var place) ? await drafts.FindAsync(memberId, place, cancellationToken) : null;
        if (draft is not null && DraftPlace.TryParse(draft.Place, out var kept))
        {
            (Board, DraftBoard, Title, Body) = (kept.Target, kept.Target, draft.Title, draft.Body);
        }
        Draft = DraftState.At(DraftPlace.ForBoard(Board ?? Boards.FirstOrDefault()?.Slug ?? ""), draft);
    }

    public async Task<IActionResult> OnPostSaveDraftAsync(CancellationToken cancellationToken)
    {
        Boards = await boardQueries.ListAsync(cancellationToken);
        if (!DraftPlace.TryParse($"{DraftPlace.Board}-{Board}", out var place))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Errors = Errors with { Other = text["DraftNoPlace"] };
            return Page();
        }
        var memberId = Actor.From(User).Id;
        (Draft, Errors, var status) = await DraftForm.SaveAsync(drafts, memberId, place, Title, Body, null, text, cancellationToken);
        Response.StatusCode = status;
        if (status == StatusCodes.Status200OK && DraftBoard is { } before && before != Board && DraftPlace.TryParse($"{DraftPlace.Board}-{before}", out var moved))
        {
            await drafts.DiscardAsync(memberId, moved, cancellationToken);
        }
        if (status == StatusCodes.Status200OK)
        {
            DraftBoard = Board;
            ModelState.Remove(nameof(DraftBoard));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostDiscardDraftAsync(CancellationToken cancellationToken)
    {
        await DiscardDraftsAsync("discarded", cancellationToken);
        return Redirect(DraftPlace.TryParse($"{DraftPlace.Board}-{Board}", out var place) ? place.FormPath : "/compose");
    }

    /// <summary>Removes the member's drafts of this form: the chosen board's, and the one it opened with.</summary>
    private async Task DiscardDraftsAsync(string why, CancellationToken cancellationToken)
    {
        var memberId = Actor.From(User).Id;
        foreach (var board in new[] { Board, DraftBoard }.Distinct())
        {
            if (DraftPlace.TryParse($"{DraftPlace.Board}-{board}", out var place))
            {
                await drafts.DiscardAsync(memberId, place, cancellationToken, why);
            }
        }
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        Boards = await boardQueries.ListAsync(cancellationToken);
        Draft = new DraftState(DraftPlace.ForBoard(Board ?? "").Name, Kept: DraftBoard is not null);
        if (await AttachChosenImageAsync(cancellationToken) is { } refused)
        {
            return refused;
        }
        PreviewHtml = renderer.Render(TextRules.Normalize(Body) ?? "").Html;
        if (PostFormErrors.TitleMessage(Title, text) is { } titleProblem)
        {
            // Said now, next to the field, rather than only once Publish is pressed.
            Errors = Errors with { Title = titleProblem };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        Boards = await boardQueries.ListAsync(cancellationToken);
        Draft = new DraftState(DraftPlace.ForBoard(Board ?? "").Name, Kept: DraftBoard is not null);
        using var client = await services.AsSessionUserAsync(ServiceCalls.Posts, HttpContext);
        if (client is null)
        {
            return Challenge();
        }
        if (await AttachChosenImageAsync(cancellationToken) is { } refused)
        {
            return refused;
        }
        if (await allowances.TakeForFormAsync(RateLimits.Posting, HttpContext) is not { } allowance)
        {
            Errors = Errors with { Other = text["TooManyRequests"] };
            return Page();
        }
        var answer = await client.PostAsJsonAsync("/api/posts", new { board = Board, title = Title, body = Body, tags = TagNames.SplitTyped(Tags) }, cancellationToken);
        await allowances.SettleAsync(allowance, answer.IsSuccessStatusCode);
        if (!answer.IsSuccessStatusCode)
        {
            Response.StatusCode = (int)answer.StatusCode;
            Errors = await PostFormErrors.FromAsync(answer, Title, Body, text, cancellationToken);
            return Page();
        }
        var published = await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        await DiscardDraftsAsync("published", cancellationToken);
        var id = published.GetProperty("id").GetGuid();
        var held = published.TryGetProperty("awaitingApproval", out var awaiting) && awaiting.GetBoolean();
        // The read model trails the write by milliseconds: wait for it so the post page shows the
        // post (to its author only, with a word about it, while it waits for approval).
        await ReadModelWait.UntilAsync(async () => await (held ? posts.FindHiddenAsync(id, cancellationToken) : posts.FindAsync(id, cancellationToken)) is not null, cancellationToken);
        return Redirect($"/posts/{id}");
    }

    /// <summary>
    /// Uploads the chosen image, if any, and puts it at the end of the text; the page with the
    /// reason when it cannot (the writer is told before anything is published), else null.
    /// </summary>
    private async Task<IActionResult?> AttachChosenImageAsync(CancellationToken cancellationToken)
    {
        if (Image is null || Image.Length == 0)
        {
            return null;
        }
        using var client = await services.AsSessionUserAsync(ServiceCalls.Posts, HttpContext);
        if (client is null)
        {
            return Challenge();
        }
        if (await allowances.TakeForFormAsync(RateLimits.Uploading, HttpContext) is not { } allowance)
        {
            ImageError = text["TooManyRequests"];
            return Page();
        }
        using var answer = await ImageUploads.SendAsync(client, Image, cancellationToken);
        await allowances.SettleAsync(allowance, answer.IsSuccessStatusCode);
        if (!answer.IsSuccessStatusCode)
        {
            Response.StatusCode = (int)answer.StatusCode;
            ImageError = text["ImageRefused", await PostModel.ProblemText(answer, cancellationToken)];
            return Page();
        }
        AttachedImage = (await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("url").GetString();
        // Markdown's alt text ends at "]" and breaks at a line end: what the writer typed, made safe for it.
        var alt = (TextRules.Normalize(ImageAlt) ?? "").Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Trim();
        Body = $"{Body?.TrimEnd()}\n\n![{alt}]({AttachedImage})\n".TrimStart();
        ImageAlt = null;
        ModelState.Remove(nameof(Body));
        ModelState.Remove(nameof(ImageAlt));
        return null;
    }
}
