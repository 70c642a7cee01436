using Forum.Content;
using Forum.Contracts.Accounts;
using Marten;
using MassTransit;

namespace Forum.EventSourcing.KnowingMembers;

/// <summary>A member a writing service knows of, keyed by their name as names compare (<see cref="MemberNames.Key"/>).</summary>
public sealed record KnownMember(string Id, Guid AccountId, string UserName);

/// <summary>
/// The members the services that members write in know of, from the gateway's
/// <see cref="MemberJoined"/>: whom an <c>@name</c> names. Storing a member twice stores the same.
/// </summary>
public sealed class MemberEventsConsumer(IDocumentSession session) : IConsumer<MemberJoined>
{
    public async Task Consume(ConsumeContext<MemberJoined> context)
    {
        var joined = context.Message;
        session.Store(new KnownMember(MemberNames.Key(joined.UserName), joined.AccountId, joined.UserName));
        await session.SaveChangesAsync(context.CancellationToken);
    }
}

public static class KnownMembers
{
    public static void Register(StoreOptions options) => options.Schema.For<KnownMember>();

    /// <summary>The known members that a body's <c>@name</c>s name, by key, for <see cref="MarkdownRenderer.Render"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, MentionedMember>> NamedInAsync(IQuerySession session, string? markdown, CancellationToken cancellationToken)
    {
        var candidates = Mentions.CandidatesIn(markdown);
        if (candidates.Count == 0)
        {
            return new Dictionary<string, MentionedMember>();
        }
        var known = await session.LoadManyAsync<KnownMember>(cancellationToken, candidates);
        return known.ToDictionary(m => m.Id, m => new MentionedMember(m.AccountId, m.UserName));
    }
}
