using Forum.EventSourcing.PersonalData;
using Marten;

namespace Forum.Gateway.Bookmarks;

/// <summary>A member who leaves takes their bookmarks and notes with them.</summary>
public sealed class BookmarksForgetting : IForgetsMembers
{
    public Task ForgetAsync(IDocumentSession session, LeavingMember member, CancellationToken cancellationToken)
    {
        session.DeleteWhere<Bookmark>(bookmark => bookmark.MemberId == member.Id);
        return Task.CompletedTask;
    }
}
