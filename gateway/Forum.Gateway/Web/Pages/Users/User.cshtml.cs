using Forum.Gateway.ReadModels.Comments;
using Forum.Gateway.ReadModels.Posts;
using Marten;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Forum.Gateway.Web.Pages.Users;

/// <summary>An author's page: their latest posts and comments.</summary>
public sealed class UserModel(IQuerySession session) : PageModel
{
    public string Name { get; private set; } = "";

    public IReadOnlyList<PostListItem> Posts { get; private set; } = [];

    public IReadOnlyList<CommentView> Comments { get; private set; } = [];

    public async Task OnGetAsync(string name, CancellationToken cancellationToken)
    {
        Name = name;
        var posts = await session.Query<PostSummary>()
            .Where(p => p.Author == name && !p.Deleted && p.ContentVersion > 0)
            .OrderByDescending(p => p.PublishedAt).Take(50).ToListAsync(cancellationToken);
        Posts = posts.Select(PostListItem.From).ToList();
        Comments = await session.Query<CommentView>()
            .Where(c => c.Author == name && !c.Deleted && c.ContentVersion > 0)
            .OrderByDescending(c => c.CreatedAt).Take(50).ToListAsync(cancellationToken);
    }
}
