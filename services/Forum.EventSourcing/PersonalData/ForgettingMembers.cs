using Forum.Contracts.Accounts;
using Forum.EventSourcing.KnowingMembers;
using Forum.ServiceDefaults.Telemetry;
using Marten;
using MassTransit;

namespace Forum.EventSourcing.PersonalData;

/// <summary>A member who is leaving: their account id, and their name where this process still knows it.</summary>
public sealed record LeavingMember(Guid Id, string? UserName);

/// <summary>What a part keeps of members outside sealed events (a name copied into a document), removed when one leaves.</summary>
public interface IForgetsMembers
{
    /// <summary>Removes or renames what this part keeps of <paramref name="member"/>, in <paramref name="session"/> (saved by the caller).</summary>
    Task ForgetAsync(IDocumentSession session, LeavingMember member, CancellationToken cancellationToken);
}

/// <summary>
/// A member left (<see cref="MemberForgotten"/>): this service deletes their key, so everything of
/// theirs in its events reads as forgotten, and what it keeps of them in documents. Forgetting twice
/// is forgetting once.
/// </summary>
public sealed class ForgettingMembers(MemberKeyRing keys, IDocumentSession session, IEnumerable<IForgetsMembers> parts) : IConsumer<MemberForgotten>
{
    public async Task Consume(ConsumeContext<MemberForgotten> context)
    {
        using var activity = ForumTelemetry.Source.StartActivity("forget member");
        var member = context.Message.AccountId;
        var known = await session.Query<KnownMember>().Where(k => k.AccountId == member).ToListAsync(context.CancellationToken);
        var leaving = new LeavingMember(member, known.FirstOrDefault()?.UserName);
        session.DeleteWhere<KnownMember>(k => k.AccountId == member);
        foreach (var part in parts)
        {
            await part.ForgetAsync(session, leaving, context.CancellationToken);
        }
        await session.SaveChangesAsync(context.CancellationToken);
        // Last: until the documents are saved, a redelivery must still find the key's owner to forget.
        await keys.ForgetAsync(member, context.CancellationToken);
        PersonalDataMetrics.MembersForgotten.Add(1);
    }
}
