using System.Text;
using System.Xml;
using System.Xml.Linq;
using Forum.Gateway.ReadModels.Boards;
using Forum.Gateway.ReadModels.Posts;
using Forum.Gateway.Edge;

namespace Forum.Gateway.QueryApi;

/// <summary>
/// <c>GET /boards/{slug}/feed</c>: an Atom 1.0 feed of a board's latest posts, for feed readers.
/// Written with <see cref="XDocument"/>: Atom is small, and this needs no dependency.
/// </summary>
public static class BoardFeed
{
    public const int Entries = 20;
    public const string ContentType = "application/atom+xml; charset=utf-8";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static IEndpointRouteBuilder MapBoardFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/boards/{slug}/feed", GetFeed).WithName("BoardFeed").CacheOutput(ReadersOutputCache.Policy);
        return app;
    }

    internal static async Task<IResult> GetFeed(string slug, HttpRequest request, BoardQueries boards, PostQueries postQueries, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var board = await boards.FindAsync(slug, cancellationToken);
        if (board is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such board.", detail: $"There is no board '{slug}'.");
        }
        var posts = await postQueries.LatestAsync(slug, Entries, cancellationToken);

        var site = $"{request.Scheme}://{request.Host}";
        var updated = posts.Select(Updated).DefaultIfEmpty(board.CreatedAt).Max();
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", $"urn:uuid:{board.Id}"),
            new XElement(Atom + "title", board.Name),
            new XElement(Atom + "subtitle", board.Description),
            // The forum publishes the feed; each entry names its own author.
            new XElement(Atom + "author", new XElement(Atom + "name", new SiteName(configuration).Or("Forum"))),
            new XElement(Atom + "updated", Time(updated)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", $"{site}/boards/{Uri.EscapeDataString(slug)}/feed")),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", $"{site}/boards/{Uri.EscapeDataString(slug)}")),
            posts.Select(post => new XElement(Atom + "entry",
                new XElement(Atom + "id", $"urn:uuid:{post.Id}"),
                new XElement(Atom + "title", new XAttribute("type", "text"), post.Title),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", $"{site}/posts/{post.Id}")),
                new XElement(Atom + "author", new XElement(Atom + "name", post.Author)),
                new XElement(Atom + "published", Time(post.PublishedAt)),
                new XElement(Atom + "updated", Time(Updated(post))),
                // One category per tag; the label is the tag itself, the scheme the forum's tag pages.
                post.Tags.Select(tag => new XElement(Atom + "category", new XAttribute("term", tag), new XAttribute("scheme", $"{site}/tags/"))),
                new XElement(Atom + "summary", new XAttribute("type", "text"), post.Excerpt),
                // The body is the posts service's sanitised HTML, escaped here as Atom's type="html" asks.
                new XElement(Atom + "content", new XAttribute("type", "html"), post.BodyHtml))));

        using var buffer = new MemoryStream();
        await using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true }))
        {
            await new XDocument(new XDeclaration("1.0", "utf-8", null), feed).SaveAsync(writer, cancellationToken);
        }
        return TypedResults.Bytes(buffer.ToArray(), ContentType);
    }

    private static DateTimeOffset Updated(PostSummary post) => post.EditedAt ?? post.PublishedAt;

    private static string Time(DateTimeOffset time) => XmlConvert.ToString(time.ToUniversalTime().UtcDateTime, XmlDateTimeSerializationMode.Utc);
}
