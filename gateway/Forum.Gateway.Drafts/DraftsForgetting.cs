using Forum.EventSourcing.PersonalData;
using Marten;

namespace Forum.Gateway.Drafts;

/// <summary>A member who leaves takes their unfinished texts with them.</summary>
public sealed class DraftsForgetting : IForgetsMembers
{
    public Task ForgetAsync(IDocumentSession session, LeavingMember member, CancellationToken cancellationToken)
    {
        session.DeleteWhere<Draft>(draft => draft.MemberId == member.Id);
        return Task.CompletedTask;
    }
}
