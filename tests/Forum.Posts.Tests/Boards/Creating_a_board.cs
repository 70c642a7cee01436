using Forum.Posts.Boards;
using Forum.Posts.Boards.Creating;

namespace Forum.Posts.Tests.Boards;

/// <summary>Given no board or one, when an admin creates a board, then BoardCreated or a refusal.</summary>
public sealed class Creating_a_board
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_board_has_an_ASCII_slug_and_a_name_in_any_language()
    {
        var decision = CreateBoardDecision.Decide(null, new CreateBoard("hoi-dap", "  Hỏi đáp  ", "Hỏi và đáp", "admin", Now));

        Assert.Equal(new BoardCreated(BoardSlug.StreamId("hoi-dap"), "hoi-dap", "Hỏi đáp", "Hỏi và đáp", "admin", Now), decision.Event);
    }

    [Theory]
    [InlineData("Hỏi-đáp")]
    [InlineData("hoi dap")]
    [InlineData("")]
    [InlineData("--")]
    public void A_slug_that_is_not_lower_case_ASCII_words_is_refused(string slug)
    {
        Assert.Equal(["slug"], CreateBoardDecision.Decide(null, new CreateBoard(slug, "Tên", "", "admin", Now)).Errors!.ToDictionary().Keys);
    }

    [Fact]
    public void A_taken_slug_is_a_conflict()
    {
        var existing = new Board(BoardSlug.StreamId("tin-tuc"), "tin-tuc", "Tin tức", "", Now);

        var decision = CreateBoardDecision.Decide(existing, new CreateBoard("tin-tuc", "Tin tức 2", "", "admin", Now));

        Assert.Equal(Forum.EventSourcing.RefusalKind.Conflict, decision.Refusal!.Kind);
    }

    [Fact]
    public void A_board_stream_id_follows_from_its_slug_alone()
    {
        Assert.Equal(BoardSlug.StreamId("tin-tuc"), BoardSlug.StreamId("tin-tuc"));
        Assert.NotEqual(BoardSlug.StreamId("tin-tuc"), BoardSlug.StreamId("hoi-dap"));
    }
}
