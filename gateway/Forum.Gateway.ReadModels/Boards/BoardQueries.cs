using Forum.Gateway.ReadModels.Posts;
using Marten;

namespace Forum.Gateway.ReadModels.Boards;

/// <summary>A board in the board list, with how many posts it shows.</summary>
public sealed record BoardView(string Slug, string Name, string Description, long PostCount, int Position = 0);

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

    /// <summary>The newest event of the board this read model holds (0: not here yet), read afresh for a writer who waits for their change.</summary>
    public async Task<long> VersionAsync(string slug, CancellationToken cancellationToken) =>
        (await session.Query<BoardSummary>().Where(b => b.Slug == slug).Select(b => b.Version).ToListAsync(cancellationToken)).FirstOrDefault();

    /// <summary>Every board in the order admins gave them (oldest first within one position), with the number of posts it shows.</summary>
    public async Task<IReadOnlyList<BoardView>> ListAsync(CancellationToken cancellationToken)
    {
        var boards = await session.Query<BoardSummary>().Where(b => b.Slug != "")
            .OrderBy(b => b.Position).ThenBy(b => b.CreatedAt).ThenBy(b => b.Slug).ToListAsync(cancellationToken);
        var views = new List<BoardView>(boards.Count);
        foreach (var board in boards)
        {
            var count = await session.Query<PostSummary>().CountAsync(p => p.Board == board.Slug && !p.Withdrawn && p.ContentVersion > 0, cancellationToken);
            views.Add(new BoardView(board.Slug, board.Name, board.Description, count, board.Position));
        }
        return views;
    }
}
