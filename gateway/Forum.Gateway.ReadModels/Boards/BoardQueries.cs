using Forum.Gateway.ReadModels.Posts;
using Marten;

namespace Forum.Gateway.ReadModels.Boards;

/// <summary>A board in the board list, with how many posts it shows.</summary>
public sealed record BoardView(string Slug, string Name, string Description, long PostCount);

/// <summary>The read side of boards, for the API and the pages alike.</summary>
public sealed class BoardQueries(IQuerySession session, HotPages hot)
{
    /// <summary>
    /// The board with this slug, held as a hot page: every board page and feed starts with it, and
    /// reading it from the database was half of an HTML board page's time (bench/HISTORY.md). A
    /// slug that names no board is not held, so a board is found the moment it is projected.
    /// </summary>
    public Task<BoardSummary?> FindAsync(string slug, CancellationToken cancellationToken) =>
        hot.GetOrLoadAsync<BoardSummary?>(("board-summary", slug),
            () => session.Query<BoardSummary>().FirstOrDefaultAsync(b => b.Slug == slug, cancellationToken), HotPages.SharedDataMaxAge);

    /// <summary>Every board, oldest first, with the number of posts it shows.</summary>
    public async Task<IReadOnlyList<BoardView>> ListAsync(CancellationToken cancellationToken)
    {
        var boards = await session.Query<BoardSummary>().OrderBy(b => b.CreatedAt).ThenBy(b => b.Slug).ToListAsync(cancellationToken);
        var views = new List<BoardView>(boards.Count);
        foreach (var board in boards)
        {
            var count = await session.Query<PostSummary>().CountAsync(p => p.Board == board.Slug && !p.Withdrawn && p.ContentVersion > 0, cancellationToken);
            views.Add(new BoardView(board.Slug, board.Name, board.Description, count));
        }
        return views;
    }
}
