using Forum.Contracts.Accounts;
using Forum.EventSourcing.PersonalData;
using Forum.Gateway.ReadModels.Comments;
using Forum.Gateway.ReadModels.Posts;
using Marten;
using Marten.Patching;

namespace Forum.Gateway.ReadModels.Forgetting;

/// <summary>
/// A member who left is credited as a former member in the read models at once: their posts and
/// comments, and quotes of their comments. (A rebuild gets the same from the services' feeds, whose
/// events can no longer be opened for them.)
/// </summary>
public sealed class ReadModelsForgetting : IForgetsMembers
{
    public Task ForgetAsync(IDocumentSession session, LeavingMember member, CancellationToken cancellationToken)
    {
        if (member.UserName is not { } name)
        {
            return Task.CompletedTask;
        }
        const string former = MemberForgotten.FormerMemberName;
        session.Patch<PostSummary>(post => post.Author == name).Set(post => post.Author, former);
        session.Patch<CommentView>(comment => comment.Author == name).Set(comment => comment.Author, former);
        session.Patch<CommentView>(comment => comment.Quote != null && comment.Quote.Author == name).Set(comment => comment.Quote!.Author, former);
        return Task.CompletedTask;
    }
}
