using Forum.Gateway.ReadModels.Authors;
using Marten;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Forum.Gateway.Web.Pages.Users;

/// <summary>An author's page: their latest posts and comments.</summary>
public sealed class UserModel(IQuerySession session) : PageModel
{
    public AuthorPage Author { get; private set; } = new("", [], []);

    public async Task OnGetAsync(string name, CancellationToken cancellationToken) =>
        Author = await AuthorQueries.LatestAsync(session, name, cancellationToken);
}
