using System.Diagnostics.CodeAnalysis;
using Forum.Content;

namespace Forum.Gateway.Drafts;

/// <summary>
/// Where a draft belongs, as the API names it: <c>board-{slug}</c> (a new post in a board),
/// <c>comment-{postId}</c> (a comment on a post) or <c>edit-{postId}</c> (an edit of a post).
/// </summary>
public sealed record DraftPlace(string Kind, string Target)
{
    public const string Board = "board";
    public const string Comment = "comment";
    public const string Edit = "edit";

    /// <summary>As long as a board's slug may be (the posts service's rule); longer names no board.</summary>
    private const int MaxSlugLength = 64;

    public static DraftPlace ForBoard(string slug) => new(Board, slug);

    public static DraftPlace ForComment(Guid postId) => new(Comment, postId.ToString("D"));

    public static DraftPlace ForEdit(Guid postId) => new(Edit, postId.ToString("D"));

    /// <summary>The place's name in the API: <c>board-tin-tuc</c>, <c>comment-…</c>, <c>edit-…</c>.</summary>
    public string Name => $"{Kind}-{Target}";

    /// <summary>Whether the text written there has a title: a post does, a comment does not.</summary>
    public bool HasTitle => Kind != Comment;

    /// <summary>How long the body may be: the limit of what is published from it.</summary>
    public int MaxBodyBytes => Kind == Comment ? PostLimits.MaxCommentBytes : PostLimits.MaxBodyBytes;

    /// <summary>The post a comment or edit draft belongs to; null for a board's.</summary>
    public Guid? PostId => Kind == Board ? null : Guid.Parse(Target);

    /// <summary>Where the form of this place is, for a list of drafts to link to.</summary>
    public string FormPath => Kind switch
    {
        Board => $"/compose?board={Uri.EscapeDataString(Target)}",
        Comment => $"/posts/{Target}#comment-form",
        _ => $"/posts/{Target}/edit",
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out DraftPlace? place)
    {
        place = null;
        var dash = name?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (name is null || dash < 1)
        {
            return false;
        }
        var (kind, target) = (name[..dash], name[(dash + 1)..]);
        switch (kind)
        {
            case Board when target.Length is > 0 and <= MaxSlugLength && target.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'):
                place = ForBoard(target);
                return true;
            case Comment or Edit when Guid.TryParseExact(target, "D", out var postId):
                place = new(kind, postId.ToString("D"));
                return true;
            default:
                return false;
        }
    }

    public override string ToString() => Name;
}

/// <summary>
/// One member's unfinished text for one place. Member state, not forum history: no event records
/// it, it is replaced in place as the member types, and it is deleted when they publish, discard
/// it or leave the forum.
/// </summary>
public sealed record Draft
{
    /// <summary><see cref="IdOf"/>: the member and the place, so a member keeps one draft per place.</summary>
    public string Id { get; init; } = "";
    public Guid MemberId { get; init; }

    /// <summary>The place's <see cref="DraftPlace.Name"/>.</summary>
    public string Place { get; init; } = "";
    public string? Title { get; init; }
    public string Body { get; init; } = "";

    /// <summary>For an edit: the version of the post the text was written against, so publishing it over a newer edit is a conflict the writer sees.</summary>
    public long? Version { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public static string IdOf(Guid memberId, DraftPlace place) => $"{memberId:N}:{place.Name}";
}
