using Forum.Gateway.ReadModels.Authors;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Forum.Gateway.Web.Pages.Users;

/// <summary>An author's page: their latest posts and comments.</summary>
public sealed class UserModel(AuthorQueries authors) : PageModel
{
    public AuthorPage Author { get; private set; } = new("", [], []);

    public async Task OnGetAsync(string name, CancellationToken cancellationToken) =>
        Author = await authors.LatestAsync(name, cancellationToken);
}
