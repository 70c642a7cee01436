using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.ReadModels.Search;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace Forum.Gateway.Web.Pages.Search;

/// <summary>Search as a page: the same query as <c>/api/search</c>, shown like a board.</summary>
public sealed class SearchModel(NpgsqlDataSource dataSource, IQuerySession session) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public BoardListing? Listing { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Q))
        {
            return;
        }
        var result = await SearchQueries.Search(dataSource, session, cancellationToken, Q, null, page, null);
        Listing = (result.Result as Ok<BoardListing>)?.Value;
        if (Listing is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
