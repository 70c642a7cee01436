using Forum.EventSourcing.PersonalData;
using Marten;

namespace Forum.Gateway.Reading;

/// <summary>A member who leaves takes what they read with them: positions and board marks, stored and pending.</summary>
public sealed class ReadingForgetting(ReadPositions positions) : IForgetsMembers
{
    public Task ForgetAsync(IDocumentSession session, LeavingMember member, CancellationToken cancellationToken)
    {
        positions.Forget(member.Id);
        session.QueueSqlCommand("delete from forum.read_positions where member_id = ?", member.Id);
        session.QueueSqlCommand("delete from forum.board_read_marks where member_id = ?", member.Id);
        return Task.CompletedTask;
    }
}
