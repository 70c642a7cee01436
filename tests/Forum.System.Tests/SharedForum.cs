using Forum.Testing;

namespace Forum.System.Tests.Web;

/// <summary>
/// One forum shared by the classes that only read and write as members (profiles, finding one's
/// way): each class starting a forum of its own cost the suite a forum start-up apiece.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReadersForum : ICollectionFixture<ForumSystem>
{
    public const string Name = "a forum for readers";
}
