using System.Net;
using System.Net.Http.Json;
using Forum.Gateway.ReadModels.Comments;
using Forum.Gateway.Web.Pages.Posts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Comments;

/// <summary>A comment's Markdown and version, as its author or a moderator may read them to edit.</summary>
public sealed record CommentSource(Guid Id, Guid PostId, string Body, DateTimeOffset? EditedAt, long Version);

/// <summary>
/// Editing a comment, for its author and moderators, on the same terms as a post: the form names
/// the version it was opened at, and an edit that someone else's came before is shown theirs and
/// keeps what was typed.
/// </summary>
[Authorize]
public sealed class EditModel(CommentQueries comments, ServiceCalls services, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public long Version { get; set; }

    public Guid CommentId { get; private set; }

    public Guid PostId { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Set when someone else saved first: the text stored now.</summary>
    public string? TheirBody { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        CommentId = id;
        if (await SourceAsync(id, cancellationToken) is not { } source)
        {
            return NotFound();
        }
        (PostId, Body, Version) = (source.PostId, source.Body, source.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        CommentId = id;
        if (!ModelState.IsValid || Version < 1)
        {
            return BadRequest();
        }
        if (await SourceAsync(id, cancellationToken) is not { } current)
        {
            return NotFound();
        }
        PostId = current.PostId;
        using var client = await services.AsSessionUserAsync(ServiceCalls.Comments, HttpContext);
        if (client is null)
        {
            return Challenge();
        }
        using var answer = await ServiceCalls.EditAtVersionAsync(client, $"/api/comments/{id}", new { body = Body }, Version, cancellationToken);
        if (answer.IsSuccessStatusCode)
        {
            if (ReadModelWait.AnsweredVersion(answer) is { } version)
            {
                await ReadModelWait.UntilAsync(() => comments.ReachedAsync(id, version, cancellationToken), cancellationToken);
            }
            return Redirect($"/posts/{PostId}?comment={id}#c-{id}");
        }
        if (answer.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            (TheirBody, Version) = (current.Body, current.Version);
            ModelState.Remove(nameof(Version));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        Response.StatusCode = (int)answer.StatusCode;
        Error = string.IsNullOrWhiteSpace(Body) ? text["BodyRequired"] : await PostModel.ProblemText(answer, cancellationToken);
        return Page();
    }

    private async Task<CommentSource?> SourceAsync(Guid id, CancellationToken cancellationToken)
    {
        using var client = await services.AsSessionUserAsync(ServiceCalls.Comments, HttpContext);
        if (client is null)
        {
            return null;
        }
        using var answer = await client.GetAsync($"/api/comments/{id}/source", cancellationToken);
        return answer.IsSuccessStatusCode ? await answer.Content.ReadFromJsonAsync<CommentSource>(cancellationToken) : null;
    }
}
