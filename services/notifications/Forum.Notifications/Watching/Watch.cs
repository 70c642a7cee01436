using System.Security.Cryptography;
using System.Text;

namespace Forum.Notifications.Watching;

/// <summary>What a member can watch.</summary>
public static class WatchKinds
{
    public const string Post = "post";
    public const string Board = "board";
}

/// <summary>
/// Whether a member watches a post or a board. An unwatch is kept (<see cref="Watching"/> false),
/// so that commenting again does not make the member watch a post they chose to leave.
/// </summary>
public sealed record Watch(Guid Id, Guid MemberId, string Kind, string Subject, bool Watching)
{
    public static Guid IdFor(Guid member, string kind, string subject) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"watch:{kind}:{subject}:{member:N}")).AsSpan(0, 16));

    public static Watch Of(Guid member, string kind, string subject, bool watching) => new(IdFor(member, kind, subject), member, kind, subject, watching);
}
