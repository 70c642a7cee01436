using System.Net;
using System.Net.Http.Json;
using Forum.Gateway.Drafts;
using Forum.Gateway.ReadModels.Posts;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Posts;

/// <summary>The post as the posts service holds it now: the Markdown an edit starts from and the version it must name.</summary>
public sealed record PostSource(string Title, string Body, string BodyHtml, DateTimeOffset? EditedAt, long Version, IReadOnlyList<string>? Tags = null);

/// <summary>
/// Editing a post, for its author and moderators. The form carries the version it was opened at
/// and the service refuses an edit of an older one (<c>If-Match</c>): someone who edited in the
/// meantime is not overwritten unawares. The writer is told in words, sees the other version, and
/// keeps everything they typed; saving again then replaces the other version knowingly. An edit
/// in progress is kept as the member's draft, with the version it began from: reopened later, on
/// any device, it still meets a newer edit as a conflict.
/// </summary>
[Authorize]
public sealed class EditModel(PostQueries posts, ServiceCalls services, Forum.Gateway.Drafts.Drafts drafts, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    /// <summary>The tags as typed, separated by commas; left empty, the post has none.</summary>
    [BindProperty]
    public string? Tags { get; set; }

    /// <summary>The version this form's text was based on.</summary>
    [BindProperty]
    public long Version { get; set; }

    public Guid PostId { get; private set; }

    public PostFormErrors Errors { get; private set; } = PostFormErrors.None;

    /// <summary>Set when someone else saved first: the version now stored, to compare with what the writer typed.</summary>
    public PostSource? Theirs { get; private set; }

    public DraftState Draft { get; private set; } = new("");

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        PostId = id;
        if (await MayEditAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (await SourceAsync(id, cancellationToken) is not { } source)
        {
            return NotFound();
        }
        (Title, Body, Version, Tags) = (source.Title, source.Body, source.Version, string.Join(", ", source.Tags ?? []));
        var place = DraftPlace.ForEdit(id);
        var draft = await drafts.FindAsync(User.UserIdOf(), place, cancellationToken);
        if (draft is not null)
        {
            // A draft keeps the text; the tags are the post's (a draft does not hold them).
            (Title, Body, Version) = (draft.Title, draft.Body, draft.Version ?? source.Version);
        }
        Draft = DraftState.At(place, draft);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveDraftAsync(Guid id, CancellationToken cancellationToken)
    {
        PostId = id;
        if (!ModelState.IsValid || Version < 1)
        {
            return BadRequest();
        }
        if (await MayEditAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        (Draft, Errors, var status) = await DraftForm.SaveAsync(drafts, User.UserIdOf(), DraftPlace.ForEdit(id), Title, Body, Version, text, cancellationToken);
        Response.StatusCode = status;
        return Page();
    }

    public async Task<IActionResult> OnPostDiscardDraftAsync(Guid id, CancellationToken cancellationToken)
    {
        await drafts.DiscardAsync(User.UserIdOf(), DraftPlace.ForEdit(id), cancellationToken);
        return Redirect(DraftPlace.ForEdit(id).FormPath);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        PostId = id;
        if (!ModelState.IsValid || Version < 1)
        {
            return BadRequest();
        }
        if (await MayEditAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        using var client = await services.AsSessionUserAsync(ServiceCalls.Posts, HttpContext);
        if (client is null)
        {
            return Challenge();
        }
        using var answer = await ServiceCalls.EditAtVersionAsync(client, $"/api/posts/{id}", new { title = Title, body = Body, tags = Forum.Content.TagNames.SplitTyped(Tags) }, Version, cancellationToken);
        Draft = new DraftState(DraftPlace.ForEdit(id).Name, Kept: await drafts.FindAsync(User.UserIdOf(), DraftPlace.ForEdit(id), cancellationToken) is not null);
        if (answer.IsSuccessStatusCode)
        {
            await drafts.DiscardAsync(User.UserIdOf(), DraftPlace.ForEdit(id), cancellationToken, "published");
            // The post page the writer is sent to shows the edit.
            if (ReadModelWait.AnsweredVersion(answer) is { } version)
            {
                await ReadModelWait.UntilAsync(() => posts.ReachedAsync(id, version, cancellationToken), cancellationToken);
            }
            return Redirect($"/posts/{id}");
        }
        Response.StatusCode = (int)answer.StatusCode;
        if (answer.StatusCode == HttpStatusCode.PreconditionFailed && await SourceAsync(id, cancellationToken) is { } theirs)
        {
            // The writer's text stays in the form; the form now names the stored version, so
            // saving again is a deliberate replacement of what they have been shown.
            Theirs = theirs;
            Version = theirs.Version;
            ModelState.Remove(nameof(Version));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        Errors = await PostFormErrors.FromAsync(answer, Title, Body, text, cancellationToken);
        return Page();
    }

    /// <summary>Null when the session's member may edit the post (its author or a moderator), else the answer.</summary>
    private async Task<IActionResult?> MayEditAsync(Guid id, CancellationToken cancellationToken)
    {
        var account = await services.SessionAccountAsync(HttpContext);
        if (account is null)
        {
            return Challenge();
        }
        var post = await posts.FindAsync(id, cancellationToken) ?? await posts.FindHiddenAsync(id, cancellationToken);
        if (post is null)
        {
            return NotFound();
        }
        return post.MayBeChangedBy(account.Id, account.UserName, account.Roles.Any(role => role is ForumClaims.Moderator or ForumClaims.Admin)) ? null : Forbid();
    }

    private async Task<PostSource?> SourceAsync(Guid id, CancellationToken cancellationToken)
    {
        using var client = await services.AsReaderAsync(ServiceCalls.Posts, HttpContext);
        using var answer = await client.GetAsync($"/api/posts/{id}", cancellationToken);
        return answer.IsSuccessStatusCode ? await answer.Content.ReadFromJsonAsync<PostSource>(cancellationToken) : null;
    }
}
