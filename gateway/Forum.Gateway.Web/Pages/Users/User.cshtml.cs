using Forum.Gateway.Accounts.Profiles;
using Forum.Gateway.QueryApi;
using Forum.Gateway.ReadModels.Authors;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Forum.Gateway.Web.Pages.Users;

/// <summary>A member's page: their profile, what they show, and their latest posts and comments.</summary>
public sealed class UserModel(AuthorQueries authors, MemberProfiles profiles) : PageModel
{
    public UserPage Author { get; private set; } = new("", null, null, null, null, 0, 0, 0, [], []);

    public async Task OnGetAsync(string name, CancellationToken cancellationToken) =>
        Author = await UserPage.LoadAsync(name, authors, profiles, cancellationToken);
}
