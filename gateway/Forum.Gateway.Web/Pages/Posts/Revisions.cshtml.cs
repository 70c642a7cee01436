using System.Net.Http.Json;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Forum.Gateway.Web.Pages.Posts;

/// <summary>One line of a revision's body, as it changed from the revision before.</summary>
public sealed record ChangedLine(ChangeType Change, string Text);

/// <summary>One revision of a post and what it changed: the title before it if that changed, and the lines of the body.</summary>
/// <param name="First">The post as first published: nothing before it to compare with.</param>
public sealed record RevisionChanges(long Version, string Title, string? TitleBefore, DateTimeOffset At, string Editor, IReadOnlyList<ChangedLine> Lines, bool First);

/// <summary>
/// A post's revisions, newest first, each with what it changed in the Markdown the post was
/// written in (lines added and removed, as a reader compares two versions). Read from the posts
/// service's history, which answers only while the post is there for the reader.
/// </summary>
public sealed class RevisionsModel(ServiceCalls services) : PageModel
{
    /// <summary>The most revisions a page compares: each is a read of the post's history.</summary>
    public const int MaxShown = 20;

    public Guid PostId { get; private set; }

    public string PostTitle { get; private set; } = "";

    public IReadOnlyList<RevisionChanges> Revisions { get; private set; } = [];

    public int Total { get; private set; }

    private sealed record Revision(long Version, string Title, DateTimeOffset EditedAt, string Editor);

    private sealed record PostText(string Title, string Body);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        PostId = id;
        using var client = await services.AsReaderAsync(ServiceCalls.Posts, HttpContext);
        using var answer = await client.GetAsync($"/api/posts/{id}/revisions", cancellationToken);
        if (!answer.IsSuccessStatusCode || await answer.Content.ReadFromJsonAsync<List<Revision>>(cancellationToken) is not { Count: > 0 } revisions)
        {
            return NotFound();
        }
        Total = revisions.Count;
        // The oldest shown is compared with the one before it, so one more is read than shown.
        var compared = revisions.TakeLast(MaxShown + 1).ToList();
        var versions = await Task.WhenAll(compared.Select(revision => VersionAsync(client, id, revision.Version, cancellationToken)));
        var changes = new List<RevisionChanges>();
        for (var i = compared.Count == revisions.Count ? 0 : 1; i < compared.Count; i++)
        {
            var before = i == 0 ? null : versions[i - 1];
            var after = versions[i] ?? new PostText(compared[i].Title, "");
            var lines = InlineDiffBuilder.Diff(before?.Body ?? "", after.Body, ignoreWhiteSpace: false).Lines
                .Where(line => line.Type != ChangeType.Imaginary)
                .Select(line => new ChangedLine(line.Type, line.Text))
                .ToList();
            changes.Add(new RevisionChanges(compared[i].Version, compared[i].Title, before is not null && before.Title != after.Title ? before.Title : null,
                compared[i].EditedAt, compared[i].Editor, lines, First: i == 0 && compared.Count == revisions.Count));
        }
        changes.Reverse();
        Revisions = changes;
        PostTitle = revisions[^1].Title;
        return Page();
    }

    private static async Task<PostText?> VersionAsync(HttpClient client, Guid id, long version, CancellationToken cancellationToken)
    {
        using var answer = await client.GetAsync($"/api/posts/{id}?version={version}", cancellationToken);
        return answer.IsSuccessStatusCode ? await answer.Content.ReadFromJsonAsync<PostText>(cancellationToken) : null;
    }
}
