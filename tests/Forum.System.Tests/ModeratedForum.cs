using Forum.System.Tests.Security;

namespace Forum.System.Tests;

/// <summary>
/// One forum with a moderator and two replicas of everything, shared by the moderation and
/// administration classes (each keeps to members and posts of its own): a forum of ten processes
/// per class cost the suite a minute of CPU apiece. Their tests run one after another on it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ModeratedForum : ICollectionFixture<ForumWithAModerator>
{
    public const string Name = "one forum with a moderator, shared by the moderation and administration classes";
}
