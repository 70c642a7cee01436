using System.Net.Http.Json;
using Forum.EventSourcing;
using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.Web.Pages.Moderation;
using Forum.Gateway.Web.Pages.Posts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Forum.Gateway.Web.Pages.Admin;

/// <summary>
/// Admins create boards and change their name, description and place in the list. The posts
/// service owns boards and judges every change, exactly as through the API; the page waits for the
/// read model so the list it lands on shows the change.
/// </summary>
public sealed class BoardsModel(BoardQueries boards, ServiceCalls services, IStringLocalizer<SharedResource> text) : ModeratorPage(services)
{
    private readonly ServiceCalls _services = services;

    protected override bool AdminsOnly => true;

    public IReadOnlyList<BoardView> Boards { get; private set; } = [];

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Which form the error belongs to: a board's slug, or "new".</summary>
    public string? ErrorFor { get; private set; }

    /// <summary>What the writer sent with a refused form, shown again so nothing typed is lost.</summary>
    public (string? Slug, string? Name, string? Description, int? Position) Sent { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Request.Query["saved"].ToString() is { Length: > 0 } saved)
        {
            Notice = text["BoardSaved", saved];
        }
        Boards = await boards.ListAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostCreateAsync(string? slug, string? name, string? description, CancellationToken cancellationToken) =>
        SaveAsync("new", slug, name, description, null,
            client => client.PostAsJsonAsync("/api/boards", new { slug, name, description }, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostEditAsync(string? slug, string? name, string? description, int? position, CancellationToken cancellationToken) =>
        BoardSlugs.IsPlausible(slug)
            ? SaveAsync(slug!, slug, name, description, position,
                client => client.PutAsJsonAsync($"/api/boards/{slug}", new { name, description, position }, cancellationToken), cancellationToken)
            : Task.FromResult<IActionResult>(NotFound());

    private async Task<IActionResult> SaveAsync(
        string form, string? slug, string? name, string? description, int? position, Func<HttpClient, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        using var client = await _services.AsSessionUserAsync(ServiceCalls.Posts, HttpContext);
        if (client is null)
        {
            return Forbid();
        }
        using var answer = await send(client);
        if (!answer.IsSuccessStatusCode)
        {
            Response.StatusCode = answer.StatusCode == System.Net.HttpStatusCode.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            Error = await PostModel.ProblemText(answer, cancellationToken);
            ErrorFor = form;
            Sent = (slug, name, description, position);
            Boards = await boards.ListAsync(cancellationToken);
            return Page();
        }
        var version = EntityTags.ParseVersion(answer.Headers.ETag?.Tag ?? "") ?? 1;
        await ReadModelWait.UntilAsync(async () => await boards.VersionAsync(slug!, cancellationToken) >= version, cancellationToken);
        return Redirect($"/admin/boards?saved={Uri.EscapeDataString(slug!)}#b-{slug}");
    }
}

/// <summary>A slug worth asking the posts service about: short, printable ASCII (the service judges the rest).</summary>
internal static class BoardSlugs
{
    public static bool IsPlausible(string? slug) => slug is { Length: > 0 and <= 64 } && slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
