using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Posts;
using Forum.Content;
using Forum.Gateway.Edge.Allowances;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Posts;

/// <summary>
/// Writing a post: choose a board, write Markdown, preview it (rendered by the same code the posts
/// service uses), upload an image that is inserted into the text, publish. No JavaScript needed.
/// </summary>
[Authorize]
public sealed class ComposeModel(BoardQueries boardQueries, PostQueries posts, ServiceCalls services, SharedAllowances allowances, MarkdownRenderer renderer, IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<BoardView> Boards { get; private set; } = [];

    [BindProperty]
    public string? Board { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public IFormFile? Image { get; set; }

    public string? PreviewHtml { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? board, CancellationToken cancellationToken)
    {
        Board = board;
        Boards = await boardQueries.ListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        PreviewHtml = renderer.Render(TextRules.Normalize(Body) ?? "").Html;
        Boards = await boardQueries.ListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        Boards = await boardQueries.ListAsync(cancellationToken);
        if (Image is null || Image.Length == 0)
        {
            Error = text["UploadChooseImage"];
            return Page();
        }
        using var client = await services.AsSessionUserAsync(ServiceCalls.Posts, HttpContext);
        if (client is null)
        {
            return Challenge();
        }
        if (await allowances.TakeForFormAsync(RateLimits.Uploading, HttpContext) is not { } allowance)
        {
            Error = text["TooManyRequests"];
            return Page();
        }
        using var answer = await ImageUploads.SendAsync(client, Image, cancellationToken);
        await allowances.SettleAsync(allowance, answer.IsSuccessStatusCode);
        if (!answer.IsSuccessStatusCode)
        {
            Response.StatusCode = (int)answer.StatusCode;
            Error = await PostModel.ProblemText(answer, cancellationToken);
            return Page();
        }
        var url = (await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("url").GetString();
        var alt = Path.GetFileNameWithoutExtension(Image.FileName).Replace("]", "", StringComparison.Ordinal);
        Body = $"{Body?.TrimEnd()}\n\n![{alt}]({url})\n".TrimStart();
        ModelState.Remove(nameof(Body));
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        using var client = await services.AsSessionUserAsync(ServiceCalls.Posts, HttpContext);
        if (client is null)
        {
            return Challenge();
        }
        if (await allowances.TakeForFormAsync(RateLimits.Posting, HttpContext) is not { } allowance)
        {
            Error = text["TooManyRequests"];
            Boards = await boardQueries.ListAsync(cancellationToken);
            return Page();
        }
        var answer = await client.PostAsJsonAsync("/api/posts", new { board = Board, title = Title, body = Body }, cancellationToken);
        await allowances.SettleAsync(allowance, answer.IsSuccessStatusCode);
        if (!answer.IsSuccessStatusCode)
        {
            Response.StatusCode = (int)answer.StatusCode;
            Error = await PostModel.ProblemText(answer, cancellationToken);
            Boards = await boardQueries.ListAsync(cancellationToken);
            return Page();
        }
        var published = await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var id = published.GetProperty("id").GetGuid();
        var held = published.TryGetProperty("awaitingApproval", out var awaiting) && awaiting.GetBoolean();
        // The read model trails the write by milliseconds: wait for it so the post page shows the
        // post (to its author only, with a word about it, while it waits for approval).
        await ReadModelWait.UntilAsync(async () => await (held ? posts.FindHiddenAsync(id, cancellationToken) : posts.FindAsync(id, cancellationToken)) is not null, cancellationToken);
        return Redirect($"/posts/{id}");
    }
}
