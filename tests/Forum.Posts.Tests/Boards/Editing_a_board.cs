using Forum.EventSourcing;
using Forum.Posts.Boards;
using Forum.Posts.Boards.Editing;

namespace Forum.Posts.Tests.Boards;

/// <summary>Given a board or none, when an admin edits it, then BoardEdited, nothing, or a refusal; the board applies the edit.</summary>
public sealed class Editing_a_board
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Board News = new(BoardSlug.StreamId("tin-tuc"), "tin-tuc", "Tin tức", "Tin trong ngày", Now.AddDays(-10));

    [Fact]
    public void A_board_is_renamed_in_any_script_and_moved_and_keeps_its_slug()
    {
        var decision = EditBoardDecision.Decide(News, new EditBoard("  Tin tức 뉴스 ẩm thực  ", "Mỗi ngày", 3, "quản_trị", Now));

        Assert.Equal(new BoardEdited(News.Id, "Tin tức 뉴스 ẩm thực", "Mỗi ngày", 3, "quản_trị", Now), decision.Event);
        Assert.Equal(News with { Name = "Tin tức 뉴스 ẩm thực", Description = "Mỗi ngày", Position = 3 }, News.Apply(decision.Event!));
    }

    [Fact]
    public void Leaving_the_position_out_keeps_it_and_asking_for_what_is_there_changes_nothing()
    {
        var moved = News with { Position = 7 };

        var decision = EditBoardDecision.Decide(moved, new EditBoard("Tin tức", "Tin trong ngày", null, "quản_trị", Now));

        Assert.True(decision.IsAccepted);
        Assert.Null(decision.Event);
    }

    [Theory]
    [InlineData("", "", 0, "name")]
    [InlineData("Tên\nhai dòng", "", 0, "name")]
    [InlineData("Tin tức", "", -1, "position")]
    [InlineData("Tin tức", "", 10_000, "position")]
    public void A_name_on_more_than_one_line_or_none_and_a_position_out_of_range_are_refused(string name, string description, int position, string field)
    {
        var decision = EditBoardDecision.Decide(News, new EditBoard(name, description, position, "quản_trị", Now));

        Assert.Equal([field], decision.Errors!.ToDictionary().Keys);
    }

    [Fact]
    public void A_name_of_two_hundred_mathematical_bold_letters_is_refused_by_its_letters_not_its_bytes()
    {
        var hundred = string.Concat(Enumerable.Repeat("𝐀", 100));

        Assert.True(EditBoardDecision.Decide(News, new EditBoard(hundred, "", 0, "quản_trị", Now)).IsAccepted);
        Assert.Equal(["name"], EditBoardDecision.Decide(News, new EditBoard(hundred + "𝐁", "", 0, "quản_trị", Now)).Errors!.ToDictionary().Keys);
    }

    [Fact]
    public void No_board_is_not_found()
    {
        Assert.Equal(RefusalKind.NotFound, EditBoardDecision.Decide(null, new EditBoard("Tin tức", "", 0, "quản_trị", Now)).Refusal!.Kind);
    }
}
