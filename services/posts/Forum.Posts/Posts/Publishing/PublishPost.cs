using Forum.EventSourcing.PersonalData;
using Forum.Content;
using Forum.EventSourcing;
using Forum.ServiceDefaults.Security;

namespace Forum.Posts.Posts.Publishing;

/// <summary>Someone asks to publish a post on a board.</summary>
/// <remarks>The author is the signed-in user, taken from the token, never from the request.</remarks>
/// <param name="NewMembersNeedApproval">Whether a new member's post waits for a moderator (<see cref="PostApproval"/>).</param>
/// <param name="Tags">The tags as typed (<see cref="TagNames"/>); null or empty for none.</param>
public sealed record PublishPost(Guid PostId, string? Board, string? Title, string? Body, Actor Author, DateTimeOffset Now, bool NewMembersNeedApproval = false, IReadOnlyList<string?>? Tags = null);

/// <summary>The rules for publishing, as a pure function from command to event or refusal.</summary>
public static class PublishPostDecision
{
    /// <param name="boardExists">Whether a board with the given slug exists.</param>
    /// <param name="members">The known members the body may name (<see cref="Mentions"/>).</param>
    public static Decision<PostPublished> Decide(PublishPost command, Func<string, bool> boardExists, MarkdownRenderer renderer, IReadOnlyDictionary<string, MentionedMember>? members = null)
    {
        var errors = new FieldErrors();
        var board = command.Board?.Trim();
        if (string.IsNullOrEmpty(board))
        {
            errors.Add("board", "A board is required.");
        }
        else if (!Boards.BoardSlug.IsValid(board) || !boardExists(board))
        {
            errors.Add("board", $"There is no board '{board}'.");
        }
        var (title, body) = PostContent.Check(command.Title, command.Body, errors);
        var tags = PostContent.CheckTags(command.Tags, errors);
        if (errors.Any)
        {
            return Decision<PostPublished>.Refused(errors, "The post cannot be published.");
        }

        var rendered = renderer.Render(body, members);
        var isNew = command.Author.IsNewMemberAt(command.Now);
        if (isNew)
        {
            PostContent.CheckNewMemberBody(rendered, errors);
            if (errors.Any)
            {
                return Decision<PostPublished>.Refused(errors, "The post cannot be published.");
            }
        }
        return Decision<PostPublished>.Accepted(new PostPublished(
            command.PostId, board!, title, body, rendered.Html, rendered.Excerpt, rendered.HasImage,
            command.Author.Id, command.Author.PersonalName(), command.Now, [.. rendered.Mentioned.Select(m => m.Id)],
            AwaitingApproval: isNew && command.NewMembersNeedApproval, Tags: tags ?? []));
    }
}
