using System.Net.Http.Json;
using System.Text.Json;
using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.ReadModels.Tags;
using Forum.Gateway.Web.Pages.Posts;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Tags;

/// <summary>
/// A tag's posts, twenty a page with page numbers, as a board lists its posts; for moderators, forms
/// to rename, merge or delete the tag, which call the posts service as the moderator, as the API does.
/// The address may name the tag in any form (<c>/tags/Tin%20T%E1%BB%A8C</c>); the page shows its key.
/// </summary>
public sealed class TagModel(TagQueries tags, ServiceCalls services, IStringLocalizer<SharedResource> text) : PageModel
{
    public string Tag { get; private set; } = "";

    public TagListing? Listing { get; private set; }

    public bool IsModerator { get; private set; }

    public bool PastTheEnd { get; private set; }

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string tag, [FromQuery(Name = "page")] int? page, [FromQuery(Name = "done")] string? done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tag, page, cancellationToken))
        {
            return NotFound();
        }
        if (Listing!.Page > Math.Max(1, Listing.TotalPages))
        {
            PastTheEnd = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        if (done is "renamed" or "merged" or "deleted")
        {
            Notice = text["TagChanged_" + done];
        }
        return Page();
    }

    public Task<IActionResult> OnPostRenameAsync(string tag, string? to, CancellationToken cancellationToken) =>
        ModerateAsync(tag, to, "renamed", client => client.PostAsJsonAsync($"/api/tags/{Uri.EscapeDataString(tag)}/rename", new { to }, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostMergeAsync(string tag, string? into, CancellationToken cancellationToken) =>
        ModerateAsync(tag, into, "merged", client => client.PostAsJsonAsync($"/api/tags/{Uri.EscapeDataString(tag)}/merge", new { into }, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDeleteAsync(string tag, CancellationToken cancellationToken) =>
        ModerateAsync(tag, null, "deleted", client => client.DeleteAsync($"/api/tags/{Uri.EscapeDataString(tag)}", cancellationToken), cancellationToken);

    /// <summary>
    /// Calls the posts service as the moderator; on success waits until the read models list no
    /// post under the old tag and goes to the page of the tag it became (or of the deleted one).
    /// </summary>
    private async Task<IActionResult> ModerateAsync(string tag, string? target, string done, Func<HttpClient, Task<HttpResponseMessage>> call, CancellationToken cancellationToken)
    {
        using var client = await services.AsSessionUserAsync(ServiceCalls.Posts, HttpContext);
        if (client is null)
        {
            return Challenge();
        }
        using var answer = await call(client);
        if (answer.IsSuccessStatusCode)
        {
            var from = TagQueries.KeyOf(tag)!;
            var result = await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var to = result.TryGetProperty("to", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            await ReadModelWait.UntilAsync(async () => (await tags.ListAsync(from, 1, 1, cancellationToken)).TotalPosts == 0, cancellationToken);
            return Redirect($"/tags/{Uri.EscapeDataString(to ?? from)}?done={done}");
        }
        if (!await LoadAsync(tag, 1, cancellationToken))
        {
            return NotFound();
        }
        Response.StatusCode = (int)answer.StatusCode;
        Error = answer.StatusCode switch
        {
            System.Net.HttpStatusCode.BadRequest => text["TagInvalid", target ?? tag, Forum.Content.TagNames.MaxCharacters],
            System.Net.HttpStatusCode.Conflict => text["TagInUse", target ?? ""],
            System.Net.HttpStatusCode.Forbidden => text["TagModeratorsOnly"],
            _ => await PostModel.ProblemText(answer, cancellationToken),
        };
        return Page();
    }

    private async Task<bool> LoadAsync(string tag, int? page, CancellationToken cancellationToken)
    {
        if (TagQueries.KeyOf(tag) is not { } key)
        {
            return false;
        }
        Tag = key;
        Listing = await tags.CachedListAsync(key, Math.Clamp(page ?? 1, 1, 1_000_000), PostQueries.DefaultPageSize, cancellationToken);
        var account = await services.SessionAccountAsync(HttpContext);
        IsModerator = account?.Roles.Any(role => role is ForumClaims.Moderator or ForumClaims.Admin) == true;
        return true;
    }
}
