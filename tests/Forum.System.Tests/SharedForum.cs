using Forum.Testing;

namespace Forum.System.Tests;

/// <summary>
/// One forum shared by the classes that only read and write as members on boards and accounts of
/// their own, and stop no service: a forum of its own per class cost the suite a start-up of five
/// processes and their databases apiece (about 30 s of CPU on two cores). Their tests run one after
/// another on it. A class that stops a service, changes settings or counts forum-wide totals that
/// another class's late events could move (daily statistics) keeps a forum of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedForum : ICollectionFixture<ForumSystem>
{
    public const string Name = "one forum shared by classes that keep to their own boards and members";
}
