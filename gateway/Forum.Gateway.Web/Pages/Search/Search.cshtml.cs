using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.ReadModels.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Forum.Gateway.Web.Pages.Search;

/// <summary>Search as a page: the same query as <c>/api/search</c>, shown like a board.</summary>
public sealed class SearchModel(SearchQueries search) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Only posts with this tag (any form of it); with no words, all of its posts.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Tag { get; set; }

    public BoardListing? Listing { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken cancellationToken)
    {
        var tag = string.IsNullOrWhiteSpace(Tag) ? null : Forum.Gateway.ReadModels.Tags.TagQueries.KeyOf(Tag);
        if (string.IsNullOrWhiteSpace(Q) && tag is null && string.IsNullOrWhiteSpace(Tag))
        {
            return;
        }
        var query = Q?.Trim() ?? "";
        var pageNumber = 1;
        if (query.Length > SearchQueries.MaxQueryLength || (tag is null && (query.Length == 0 || !string.IsNullOrWhiteSpace(Tag)))
            || (page is not null && (!int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageNumber) || pageNumber is < 1 or > 1_000_000)))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Listing = await search.SearchAsync(query, null, pageNumber, PostQueries.DefaultPageSize, cancellationToken, tag);
    }
}
